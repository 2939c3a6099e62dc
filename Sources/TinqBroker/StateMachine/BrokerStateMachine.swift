import DequeModule
import TinqProtocol

/// The broker's job and worker bookkeeping as a pure state machine: this is where a job
/// changes state.
///
/// No sockets, clocks or disk: each event (a submission, a worker message, a store answer, a
/// clock tick) takes the current time as an argument and appends the actions the broker must
/// perform to `actions`. ``BrokerEngine`` performs them. Unit tests drive it directly.
///
/// A job's life: SUBMIT -> (insert action; the store dedupes and writes) -> queued (the producer
/// hears "accepted" when the write is fsync'd) ->
/// leased to a worker (attempt n) -> finishing (result handed to the store) -> published.
/// A failure or a lost worker sends it to waitingRetry (exponential back-off with jitter) and
/// back to queued, or after `maxAttempts` failures to the dead-letter queue.
public struct BrokerStateMachine: Sendable {
    /// What the broker must do.
    public enum Action: Sendable {
        /// Send a reply to a client (by routing id).
        case reply(client: [UInt8], BrokerReply)
        /// Send a command to a worker (by routing id).
        case sendToWorker([UInt8], BrokerCommand)
        /// Dedupe and durably insert these submissions; answer with ``inserted(_:now:actions:)``
        /// once written and ``insertsDurable(_:actions:)`` once on disk.
        case insert([PendingSubmission])
        /// Record that a job was delivered again (attempt count); nobody waits for it.
        case recordDelivery(jobID: UInt64, attempts: UInt32, failures: UInt32)
        /// Append a result to the results log and mark the job done; answer with ``resultsStored(_:now:)``.
        case storeResult(jobID: UInt64, labels: [String], result: [UInt8])
        /// Move a job to the dead-letter queue with its last error.
        case deadLetter(jobID: UInt64, attempts: UInt32, error: String)
        /// Publish a stored result to subscribers; `submittedAt` gives the end-to-end latency.
        case publish(ResultRecord, submittedAt: Int64)
        /// Something an operator should see in the log.
        case note(Note)
    }

    /// Happenings worth a log line and a counter.
    public enum Note: Sendable, Equatable {
        /// A worker registered.
        case workerJoined(name: String, credit: Int)
        /// A worker went silent; the `requeued` jobs it held were taken back (the one it was
        /// working on counts a failure).
        case workerLost(name: String, requeued: Int, reason: String)
        /// A worker left on purpose (BYE, or READY again); its `requeued` jobs went back to the queue.
        case workerLeft(name: String, requeued: Int, reason: String)
        /// A result came for an attempt that is no longer current; ignored.
        case staleResult(jobID: UInt64, attempt: UInt32)
        /// A job failed and will be retried after `delayMs`.
        case retryScheduled(jobID: UInt64, failures: UInt32, delayMs: Int64, error: String)
        /// A job failed for good.
        case deadLettered(jobID: UInt64, failures: UInt32, error: String)
        /// A message came from a worker that never sent READY.
        case unknownWorker
    }

    /// A submission waiting for its durable insert.
    public struct PendingSubmission: Sendable {
        /// Routing id of the producer.
        public var client: [UInt8]
        /// Its request id.
        public var requestID: [UInt8]
        /// The validated submission.
        public var submission: Submission
        /// Dedupe key (see ``DedupeKey``).
        public var dedupeKey: [UInt8]
        /// When it arrived (ms).
        public var receivedAt: Int64
    }

    /// The store's answer for one pending submission.
    public enum InsertOutcome: Sendable, Equatable {
        /// Stored durably as job `jobID`.
        case accepted(jobID: UInt64)
        /// An earlier job in the dedupe window has the same key.
        case duplicate(of: UInt64)
        /// The store could not write it.
        case failed(String)
    }

    /// A job read back from the store (after a restart, or requeued from the dead-letter queue).
    public struct StoredJob: Sendable {
        /// The job id.
        public var id: UInt64
        /// Canonical metadata JSON.
        public var metadataJSON: [UInt8]
        /// Article bytes.
        public var body: [UInt8]
        /// Deliveries so far.
        public var attempts: UInt32
        /// Failures so far.
        public var failures: UInt32

        /// Creates a stored job.
        public init(id: UInt64, metadataJSON: [UInt8], body: [UInt8], attempts: UInt32, failures: UInt32) {
            self.id = id
            self.metadataJSON = metadataJSON
            self.body = body
            self.attempts = attempts
            self.failures = failures
        }
    }

