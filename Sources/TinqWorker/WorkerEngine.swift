import Foundation
import Logging
import Metrics
import TinqProtocol
import ZeroMQ

/// The worker's socket thread: one DEALER to the broker, heartbeats, reconnects, and the bridge
/// to the ``JobRunner``. Owns its socket for its whole life.
final class WorkerEngine {
    private let configuration: WorkerConfiguration
    private let logger: Logger
    private let control: LoopControl
    private let runner: JobRunner
    private let context: Context
    private var session: WorkerSession
    private var generation: UInt64 = 0
    private let clock = ContinuousClock()
    private let epoch: ContinuousClock.Instant
    private let completed = Counter(label: "tinq_worker_jobs_total", dimensions: [("outcome", "result")])
    private let failed = Counter(label: "tinq_worker_jobs_total", dimensions: [("outcome", "failure")])
    private let reconnects = Counter(label: "tinq_worker_reconnects_total")
    /// CURVE keys for the DEALER, resolved once (an ephemeral pair stays the same across reconnects).
    private let curve: CurveClientKeys?

    init(configuration: WorkerConfiguration, processor: @escaping JobProcessor, control: LoopControl, logger: Logger) throws(ZMQError) {
        self.configuration = configuration
        self.logger = logger
        self.control = control
        self.runner = JobRunner(processor: processor, wakeup: control.wakeup)
        self.context = try Context(ioThreads: 1)
        do {
            self.curve = try configuration.curveClientKeys()
        } catch {
            logger.error("Unusable CURVE client keys.", metadata: ["error": "\(error)"])
            throw ZMQError(code: EINVAL, call: "CURVE client keys (\(error))")
        }
        self.session = WorkerSession(heartbeatIntervalMs: configuration.heartbeatIntervalMs, heartbeatTimeoutMs: configuration.heartbeatTimeoutMs,
                                     reconnectInitialMs: configuration.reconnectInitialMs, reconnectMaxMs: configuration.reconnectMaxMs)
        self.epoch = clock.now
    }

    private func now() -> Int64 {
        let d = clock.now - epoch
        return d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }

    /// Runs until told to stop (after a drain, or at once).
    func run() {
        runner.start()
        var delay: Int64 = 0
        while !control.flags().stop {
            if delay > 0 && !sleep(milliseconds: delay) { break }
            do {
                delay = try connectAndServe()
            } catch {
                logger.error("Worker socket failed; reconnecting.", metadata: ["error": "\(error)"])
                delay = configuration.reconnectMaxMs
            }
            if delay < 0 { break }
        }
        runner.stopAndWait()
        context.close()
        logger.notice("Worker stopped.", metadata: ["worker.name": "\(configuration.name)"])
    }

    /// Waits, waking early on stop; false if a stop came.
    private func sleep(milliseconds: Int64) -> Bool {
        var poller = Poller()
        let w = poller.add(fileDescriptor: control.wakeup.fileDescriptor)
        let deadline = now() + milliseconds
        while now() < deadline {
            _ = try? poller.poll(timeoutMilliseconds: Int(deadline - now()))
            if poller.ready(w).contains(.readable) { control.wakeup.drain() }
            if control.flags().stop { return false }
        }
        return true
    }

