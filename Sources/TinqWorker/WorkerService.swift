import Foundation
import Logging
import ServiceLifecycle

/// A worker as a ``Service``: connects to the broker, processes jobs, heartbeats, reconnects by
/// itself. A graceful shutdown finishes the current job, says BYE (the broker re-queues anything
/// not started) and returns.
public struct WorkerService: Service {
    private let configuration: WorkerConfiguration
    private let processor: JobProcessor
    private let logger: Logger
    private let onReady: @Sendable () -> Void

    /// Creates the service.
    public init(configuration: WorkerConfiguration, processor: @escaping JobProcessor, logger: Logger, onReady: @escaping @Sendable () -> Void = {}) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
        self.onReady = onReady
    }

    public func run() async throws {
        let control = try WorkerControl()
        let engine = try WorkerEngine(configuration: configuration, processor: processor, control: control, logger: logger)
        let onReady = self.onReady
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let thread = Thread {
                        onReady()
                        engine.run()
                        continuation.resume()
                    }
                    thread.name = "tinq-worker"
                    thread.start()
                }
            } onGracefulShutdown: {
                control.requestDrain()
            }
        } onCancel: {
            control.requestStop()
        }
    }
}
