import ArgumentParser

/// `tinq push` (not built yet).
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "push", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
