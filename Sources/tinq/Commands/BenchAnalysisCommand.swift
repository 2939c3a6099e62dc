import ArgumentParser

/// `tinq bench analysis` (not built yet).
struct BenchAnalysisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analysis", abstract: "Not built yet.")
    func run() async throws { throw ExitCode.failure }
}
