import ArgumentParser

/// `tinq bench` (not built yet).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