    /// Running totals since start.
    public struct Totals: Sendable, Codable, Equatable {
        public var accepted: UInt64 = 0
        public var duplicates: UInt64 = 0
        public var rejected: UInt64 = 0
        public var busy: UInt64 = 0
        public var completed: UInt64 = 0
        public var failedAttempts: UInt64 = 0
        public var retried: UInt64 = 0
        public var deadLettered: UInt64 = 0
        public var staleResults: UInt64 = 0
        public var workersLost: UInt64 = 0
        public var storeFailures: UInt64 = 0
    }

    /// The steering numbers.
    public let policy: BrokerPolicy
    /// Counters.
    public var totals = Totals()
    /// True once draining started: no new submissions, no new deliveries.
    public private(set) var draining = false

    private var jobs: [UInt64: Job] = [:]
    private var finishing: [UInt64: Job] = [:]
    private var queue: Deque<UInt64> = []
    private var retrying: Set<UInt64> = []
    private var workers: [WorkerKey: WorkerRecord] = [:]
    private var rotation: Deque<WorkerKey> = []
    private var pendingInserts = 0

    /// Creates an empty state machine.
    public init(policy: BrokerPolicy) {
        self.policy = policy
    }

    // MARK: Queries

    /// Jobs waiting for a worker (ready now or after a retry delay).
    public var queuedCount: Int { queue.count + retrying.count }
    /// Jobs delivered and not yet answered.
    public var inFlightCount: Int { workers.values.reduce(0) { $0 + $1.leased.count } }
    /// Jobs in memory in any phase, plus submissions being stored.
    public var heldCount: Int { jobs.count + finishing.count + pendingInserts }
    /// True when nothing is in flight or being stored (a draining broker may exit).
    public var isQuiescent: Bool { inFlightCount == 0 && finishing.isEmpty && pendingInserts == 0 }
    /// Registered workers.
    public var workerCount: Int { workers.count }

    /// A snapshot for STATUS.
    public func workerSnapshots(now: Int64) -> [WorkerSnapshot] {
        workers.values.sorted { $0.name < $1.name }.map {
            WorkerSnapshot(name: $0.name, pid: $0.pid, credit: $0.credit, inFlight: $0.leased.count,
                           state: $0.leased.isEmpty ? "idle" : "busy", lastSeenMsAgo: now - $0.lastSeen,
                           completed: $0.completed, failed: $0.failed)
        }
    }

    // MARK: Producers

    /// A validated SUBMIT arrived.
    public mutating func submitted(client: [UInt8], requestID: [UInt8], submission: Submission, now: Int64, actions: inout [Action]) {
        if draining {
            totals.busy += 1
            actions.append(.reply(client: client, .busy(retryAfterMilliseconds: policy.busyRetryAfterMs * 5, reason: "draining", requestID: requestID)))
            return
        }
        if heldCount >= policy.maxQueuedJobs {
            totals.busy += 1
            actions.append(.reply(client: client, .busy(retryAfterMilliseconds: policy.busyRetryAfterMs, reason: "queue_full", requestID: requestID)))
            return
        }
        pendingInserts += 1
        let key = DedupeKey.make(metadata: submission.metadata, body: submission.body)
        actions.append(.insert([PendingSubmission(client: client, requestID: requestID, submission: submission, dedupeKey: key, receivedAt: now)]))
    }

    /// The store wrote an insert batch (its group commit is written, maybe not yet on disk):
    /// accepted jobs join the queue and may run at once. Producers hear nothing yet: their
    /// replies wait for ``insertsDurable(_:actions:)``, so "accepted" always means "on disk",
    /// while the work itself does not wait for the disk.
    public mutating func inserted(_ outcomes: [(PendingSubmission, InsertOutcome)], now: Int64, actions: inout [Action]) {
        for (pending, outcome) in outcomes {
            pendingInserts -= 1
            if case .accepted(let id) = outcome {
                jobs[id] = Job(id: id, metadataJSON: pending.submission.metadataJSON, body: pending.submission.body,
                               attempts: 0, failures: 0, phase: .queued, lastError: nil, submittedAt: pending.receivedAt)
                queue.append(id)
            }
        }
        dispatch(now: now, actions: &actions)
    }

