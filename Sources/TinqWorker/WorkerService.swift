import Foundation
import Logging
import ServiceLifecycle
import ZeroMQ

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
        let control = try LoopControl()
        let (configuration, processor, logger, onReady) = (self.configuration, self.processor, self.logger, self.onReady)
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    // The engine and its sockets are created on the thread that uses them.
                    let thread = Thread {
                        ThreadName.set("tinq-worker")
                        do {
                            let engine = try WorkerEngine(configuration: configuration, processor: processor, control: control, logger: logger)
                            onReady()
                            engine.run()
                            continuation.resume()
                        } catch {
                            continuation.resume(throwing: error)
                        }
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
