import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SystemdNotify
import TinqAnalysis
import TinqWorker

/// `tinq worker`: run one worker process.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run one worker: take jobs from the broker, analyse each article, return the result.",
        discussion: """
            Connects to the broker's backend endpoint, registers with worker.credit jobs of \
            prefetch, heartbeats every broker.heartbeat_interval_ms, and reconnects by itself when \
            the broker restarts. Run one process per core (systemd: tinq-worker@N.service). On \
            SIGTERM it finishes the current job, hands the unstarted ones back, and exits.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "A name for logs and `tinq status` (default: worker.name key, else host-pid).")
    var name: String?

    @Option(help: ArgumentHelp("Topic taxonomy JSON file (default: worker.taxonomy key, else the built-in config/taxonomy.json).", valueName: "path"))
    var taxonomy: String?

    @Option(help: .hidden) var testDelayMs: Int = 0
    @Option(help: .hidden) var testCrashMarker: String?
    @Option(help: .hidden) var testHangMarker: String?
    /// Benchmarks only: answer every job with a minimal result, to measure the queue without the analysis.
    @Flag(help: .hidden) var benchNullAnalysis = false

    func run() async throws {
        let settings = try await Settings.load(options)
        var configuration = settings.worker(name: name)
        if let taxonomy { configuration.taxonomyPath = taxonomy }
        let problems = configuration.problems()
        guard problems.isEmpty else { throw SettingsError(problems.joined(separator: "; ")) }
        let logger = settings.logger("tinq.worker")
        let analyzer = Analyzer(taxonomy: try loadTaxonomy(configuration.taxonomyPath))
        let processor = AnalysisProcessor(analyzer: analyzer)
        let notifier = SystemdNotifier()
        // Fault injection for the test suite only (hidden options): slow every job, crash the
        // process on a body containing a marker (as a poison article would), or hang on one.
        let delay = testDelayMs
        let nullAnalysis = benchNullAnalysis
        let marker = testCrashMarker.map { Array($0.utf8) }
        let hang = testHangMarker.map { Array($0.utf8) }
        let service = WorkerService(configuration: configuration, processor: { job in
            if delay > 0 { usleep(useconds_t(delay * 1000)) }
            if nullAnalysis { return .result(labels: [], json: Array(#"{"analyzer":"null"}"#.utf8)) }
            if let marker, Self.contains(job.body, marker) {
                fatalError("test crash marker found in job \(job.jobID)")
            }
            if let hang, Self.contains(job.body, hang) {
                while true { sleep(1) }  // a stuck analysis, for the job-timeout watchdog
            }
            return processor.process(job)
        }, logger: logger) {
            try? notifier.notify(.ready)
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension WorkerCommand {
    static func contains(_ body: [UInt8], _ marker: [UInt8]) -> Bool {
        guard !marker.isEmpty, body.count >= marker.count else { return false }
        return (0...(body.count - marker.count)).contains { body[$0..<($0 + marker.count)].elementsEqual(marker) }
    }
}

/// Loads a taxonomy file, or the built-in one for nil.
func loadTaxonomy(_ path: String?) throws -> Taxonomy {
    guard let path else { return .builtin }
    guard let data = FileManager.default.contents(atPath: path) else { throw SettingsError("cannot read taxonomy file \(path)") }
    do {
        return try Taxonomy(jsonBytes: Array(data))
    } catch {
        throw SettingsError("taxonomy file \(path) is not valid: \(error)")
    }
}
