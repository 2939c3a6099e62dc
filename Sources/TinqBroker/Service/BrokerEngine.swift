import Foundation
import Logging
import Metrics
import Prometheus
import TinqProtocol
import ZeroMQ

/// The broker's socket loop. It owns the three sockets and runs on one dedicated thread for its
/// whole life (libzmq sockets are not thread-safe); it decodes frames, feeds events to the
/// ``BrokerStateMachine`` and performs the actions it returns.
final class BrokerEngine {
    private let configuration: BrokerConfiguration
    private let logger: Logger
    private let control: LoopControl
    private let metrics = BrokerMetrics()
    private var machine: BrokerStateMachine
    private let context: Context
    private let frontend: Socket
    private let backend: Socket
    private let publisher: Socket
    private let store: StoreThread
    private var actions: [BrokerStateMachine.Action] = []
    private var storeRequests: [StoreThread.Request] = []
    private var insertBatch: [BrokerStateMachine.PendingSubmission] = []
    private var lastSeqByTopic: [String: UInt64] = [:]
    private let limits: ClientRequest.Limits
    private let startedAt = Date()
    private let clock = ContinuousClock()
    private let epoch: ContinuousClock.Instant
    private let registry: PrometheusCollectorRegistry?
    private var metricsFileFailed = false
    /// The ZAP handler when CURVE clients are checked against authorized keys.
    private var zap: ZAPHandler?

    /// Messages taken from one socket before the loop looks at the others.
    private static let burst = 512

    /// Opens the store, recovers unfinished jobs and binds the sockets.
    init(configuration: BrokerConfiguration, control: LoopControl, logger: Logger, registry: PrometheusCollectorRegistry? = nil) throws {
        self.registry = registry
        self.configuration = configuration
        self.control = control
        self.logger = logger
        self.machine = BrokerStateMachine(policy: configuration.policy)
        self.limits = ClientRequest.Limits(maxBodyBytes: configuration.policy.maxBodyBytes)
        self.epoch = clock.now
        store = try StoreThread(path: configuration.storePath, dedupeWindowMs: configuration.policy.dedupeWindowMs, wakeup: control.wakeup)
        let recovered = try store.unfinishedJobs()
        lastSeqByTopic = try store.lastSeqByTopic()
        var curve: (pair: CurveKeyPair, authorized: Set<CurveKey>?)?
        do throws(CurveKeyError) {
            if let path = configuration.curveSecretKeyFile {
                let pair = try CurveKeyFile.readSecretKey(path)
                let authorized = try configuration.curveAuthorizedKeysFile.map { path throws(CurveKeyError) in Set(try CurveKeyFile.readAuthorizedKeys(path)) }
                curve = (pair, authorized)
            } else if configuration.curveAuthorizedKeysFile != nil {
                throw CurveKeyError("broker.curve_authorized_keys_file needs broker.curve_secret_key_file")
            }
        } catch {
            throw BrokerError.configuration(error.description)
        }
        var zapHandler: ZAPHandler?
        do throws(ZMQError) {
            context = try Context(ioThreads: 1)
            if let authorized = curve?.authorized {
                // Bound before the broker's sockets, so no handshake happens without it.
                zapHandler = try ZAPHandler(context: context, authorized: authorized, logger: logger)
            }
            frontend = try Socket(context: context, type: .router)
            backend = try Socket(context: context, type: .router)
            publisher = try Socket(context: context, type: .pub)
            for socket in [frontend, backend, publisher] { try socket.setLinger(0) }
            try frontend.setRouterMandatory(true)
            try backend.setRouterMandatory(true)
            try frontend.setSendHighWaterMark(100_000)
            try frontend.setReceiveHighWaterMark(100_000)
            try backend.setSendHighWaterMark(100_000)
            try backend.setReceiveHighWaterMark(100_000)
            // A hard ceiling far above the body limit: bodies between the two get a clear
            // body_too_large rejection; only absurd messages make libzmq drop the connection.
            try frontend.setMaxMessageSize(Int64(configuration.policy.maxBodyBytes) * 2 + 1_048_576)
            try publisher.setSendHighWaterMark(configuration.publishHighWaterMark)
            if let curve {
                for socket in [frontend, backend, publisher] {
                    try socket.setCurveServer(true)
                    try socket.setCurveSecretKey(curve.pair.secretKey)
                    try socket.setZAPDomain("tinq")
                }
            }
            try frontend.bind(configuration.frontendEndpoint)
            try backend.bind(configuration.backendEndpoint)
            try publisher.bind(configuration.resultsEndpoint)
        } catch {
            zapHandler?.stop()  // its thread holds the context: stop it, or it polls forever
            throw BrokerError.zmq(error)
        }
        zap = zapHandler
        if let curve {
            if let authorized = curve.authorized {
                logger.notice("CURVE is on: traffic is encrypted and only authorized client keys may connect.", metadata: [
                    "curve.publicKey": "\(curve.pair.publicKey.z85)", "auth.keys": "\(authorized.count)",
                    "auth.file": "\(configuration.curveAuthorizedKeysFile ?? "")",
                ])
            } else {
                logger.warning("CURVE is on without broker.curve_authorized_keys_file: traffic is encrypted, but any client that knows the server's public key may connect.",
                               metadata: ["curve.publicKey": "\(curve.pair.publicKey.z85)"])
            }
        }
        if !recovered.isEmpty {
            logger.notice("Recovered unfinished jobs from the store.", metadata: ["jobs.count": "\(recovered.count)"])
        }
        machine.restored(recovered, now: now(), actions: &actions)
        store.start()
    }