    /// Serves one connection. Returns the delay before the next one, or -1 to exit.
    private func connectAndServe() throws(ZMQError) -> Int64 {
        generation += 1
        let socket = try Socket(context: context, type: .dealer)
        defer { socket.close() }
        try socket.setLinger(0)
        try socket.setReceiveHighWaterMark(0)
        try socket.setSendHighWaterMark(0)
        if let curve {
            try curve.apply(to: socket)
            // A refused handshake leaves the DEALER with no pipe: bound sends, so the worker
            // stays in its loop and reconnects when the broker stays silent.
            try socket.setSendTimeout(Int32(clamping: configuration.heartbeatIntervalMs))
        }
        try socket.connect(configuration.backendEndpoint)
        let hello = WorkerHello(name: configuration.name, pid: ProcessInfo.processInfo.processIdentifier, credit: configuration.credit, analyzer: "tinq-analysis/1")
        var poller = Poller()
        let s = poller.add(socket)
        let w = poller.add(fileDescriptor: control.wakeup.fileDescriptor)
        func send(_ message: WorkerMessage) throws(ZMQError) {
            try socket.send(message.frames())
            session.sent(now: now())
        }
        if session.connected(now: now()) == .register { try send(.ready(hello)) }
        logger.info("Worker connected; registered with the broker.", metadata: ["endpoint": "\(configuration.backendEndpoint)", "worker.credit": "\(configuration.credit)"])
        while true {
            _ = try poller.poll(timeoutMilliseconds: Int(max(1, session.nextTickDelay(now: now()))))
            if poller.ready(s).contains(.readable) {
                while let frames = try socket.receive(dontWait: true) {
                    session.heard(now: now())
                    do {
                        switch try BrokerCommand.decode(frames) {
                        case .job(let job):
                            if session.draining {
                                // Not started: the broker re-queues it when we say BYE.
                                continue
                            }
                            runner.enqueue(job, generation: generation)
                        case .heartbeat:
                            break
                        case .disconnect(let reason):
                            if case .reconnect(let after, let why) = session.disconnected(reason: reason) {
                                reconnects.increment()
                                logger.warning("Reconnecting.", metadata: ["reason": "\(why)", "jobs.dropped": "\(runner.discardQueued())"])
                                return after
                            }
                        }
                    } catch {
                        logger.warning("Bad message from the broker.", metadata: ["error": "\(error.message)"])
                    }
                }
            }
            if poller.ready(w).contains(.readable) { control.wakeup.drain() }
            for finished in runner.takeFinished() where finished.generation == generation {
                switch finished.outcome {
                case .result(let labels, let json):
                    completed.increment()
                    try send(.result(jobID: finished.job.jobID, attempt: finished.job.attempt, labels: labels, result: json))
                case .failure(let failure):
                    failed.increment()
                    logger.warning("Job failed.", metadata: ["job.id": "\(finished.job.jobID)", "error.code": "\(failure.code)", "error": "\(failure.message)"])
                    try send(.failure(jobID: finished.job.jobID, attempt: finished.job.attempt, failure))
                }
            }
            if configuration.jobTimeoutMs > 0, let stuck = runner.overdue(limit: .milliseconds(configuration.jobTimeoutMs)) {
                jobTimedOut(stuck, send: send)
            }
            let flags = control.flags()
            if flags.stop { return -1 }
            if flags.drain && !session.draining {
                session.startDraining()
                let dropped = runner.discardQueued()
                logger.notice("Draining: finishing the current job, then leaving.", metadata: ["jobs.returned": "\(dropped)"])
            }
            switch session.tick(now: now(), idle: runner.isIdle) {
            case .heartbeat:
                try send(.heartbeat)
            case .reconnect(let after, let reason):
                reconnects.increment()
                logger.warning("Reconnecting.", metadata: ["reason": "\(reason)", "jobs.dropped": "\(runner.discardQueued())"])
                return after
            case .leave:
                try send(.bye)
                return -1
            case .register, .none:
                break
            }
        }
    }

    /// The watchdog fired: the job has run for longer than worker.job_timeout_ms. The analysis
    /// thread cannot be stopped from outside, so report the job failed (retryable: the broker
    /// retries it with back-off and dead-letters it after broker.max_attempts), say BYE so the
    /// broker re-queues the prefetched jobs at once, and exit with status 75 (EX_TEMPFAIL) for
    /// the supervisor (systemd, or `tinq serve`) to start a fresh process.
    private func jobTimedOut(_ job: JobDelivery, send: (WorkerMessage) throws(ZMQError) -> Void) -> Never {
        logger.error("A job ran longer than worker.job_timeout_ms; reporting it failed and restarting this worker process.",
                     metadata: ["job.id": "\(job.jobID)", "job.attempt": "\(job.attempt)", "worker.jobTimeoutMs": "\(configuration.jobTimeoutMs)"])
        let failure = JobFailure(code: "timeout", message: "no result after \(configuration.jobTimeoutMs) ms on worker \(configuration.name)", retryable: true)
        try? send(.failure(jobID: job.jobID, attempt: job.attempt, failure))
        try? send(.bye)
        // Give the I/O thread a moment to put both on the wire (the broker's heartbeat timeout
        // covers the case where they are lost: the job then counts a failure all the same).
        usleep(300_000)
        exit(75)
    }
}