    /// The group commit holding these inserts reached the disk (or failed): each producer gets
    /// its reply, by its own request id.
    public mutating func insertsDurable(_ outcomes: [(PendingSubmission, InsertOutcome)], actions: inout [Action]) {
        for (pending, outcome) in outcomes {
            switch outcome {
            case .accepted(let id):
                totals.accepted += 1
                actions.append(.reply(client: pending.client, .accepted(jobID: id, requestID: pending.requestID)))
            case .duplicate(let earlier):
                totals.duplicates += 1
                actions.append(.reply(client: pending.client, .duplicate(of: earlier, requestID: pending.requestID)))
            case .failed(let message):
                totals.storeFailures += 1
                actions.append(.reply(client: pending.client, .error(code: .storageFailed, message: message, requestID: pending.requestID)))
            }
        }
    }

    /// Jobs read back from the store (recovery after a restart, or a dead-letter requeue).
    public mutating func restored(_ stored: [StoredJob], now: Int64, actions: inout [Action]) {
        for s in stored where jobs[s.id] == nil && finishing[s.id] == nil {
            jobs[s.id] = Job(id: s.id, metadataJSON: s.metadataJSON, body: s.body, attempts: s.attempts, failures: s.failures,
                             phase: .queued, lastError: nil, submittedAt: now)
            queue.append(s.id)
        }
        dispatch(now: now, actions: &actions)
    }

    // MARK: Workers

    /// A message from a worker.
    public mutating func workerMessage(from routingID: [UInt8], _ message: WorkerMessage, now: Int64, actions: inout [Action]) {
        let key = WorkerKey(bytes: routingID)
        if case .ready(let hello) = message {
            if workers[key] != nil { loseWorker(key, reason: "re-registered", penalise: false, now: now, actions: &actions) }
            workers[key] = WorkerRecord(key: key, name: hello.name, pid: hello.pid, credit: min(hello.credit, 10_000), lastSeen: now, lastSent: now)
            rotation.append(key)
            actions.append(.note(.workerJoined(name: hello.name, credit: hello.credit)))
            dispatch(now: now, actions: &actions)
            return
        }
        guard workers[key] != nil else {
            switch message {
            case .result(let jobID, let attempt, _, _), .failure(let jobID, let attempt, _):
                // A late answer from a worker declared lost: ignored and counted (PROTOCOL.md §4.3).
                totals.staleResults += 1
                actions.append(.note(.staleResult(jobID: jobID, attempt: attempt)))
            default:
                break
            }
            actions.append(.note(.unknownWorker))
            actions.append(.sendToWorker(routingID, .disconnect(reason: "unknown worker: send READY")))
            return
        }
        workers[key]!.lastSeen = now
        switch message {
        case .ready:
            break
        case .heartbeat:
            break
        case .bye:
            loseWorker(key, reason: "said goodbye", penalise: false, now: now, actions: &actions)
        case .result(let jobID, let attempt, let labels, let result):
            guard release(jobID: jobID, attempt: attempt, from: key) else {
                totals.staleResults += 1
                actions.append(.note(.staleResult(jobID: jobID, attempt: attempt)))
                return
            }
            workers[key]!.completed += 1
            var job = jobs.removeValue(forKey: jobID)!
            job.phase = .queued
            finishing[jobID] = job
            actions.append(.storeResult(jobID: jobID, labels: labels, result: result))
            dispatch(now: now, actions: &actions)
        case .failure(let jobID, let attempt, let failure):
            guard release(jobID: jobID, attempt: attempt, from: key) else {
                totals.staleResults += 1
                actions.append(.note(.staleResult(jobID: jobID, attempt: attempt)))
                return
            }
            workers[key]!.failed += 1
            fail(jobID: jobID, error: "\(failure.code): \(failure.message)", final: !failure.retryable, now: now, actions: &actions)
            dispatch(now: now, actions: &actions)
        }
    }

    /// The store appended results to the log: publish them.
    public mutating func resultsStored(_ records: [ResultRecord], now: Int64, actions: inout [Action]) {
        for record in records {
            guard let job = finishing.removeValue(forKey: record.jobID) else { continue }
            totals.completed += 1
            actions.append(.publish(record, submittedAt: job.submittedAt))
        }
    }

    /// The store already held a result for these jobs (never published twice): forget them.
    public mutating func resultsAlreadyStored(_ jobIDs: [UInt64]) {
        for id in jobIDs where finishing.removeValue(forKey: id) != nil { totals.staleResults += 1 }
    }

