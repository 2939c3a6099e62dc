import ArgumentParser
import Logging
import ServiceLifecycle
import SystemdNotify
import TinqBroker

/// `tinq broker`: run the broker.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run the broker: accept articles, hand them to workers, publish results.",
        discussion: """
            Binds three sockets (frontend for producers and admin, backend for workers, results \
            for subscribers; ipc:// under the runtime directory by default), keeps jobs and the \
            results log in SQLite under the data directory, and recovers unfinished jobs on start. \
            Tells systemd when it is ready (Type=notify). On SIGTERM it drains: new submissions \
            get BUSY, jobs in flight may finish within broker.drain_timeout_ms, the rest stay \
            stored for the next start. On SIGHUP (systemctl reload) it rereads \
            broker.curve_authorized_keys_file, and when keys were removed resets every \
            connection so that their holders are shut out at once; other settings need a restart.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let settings = try await Settings.load(options)
        let configuration = settings.broker
        let problems = configuration.problems()
        guard problems.isEmpty else { throw SettingsError(problems.joined(separator: "; ")) }
        try settings.makeDirectories()
        let logger = settings.logger("tinq.broker")
        let notifier = SystemdNotifier()
        let service = BrokerService(configuration: configuration, logger: logger, metrics: MetricsExport.bootstrapPrometheus(), onReady: {
            do { try notifier.notify(.ready, .status("accepting articles")) } catch { logger.warning("sd_notify failed.", metadata: ["error": "\(error)"]) }
        }, onDrain: {
            try? notifier.notify(.stopping, .status("draining: finishing jobs in flight"))
        })
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
