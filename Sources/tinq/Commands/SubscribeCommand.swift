import ArgumentParser

/// `tinq subscribe` (not built yet).
struct SubscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "subscribe", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