    /// The store could not append a result: the job goes back to the queue (nothing is lost).
    public mutating func resultStoreFailed(jobID: UInt64, error: String, now: Int64, actions: inout [Action]) {
        guard var job = finishing.removeValue(forKey: jobID) else { return }
        totals.storeFailures += 1
        job.phase = .queued
        jobs[jobID] = job
        fail(jobID: jobID, error: "result could not be stored: \(error)", final: false, now: now, actions: &actions)
    }

    // MARK: Time and shutdown

    /// Called regularly (at least every heartbeat interval): heartbeats, dead workers, retries.
    public mutating func tick(now: Int64, actions: inout [Action]) {
        for key in Array(workers.keys) {
            guard let w = workers[key] else { continue }
            let head = w.leased.first
            if head != w.head?.job { workers[key]!.head = head.map { ($0, now) } }
            if now - w.lastSeen > policy.heartbeatTimeoutMs {
                loseWorker(key, reason: "no heartbeat for \(now - w.lastSeen) ms", penalise: true, now: now, actions: &actions)
            } else if policy.jobTimeoutMs > 0, let (job, since) = workers[key]!.head, now - since > policy.jobTimeoutMs {
                // Alive but stuck on one job: the job counts a failure, the worker starts over.
                loseWorker(key, reason: "on job \(job) for \(now - since) ms, over broker.job_timeout_ms", penalise: true, now: now, actions: &actions)
                actions.append(.sendToWorker(key.bytes, .disconnect(reason: "job_timeout: job \(job) ran over \(policy.jobTimeoutMs) ms")))
            } else if now - w.lastSent >= policy.heartbeatIntervalMs {
                workers[key]!.lastSent = now
                actions.append(.sendToWorker(key.bytes, .heartbeat))
            }
        }
        if !retrying.isEmpty {
            for id in retrying {
                guard let job = jobs[id], case .waitingRetry(let until) = job.phase, until <= now else { continue }
                retrying.remove(id)
                jobs[id]!.phase = .queued
                queue.append(id)
            }
        }
        dispatch(now: now, actions: &actions)
    }

    /// Milliseconds until the next tick is due (heartbeat or retry), for the poll timeout.
    public func nextTickDelay(now: Int64) -> Int64 {
        var delay = policy.heartbeatIntervalMs
        for w in workers.values { delay = min(delay, max(0, w.lastSent + policy.heartbeatIntervalMs - now)) }
        for id in retrying { if case .waitingRetry(let until)? = jobs[id]?.phase { delay = min(delay, max(0, until - now)) } }
        return delay
    }

    /// Stop accepting and stop delivering; jobs in flight may still finish.
    public mutating func startDraining() { draining = true }

    // MARK: Internals

    /// Hands queued jobs to workers with free credit: each job to the worker holding the fewest
    /// unanswered jobs, ties in rotation order. Under full load that is round robin; under light
    /// load a job goes to an idle worker rather than waiting behind a long article on a busy one
    /// (credit is a prefetch, and prefetched jobs queue in the worker).
    private mutating func dispatch(now: Int64, actions: inout [Action]) {
        guard !draining, !rotation.isEmpty else { return }
        while !queue.isEmpty {
            var best: (index: Int, load: Int)?
            for (i, key) in rotation.enumerated() {
                guard let worker = workers[key], worker.available > 0 else { continue }
                if best == nil || worker.leased.count < best!.load { best = (i, worker.leased.count) }
                if worker.leased.isEmpty { break }
            }
            guard let best else { return }
            let key = rotation.remove(at: best.index)
            rotation.append(key)
            let id = queue.removeFirst()
            guard var job = jobs[id], job.phase == .queued else { continue }
            job.attempts += 1
            job.phase = .leased(worker: key, attempt: job.attempts, since: now)
            jobs[id] = job
            workers[key]!.leased.append(id)
            workers[key]!.lastSent = now
            actions.append(.sendToWorker(key.bytes, .job(JobDelivery(jobID: id, attempt: job.attempts, metadataJSON: job.metadataJSON, body: job.body))))
            // A first delivery needs no disk write (a restart starts counting again, and workers
            // re-register then, so no old attempt can be confused with a new one); redeliveries
            // are recorded so a poison job's count survives a broker restart.
            if job.attempts > 1 {
                actions.append(.recordDelivery(jobID: id, attempts: job.attempts, failures: job.failures))
            }
        }
    }

