import ArgumentParser
import Logging
import ServiceLifecycle
import SystemdNotify
import TinqBroker

/// `tinq serve`: the broker and N workers from one command.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the broker and N worker processes together (the laptop default).",
        discussion: """
            The broker runs in this process; each worker is a child `tinq worker` process, restarted \
            if it dies. Ctrl-C or SIGTERM stops them all: workers finish their current job, the \
            broker drains and exits. For production use the systemd units instead.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Number of worker processes.")
    var workers: Int = 2

    func run() async throws {
        guard workers >= 0, workers <= 64 else { throw ValidationError("--workers must be 0...64") }
        let settings = try await Settings.load(options)
        let configuration = settings.broker
        let problems = configuration.problems()
        guard problems.isEmpty else { throw SettingsError(problems.joined(separator: "; ")) }
        try settings.makeDirectories()
        let logger = settings.logger("tinq.serve")
        // Children get the same configuration, with directories made explicit.
        var childArguments = ["--runtime-dir", settings.runtimeDirectory, "--data-dir", settings.dataDirectory, "--log-level", settings.logLevel.rawValue]
        if let file = settings.configFile { childArguments += ["--config", file] }
        for o in options.overrides { childArguments += ["--set", o] }
        let notifier = SystemdNotifier()
        let broker = BrokerService(configuration: configuration, logger: settings.logger("tinq.broker"), metrics: MetricsExport.bootstrapPrometheus()) {
            try? notifier.notify(.ready)
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: broker)]
        if workers > 0 {
            services.append(.init(service: WorkerProcesses(count: workers, arguments: childArguments, logger: logger)))
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
