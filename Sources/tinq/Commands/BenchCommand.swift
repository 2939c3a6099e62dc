import ArgumentParser

/// `tinq bench`: benchmarks that print figures (never timed tests).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures.",
        subcommands: [BenchAnalysisCommand.self, BenchQueueCommand.self]
    )
}
