import ArgumentParser
import Logging

/// The `tinq` command: one binary for the broker, the workers and every client.
@main
struct Tinq: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tinq",
        abstract: "A news-ingest queue: scrapers push articles, workers analyse them, subscribers get results.",
        discussion: """
            Start everything on a laptop with `tinq serve --workers 2`, push pages with \
            `tinq push FILE...` and watch results with `tinq subscribe`. Run `tinq classify` to \
            analyse files offline without a broker.
            """,
        subcommands: [
            ServeCommand.self,
            BrokerCommand.self,
            WorkerCommand.self,
            PushCommand.self,
            SubscribeCommand.self,
            StatusCommand.self,
            MetricsCommand.self,
            DLQCommand.self,
            ClassifyCommand.self,
            EvalCommand.self,
            BenchCommand.self,
            CheckConfigCommand.self,
            KeygenCommand.self,
        ]
    )

    /// Bootstraps logging (to standard error, which journald collects), then runs the command.
    static func main() async {
        // The format (log.format) is known once the settings are read; handlers ask LogOutput then.
        LoggingSystem.bootstrap { LogOutput.handler(label: $0) }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
