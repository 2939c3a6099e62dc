import ArgumentParser

/// `tinq broker` (not built yet).
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "broker", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
