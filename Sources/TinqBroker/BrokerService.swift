import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import UnixSignals
import ZeroMQ

/// The broker as a ``Service``: `run()` starts the socket loop on its own thread and returns when
/// it stops. A graceful shutdown (SIGTERM in a ServiceGroup) drains: no new submissions, jobs in
/// flight may finish within the drain time, the rest stay stored. SIGHUP rereads the authorized
/// CURVE keys (`systemctl reload tinq-broker`).
public struct BrokerService: Service {
    private let configuration: BrokerConfiguration
    private let logger: Logger
    private let onReady: @Sendable () -> Void
    private let onDrain: @Sendable () -> Void
    private let metrics: PrometheusCollectorRegistry?

    /// Creates the service; `onReady` runs once the sockets are bound and jobs recovered,
    /// `onDrain` when a graceful shutdown begins. `metrics` is the registry swift-metrics was
    /// bootstrapped with (``MetricsExport/bootstrapPrometheus()``), served to METRICS requests
    /// and written to the metrics file; nil: METRICS answers with an empty text.
    public init(configuration: BrokerConfiguration, logger: Logger, metrics: PrometheusCollectorRegistry? = nil,
                onReady: @escaping @Sendable () -> Void = {}, onDrain: @escaping @Sendable () -> Void = {}) {
        self.metrics = metrics
        self.configuration = configuration
        self.logger = logger
        self.onReady = onReady
        self.onDrain = onDrain
    }

    public func run() async throws {
        let control: LoopControl
        do { control = try LoopControl() } catch { throw BrokerError.zmq(error) }
        let configuration = self.configuration
        let logger = self.logger
        let onReady = self.onReady
        let onDrain = self.onDrain
        let metrics = self.metrics
        // Trapped before the loop starts, so a SIGHUP never ends the broker (its default action).
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let reloads = Task {
            for await _ in hangups { control.requestReload() }
        }
        defer { reloads.cancel() }
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let thread = Thread {
                        ThreadName.set("tinq-broker")
                        do {
                            let engine = try BrokerEngine(configuration: configuration, control: control, logger: logger, registry: metrics)
                            logger.notice("Broker ready.", metadata: [
                                "endpoint.frontend": "\(configuration.frontendEndpoint)",
                                "endpoint.backend": "\(configuration.backendEndpoint)",
                                "endpoint.results": "\(configuration.resultsEndpoint)",
                                "store.path": "\(configuration.storePath)",
                            ])
                            onReady()
                            engine.run()
                            continuation.resume()
                        } catch {
                            continuation.resume(throwing: error)
                        }
                    }
                    thread.name = "tinq-broker"
                    thread.start()
                }
            } onGracefulShutdown: {
                onDrain()
                control.requestDrain()
            }
        } onCancel: {
            control.requestStop()
        }
    }
}
