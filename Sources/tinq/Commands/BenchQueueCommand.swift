import ArgumentParser

/// `tinq bench queue` (not built yet).
struct BenchQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