    private func now() -> Int64 {
        let d = clock.now - epoch
        return d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }

    /// Runs until a drain completes or a stop is requested.
    func run() {
        var poller = Poller()
        let frontIndex = poller.add(frontend)
        let backIndex = poller.add(backend)
        let wakeIndex = poller.add(fileDescriptor: control.wakeup.fileDescriptor)
        var nextTick = now()
        var nextPrune = now() + 60_000
        var nextMetricsFile = now()
        var drainDeadline: Int64 = .max
        perform()
        while true {
            let timeout = max(0, min(nextTick - now(), 1000))
            do {
                _ = try poller.poll(timeoutMilliseconds: Int(timeout))
            } catch {
                if error.isTerminated { break }
                logger.error("Poll failed.", metadata: ["error": "\(error)"])
            }
            if poller.ready(frontIndex).contains(.readable) { readFrontend() }
            if poller.ready(backIndex).contains(.readable) { readBackend() }
            if poller.ready(wakeIndex).contains(.readable) {
                control.wakeup.drain()
                readStoreAnswers()
            }
            let t = now()
            let flags = control.flags()
            if flags.stop { break }
            if flags.reload && control.takeReloadRequest() { reload() }
            if flags.drain && !machine.draining {
                machine.startDraining()
                drainDeadline = t + configuration.drainTimeoutMs
                logger.notice("Draining: new submissions get BUSY, jobs in flight may finish.",
                              metadata: ["jobs.inFlight": "\(machine.inFlightCount)", "drain.timeoutMs": "\(configuration.drainTimeoutMs)"])
            }
            if t >= nextTick {
                rebindPending()
                machine.tick(now: t, actions: &actions)
                nextTick = t + max(1, machine.nextTickDelay(now: t))
                refreshGauges()
            }
            if t >= nextMetricsFile {
                nextMetricsFile = t + configuration.metricsIntervalMs
                writeMetricsFile()
            }
            if t >= nextPrune {
                nextPrune = t + 3_600_000
                storeRequests.append(.prune(resultRetentionSeconds: configuration.resultRetentionHours * 3600))
            }
            perform()
            if machine.draining && (machine.isQuiescent || t >= drainDeadline) {
                if !machine.isQuiescent {
                    logger.warning("Drain time is up; unfinished jobs stay stored and run after the restart.",
                                   metadata: ["jobs.inFlight": "\(machine.inFlightCount)"])
                }
                break
            }
        }
        store.stopAndWait()
        // The last commits' replies and results (the store syncs what it wrote before it stops).
        readStoreAnswers()
        perform()
        frontend.close()
        backend.close()
        publisher.close()
        zap?.stop()
        context.close()
        logger.notice("Broker stopped.", metadata: ["jobs.queued": "\(machine.queuedCount)"])
    }

