import ArgumentParser

/// `tinq status` (not built yet).
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
