import ArgumentParser

/// `tinq classify` (not built yet).
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "classify", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