    /// Removes a lease if `attempt` is the current one held by `key`.
    private mutating func release(jobID: UInt64, attempt: UInt32, from key: WorkerKey) -> Bool {
        guard let job = jobs[jobID], case .leased(let holder, let current, _) = job.phase, holder == key, current == attempt else { return false }
        if let i = workers[key]?.leased.firstIndex(of: jobID) { workers[key]!.leased.remove(at: i) }
        return true
    }

    /// Counts a failure: retry after a back-off, or dead-letter.
    private mutating func fail(jobID: UInt64, error: String, final: Bool, now: Int64, actions: inout [Action]) {
        guard var job = jobs[jobID] else { return }
        totals.failedAttempts += 1
        job.failures += 1
        job.lastError = error
        if final || job.failures >= policy.maxAttempts {
            jobs.removeValue(forKey: jobID)
            totals.deadLettered += 1
            // The dead-letter write carries no failure count: record it first (same group commit, in order).
            actions.append(.recordDelivery(jobID: jobID, attempts: job.attempts, failures: job.failures))
            actions.append(.deadLetter(jobID: jobID, attempts: job.attempts, error: error))
            actions.append(.note(.deadLettered(jobID: jobID, failures: job.failures, error: error)))
            return
        }
        let delay = Self.retryDelay(policy: policy, jobID: jobID, failures: job.failures)
        job.phase = .waitingRetry(until: now + delay)
        jobs[jobID] = job
        retrying.insert(jobID)
        totals.retried += 1
        actions.append(.recordDelivery(jobID: jobID, attempts: job.attempts, failures: job.failures))
        actions.append(.note(.retryScheduled(jobID: jobID, failures: job.failures, delayMs: delay, error: error)))
    }

    /// Exponential back-off with ±25% jitter; the jitter comes from the job id and failure count,
    /// so the machine stays deterministic while retries of many jobs still spread out.
    static func retryDelay(policy: BrokerPolicy, jobID: UInt64, failures: UInt32) -> Int64 {
        let exponent = min(Int64(failures) - 1, 30)
        let base = min(policy.retryMaxDelayMs, policy.retryBaseDelayMs << max(0, exponent))
        var h = jobID &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(failures) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        let unit = Double(h % 10_000) / 10_000  // 0..<1
        // Jitter first, then cap: retryMaxDelayMs is the longest delay, jitter included.
        return max(1, min(policy.retryMaxDelayMs, Int64(Double(base) * (0.75 + 0.5 * unit))))
    }

    /// A worker is gone: its oldest job (the one it was working on) counts a failure when
    /// `penalise`; the jobs it had not started go back to the front of the queue untouched.
    private mutating func loseWorker(_ key: WorkerKey, reason: String, penalise: Bool, now: Int64, actions: inout [Action]) {
        guard let worker = workers.removeValue(forKey: key) else { return }
        if let i = rotation.firstIndex(of: key) { rotation.remove(at: i) }
        if penalise { totals.workersLost += 1 }
        var requeue: [UInt64] = []
        for (index, id) in worker.leased.enumerated() {
            guard jobs[id] != nil else { continue }
            if index == 0 && penalise {
                jobs[id]!.phase = .queued
                fail(jobID: id, error: "worker \(worker.name) lost (\(reason)) while working on the job", final: false, now: now, actions: &actions)
            } else {
                jobs[id]!.phase = .queued
                requeue.append(id)
            }
        }
        for id in requeue.reversed() { queue.prepend(id) }
        if penalise {
            actions.append(.note(.workerLost(name: worker.name, requeued: worker.leased.count, reason: reason)))
        } else {
            actions.append(.note(.workerLeft(name: worker.name, requeued: worker.leased.count, reason: reason)))
        }
        dispatch(now: now, actions: &actions)
    }
}

/// One worker in a STATUS reply.
public struct WorkerSnapshot: Sendable, Codable, Equatable {
    public var name: String
    public var pid: Int32
    public var credit: Int
    public var inFlight: Int
    public var state: String
    public var lastSeenMsAgo: Int64
    public var completed: UInt64
    public var failed: UInt64

    enum CodingKeys: String, CodingKey {
        case name, pid, credit, state, completed, failed
        case inFlight = "in_flight"
        case lastSeenMsAgo = "last_seen_ms_ago"
    }
}
