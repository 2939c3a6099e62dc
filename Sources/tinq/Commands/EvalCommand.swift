import ArgumentParser

/// `tinq eval` (not built yet).
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