    // MARK: Reload (SIGHUP)

    /// Rereads what can change without a restart: the authorized CURVE keys. A file that cannot
    /// be read or holds no valid key leaves the keys in force as they were; the error is logged
    /// and counted. Everything else in the configuration needs a restart, and the log says so.
    private func reload() {
        guard let zap, let path = configuration.curveAuthorizedKeysFile else {
            metrics.reloads.increment()
            logger.notice("Reload requested: nothing to reread (only broker.curve_authorized_keys_file is reloaded; other settings need a restart).")
            return
        }
        do throws(CurveKeyError) {
            let keys = Set(try CurveKeyFile.readAuthorizedKeys(path))
            guard !keys.isEmpty else { throw CurveKeyError("\(path) holds no keys; every client would be refused") }
            let change = zap.replaceAuthorized(keys)
            metrics.reloads.increment()
            logger.notice("Reloaded the authorized CURVE keys; new handshakes use them.", metadata: [
                "auth.file": "\(path)", "auth.keys": "\(keys.count)", "auth.added": "\(change.added)", "auth.removed": "\(change.removed)",
            ])
            if change.removed > 0 { resetConnections() }
        } catch {
            metrics.reloadFailures.increment()
            logger.error("Reload failed; the authorized keys in force are unchanged.", metadata: [
                "auth.file": "\(path)", "auth.keys": "\(zap.authorizedCount)", "error": "\(error)",
            ])
        }
    }

