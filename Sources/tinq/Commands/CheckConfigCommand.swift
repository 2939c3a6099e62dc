import ArgumentParser

/// `tinq check-config` (not built yet).
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-config", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
