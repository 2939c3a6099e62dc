import ArgumentParser

/// `tinq worker` (not built yet).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