    /// Ends every connection on the broker's three endpoints, so that a peer whose key a reload
    /// removed is shut out at once instead of at its next reconnect: each endpoint is unbound
    /// (its connections end with its listener) and bound again, every peer reconnects by itself
    /// and goes through a new handshake, which ZAP decides with the keys now in force. Messages
    /// on the wire at that moment may be lost; the protocol's recoveries cover them (a producer
    /// resends and dedupe answers, a worker is told to send `READY` again and its jobs go back to
    /// the queue, a subscriber replays the gap). An endpoint that cannot be bound again is
    /// retried at the loop's ticks (``rebindPending(wait:)``).
    private func resetConnections() {
        for (socket, configured) in [(frontend, configuration.frontendEndpoint), (backend, configuration.backendEndpoint),
                                     (publisher, configuration.resultsEndpoint)] {
            // The endpoint as bound (a wildcard port resolved), so peers find it where it was.
            let endpoint = socket.lastEndpoint.flatMap { $0.isEmpty ? nil : $0 } ?? configured
            do throws(ZMQError) {
                try socket.unbind(endpoint)
            } catch {
                logger.error("Could not unbind an endpoint to reset its connections; its peers stay connected.",
                             metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
                continue
            }
            pendingBinds.append((socket, endpoint))
        }
        let count = pendingBinds.count
        rebindPending(wait: .seconds(2))
        logger.notice("Reset every connection after keys were removed: peers reconnect and are admitted only with a listed key.",
                      metadata: ["endpoints.reset": "\(count)", "endpoints.unbound": "\(pendingBinds.count)"])
    }

    /// Endpoints unbound by ``resetConnections()`` and not yet bound again.
    private var pendingBinds: [(Socket, String)] = []

    /// Binds the endpoints of ``pendingBinds`` again. libzmq closes an unbound listener on its I/O
    /// thread after `zmq_unbind` returns, so a `tcp://` address may still be taken for a moment:
    /// that is retried for up to `wait`. (An `ipc://` bind replaces the socket file the old
    /// listener leaves.) What still fails is logged once and retried at the loop's next ticks.
    private func rebindPending(wait: Duration = .zero) {
        guard !pendingBinds.isEmpty else { return }
        let deadline = clock.now + wait
        pendingBinds = pendingBinds.filter { socket, endpoint in
            while true {
                do throws(ZMQError) {
                    try socket.bind(endpoint)
                    if wait == .zero { logger.notice("Bound the endpoint again.", metadata: ["endpoint": "\(endpoint)"]) }
                    return false
                } catch {
                    if error.code == EADDRINUSE && clock.now < deadline {
                        usleep(1000)
                        continue
                    }
                    if wait > .zero {
                        logger.error("Could not bind an endpoint again after resetting its connections; retrying.",
                                     metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
                    }
                    return true
                }
            }
        }
    }

    // MARK: Input

    private func readFrontend() {
        for _ in 0..<Self.burst {
            let frames: [[UInt8]]
            do {
                guard let f = try frontend.receive(dontWait: true) else { return }
                frames = f
            } catch {
                logger.error("Frontend receive failed.", metadata: ["error": "\(error)"])
                return
            }
            guard let client = frames.first, frames.count >= 1 else { continue }
            let t = now()
            do {
                let request = try ClientRequest.decode(frames[1...], limits: limits)
                switch request.body {
                case .submit(let submission):
                    machine.submitted(client: client, requestID: request.requestID, submission: submission, now: t, actions: &actions)
                case .ping:
                    send(client: client, BrokerReply(status: .ok, requestID: request.requestID, json: Array(#"{"pong":true}"#.utf8)))
                case .metrics:
                    refreshGauges()
                    send(client: client, BrokerReply(status: .ok, requestID: request.requestID,
                                                     json: Array(#"{"content_type":"text/plain; version=0.0.4"}"#.utf8),
                                                     extra: [registry?.emitToBuffer() ?? []]))
                case .status:
                    storeRequests.append(.stats(client: client, requestID: request.requestID))
                case .replay(let replay):
                    storeRequests.append(.replay(client: client, requestID: request.requestID, replay, pageLimit: configuration.policy.replayPageLimit))
                case .dlq(let d):
                    storeRequests.append(.deadLetters(client: client, requestID: request.requestID, d))
                }
            } catch {
                machine.totals.rejected += 1
                metrics.rejected(error.code)
                logger.warning("Rejected a client request.", metadata: ["reject.code": "\(error.code.rawValue)", "reject.reason": "\(error.message)"])
                send(client: client, .rejected(error))
            }
        }
    }

    private func readBackend() {
        for _ in 0..<Self.burst {
            let frames: [[UInt8]]
            do {
                guard let f = try backend.receive(dontWait: true) else { return }
                frames = f
            } catch {
                logger.error("Backend receive failed.", metadata: ["error": "\(error)"])
                return
            }
            guard let worker = frames.first else { continue }
            do {
                let message = try WorkerMessage.decode(frames[1...])
                machine.workerMessage(from: worker, message, now: now(), actions: &actions)
            } catch {
                metrics.workerProtocolErrors.increment()
                logger.warning("Bad message from a worker.", metadata: ["reject.code": "\(error.code.rawValue)", "reject.reason": "\(error.message)"])
                sendToWorker(worker, .disconnect(reason: "\(error.code.rawValue): \(error.message)"))
            }
        }
    }

    private func readStoreAnswers() {
        let t = now()
        for answer in store.takeAnswers() {
            switch answer {
            case .committed(let outcome):
                if !outcome.inserted.isEmpty { machine.inserted(outcome.inserted, now: t, actions: &actions) }
                if !outcome.stored.isEmpty { machine.resultsStored(outcome.stored, now: t, actions: &actions) }
                if !outcome.alreadyStored.isEmpty { machine.resultsAlreadyStored(outcome.alreadyStored) }
                for (id, error) in outcome.failedResults {
                    logger.error("A result could not be stored; the job will run again.", metadata: ["job.id": "\(id)", "error": "\(error)"])
                    machine.resultStoreFailed(jobID: id, error: error, now: t, actions: &actions)
                }
                if outcome.inserted.contains(where: { if case .failed = $0.1 { true } else { false } }) {
                    logger.error("The store refused submissions; producers were told storage_failed.")
                }
            case .durable(let inserted):
                machine.insertsDurable(inserted, actions: &actions)
            case .reply(let client, let reply):
                send(client: client, reply)
            case .restored(let jobs):
                machine.restored(jobs, now: t, actions: &actions)
            case .stats(let client, let requestID, let stats):
                send(client: client, BrokerReply(status: .ok, requestID: requestID, json: statusJSON(stats, now: t)))
            case .problem(let message):
                logger.error("Store problem.", metadata: ["error": "\(message)"])
            }
        }
    }

    // MARK: Output

    private func perform() {
        var i = 0
        while i < actions.count {
            let action = actions[i]
            i += 1
            switch action {
            case .reply(let client, let reply):
                send(client: client, reply)
            case .sendToWorker(let worker, let command):
                sendToWorker(worker, command)
            case .insert(let batch):
                insertBatch.append(contentsOf: batch)
            case .recordDelivery(let id, let attempts, let failures):
                storeRequests.append(.write(.delivery(jobID: id, attempts: attempts, failures: failures)))
            case .storeResult(let id, let labels, let result):
                storeRequests.append(.write(.result(jobID: id, labels: labels, result: result)))
            case .deadLetter(let id, let attempts, let error):
                storeRequests.append(.write(.deadLetter(jobID: id, attempts: attempts, error: error)))
            case .publish(let record, let submittedAt):
                publish(record)
                metrics.submitToResult.recordMilliseconds(now() - submittedAt)
            case .note(let note):
                log(note)
            }
        }
        actions.removeAll(keepingCapacity: true)
        if !insertBatch.isEmpty {
            // Inserts first so a batch's deliveries never precede their jobs' rows.
            storeRequests.insert(contentsOf: insertBatch.map { .write(.insert($0)) }, at: 0)
            insertBatch.removeAll(keepingCapacity: true)
        }
        if !storeRequests.isEmpty {
            store.submit(storeRequests)
            storeRequests.removeAll(keepingCapacity: true)
        }
    }

    private func send(client: [UInt8], _ reply: BrokerReply) {
        switch reply.status {
        case .accepted: metrics.accepted.increment()
        case .duplicate: metrics.duplicate.increment()
        case .busy: metrics.busy.increment()
        default: break
        }
        do {
            if try !frontend.send([client] + reply.frames(), dontWait: true) {
                metrics.repliesDropped.increment()
                logger.warning("A client is not reading its replies; dropped one.", metadata: ["reply.status": "\(reply.status.rawValue)"])
            }
        } catch {
            metrics.repliesDropped.increment()
            logger.debug("A client left before its reply.", metadata: ["error": "\(error)"])
        }
    }

    private func sendToWorker(_ worker: [UInt8], _ command: BrokerCommand) {
        do {
            if try !backend.send([worker] + command.frames(), dontWait: true) {
                logger.warning("A worker's queue is full; it will be treated as lost if it stays silent.")
            }
        } catch {
            // The worker is gone; its jobs come back when its heartbeat lapses.
            logger.info("A worker is unreachable.", metadata: ["error": "\(error)"])
        }
    }

    private func publish(_ record: ResultRecord) {
        var topics = [Wire.allTopic]
        for label in record.labels { topics.append(Wire.topic(forLabel: label)) }
        for topic in topics {
            let previous = lastSeqByTopic[topic] ?? 0
            lastSeqByTopic[topic] = record.seq
            do {
                try publisher.send(record.publishFrames(topic: Array(topic.utf8), previousSeq: previous), dontWait: true)
            } catch {
                logger.error("Publish failed.", metadata: ["error": "\(error)"])
            }
        }
        metrics.published.increment()
    }

    /// Rewrites the metrics file (see ``BrokerConfiguration/metricsFile``); a failure is logged
    /// once, and again only after a success.
    private func writeMetricsFile() {
        guard let registry, let path = configuration.metricsFile else { return }
        refreshGauges()
        do {
            try MetricsExport.write(registry, to: path)
            metricsFileFailed = false
        } catch {
            if !metricsFileFailed {
                logger.warning("Cannot write the metrics file.", metadata: ["path": "\(path)", "error": "\(error)"])
            }
            metricsFileFailed = true
        }
    }

    private func refreshGauges() {
        metrics.queued.record(machine.queuedCount)
        metrics.inFlight.record(machine.inFlightCount)
        metrics.held.record(machine.heldCount)
        metrics.workers.record(machine.workerCount)
    }

    private func log(_ note: BrokerStateMachine.Note) {
        switch note {
        case .workerJoined(let name, let credit):
            logger.info("Worker joined.", metadata: ["worker.name": "\(name)", "worker.credit": "\(credit)"])
        case .workerLost(let name, let requeued, let reason):
            metrics.workersLost.increment()
            logger.warning("Worker lost; its jobs went back to the queue.", metadata: ["worker.name": "\(name)", "jobs.requeued": "\(requeued)", "reason": "\(reason)"])
        case .workerLeft(let name, let requeued, let reason):
            logger.info("Worker left.", metadata: ["worker.name": "\(name)", "jobs.requeued": "\(requeued)", "reason": "\(reason)"])
        case .staleResult(let id, let attempt):
            metrics.staleResults.increment()
            logger.info("Ignored a result from an attempt that is no longer current.", metadata: ["job.id": "\(id)", "job.attempt": "\(attempt)"])
        case .retryScheduled(let id, let failures, let delay, let error):
            metrics.retries.increment()
            logger.warning("Job failed; it will be retried.", metadata: ["job.id": "\(id)", "job.failures": "\(failures)", "retry.delayMs": "\(delay)", "error": "\(error)"])
        case .deadLettered(let id, let failures, let error):
            metrics.deadLettered.increment()
            logger.error("Job moved to the dead-letter queue.", metadata: ["job.id": "\(id)", "job.failures": "\(failures)", "error": "\(error)"])
        case .unknownWorker:
            logger.info("A message came from an unregistered worker; told it to register.")
        }
    }

    private func statusJSON(_ stats: StoreStats, now t: Int64) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.string("protocol", Wire.version)
        w.int("uptime_s", Int(Date().timeIntervalSince(startedAt)))
        w.bool("draining", machine.draining)
        w.beginObject("queue")
        w.int("queued", machine.queuedCount)
        w.int("in_flight", machine.inFlightCount)
        w.int("held", machine.heldCount)
        w.int("max", configuration.policy.maxQueuedJobs)
        w.int("stored_unfinished", stats.storedQueued)
        w.int("dead_letters", stats.deadLetters)
        w.endObject()
        w.uint("last_seq", stats.lastSeq)
        w.raw("workers", Array((try? encoder.encode(machine.workerSnapshots(now: t))) ?? Data("[]".utf8)))
        w.raw("totals", Array((try? encoder.encode(machine.totals)) ?? Data("{}".utf8)))
        w.beginObject("endpoints")
        w.string("frontend", configuration.frontendEndpoint)
        w.string("backend", configuration.backendEndpoint)
        w.string("results", configuration.resultsEndpoint)
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
