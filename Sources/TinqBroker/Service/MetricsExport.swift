import Foundation
import Metrics
import Prometheus
import Synchronization

/// The broker's metrics backend: swift-metrics objects (``BrokerMetrics``, the store's timers)
/// recorded into a Prometheus registry, which the broker renders for a METRICS request
/// (`tinq metrics`) and into a text file for node_exporter's textfile collector.
public enum MetricsExport {
    private static let installed = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-metrics with a Prometheus registry once per process and returns it.
    public static func bootstrapPrometheus() -> PrometheusCollectorRegistry {
        installed.withLock { current in
            if let current { return current }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            current = registry
            return registry
        }
    }

    /// Writes the registry's text to `path` atomically (a temporary file, then rename), so a
    /// collector never reads half a file.
    static func write(_ registry: PrometheusCollectorRegistry, to path: String) throws {
        let temporary = path + ".tmp"
        let text = registry.emitToBuffer()
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: reason])
        }
    }
}

extension Metrics.Timer {
    /// Records the time from `start` to now.
    func recordInterval(since start: ContinuousClock.Instant) {
        let d = ContinuousClock.now - start
        recordNanoseconds(d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000)
    }
}
