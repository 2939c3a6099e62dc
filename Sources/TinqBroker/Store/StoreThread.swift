import Foundation
import Metrics
import Synchronization
import TinqProtocol
import ZeroMQ

/// The thread that owns the ``JobStore``: it takes every request that arrived since its last
/// round, applies all writes in one transaction (group commit), answers queries, and hands the
/// answers back to the broker loop through its inbox and ``Wakeup``.
final class StoreThread: Sendable {
    /// Work for the store.
    enum Request: Sendable {
        case write(JobStore.Write)
        case replay(client: [UInt8], requestID: [UInt8], ReplayRequest, pageLimit: Int)
        case deadLetters(client: [UInt8], requestID: [UInt8], DeadLetterRequest)
        case stats(client: [UInt8], requestID: [UInt8])
        case prune(resultRetentionSeconds: Double)
    }

    /// Answers for the broker loop.
    enum Answer: Sendable {
        /// A group commit was written: jobs may run, results may be published.
        case committed(JobStore.Outcome)
        /// The commit holding these inserts is on disk (or failed): producers may be answered.
        case durable(WALSyncer.Inserted)
        case reply(client: [UInt8], BrokerReply)
        case restored([BrokerStateMachine.StoredJob])
        case stats(client: [UInt8], requestID: [UInt8], StoreStats)
        case problem(String)
    }

    private struct Inbox {
        var requests: [Request] = []
        var stopping = false
    }

    /// Where answers wait for the broker loop; the syncer posts there too.
    private final class Outbox: Sendable {
        let answers = Mutex<[Answer]>([])
        let wakeup: Wakeup
        init(wakeup: Wakeup) { self.wakeup = wakeup }

        func post(_ more: [Answer]) {
            guard !more.isEmpty else { return }
            answers.withLock { $0.append(contentsOf: more) }
            wakeup.signal()
        }
    }

    private let store: Mutex<JobStore?>
    private let inbox = Mutex(Inbox())
    private let condition = NSCondition()
    private let outbox: Outbox
    private let finished = DispatchSemaphore(value: 0)
    private let checkpointer: Checkpointer
    private let commitTimer = Metrics.Timer(label: "tinq_store_commit_seconds")
    private let commitWrites = Recorder(label: "tinq_store_commit_writes")
    /// Nil when the log could not be opened for syncing: then each commit syncs itself.
    private let syncer: WALSyncer?

    /// Opens the store; throws if it cannot (read-only directory, corrupt file...).
    init(path: String, dedupeWindowMs: Int64, wakeup: Wakeup) throws(BrokerError) {
        let outbox = Outbox(wakeup: wakeup)
        self.outbox = outbox
        do {
            let jobStore = try JobStore(path: path, dedupeWindowMs: dedupeWindowMs)
            // The log exists once the store is open (WAL mode, migrations written).
            syncer = WALSyncer(walPath: path + "-wal") { outbox.post([.durable($0)]) }
            if syncer == nil { try jobStore.syncEachCommit() }
            store = Mutex(jobStore)
            checkpointer = try Checkpointer(path: path)
        } catch {
            throw .store(path: path, underlying: "\(error)")
        }
    }

    /// Jobs accepted but not finished, for recovery before the loop starts.
    func unfinishedJobs() throws -> [BrokerStateMachine.StoredJob] {
        try store.withLock { try $0!.unfinishedJobs() }
    }

    /// The last seq per topic, read before the loop starts (see ``JobStore/lastSeqByTopic()``).
    func lastSeqByTopic() throws -> [String: UInt64] {
        try store.withLock { try $0!.lastSeqByTopic() }
    }

    /// Starts the thread.
    func start() {
        checkpointer.start()
        syncer?.start()
        let thread = Thread { [self] in
            ThreadName.set("tinq-store")
            self.loop()
        }
        thread.name = "tinq-store"
        thread.start()
    }

    /// Queues requests (any thread).
    func submit(_ requests: [Request]) {
        guard !requests.isEmpty else { return }
        condition.lock()
        inbox.withLock { $0.requests.append(contentsOf: requests) }
        condition.signal()
        condition.unlock()
    }

    /// Takes the answers that arrived (the broker loop's thread).
    func takeAnswers() -> [Answer] {
        outbox.answers.withLock { a in
            defer { a.removeAll(keepingCapacity: true) }
            return a
        }
    }

    /// Finishes queued work, then stops the thread and waits for it.
    func stopAndWait() {
        condition.lock()
        inbox.withLock { $0.stopping = true }
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func loop() {
        while true {
            condition.lock()
            var batch: [Request] = []
            var stopping = false
            while true {
                (batch, stopping) = inbox.withLock { box in
                    defer { box.requests.removeAll(keepingCapacity: true) }
                    return (box.requests, box.stopping)
                }
                if !batch.isEmpty || stopping { break }
                condition.wait()
            }
            condition.unlock()
            if !batch.isEmpty { process(batch) }
            if checkpointer.wantsRestart {
                // After the answers went out: this delays the next commit, never this one's replies.
                if store.withLock({ $0!.checkpointBetweenCommits() }) { checkpointer.restartDone() }
            }
            if stopping && batch.isEmpty { break }
        }
        syncer?.stopAndWait()
        checkpointer.stopAndWait()
        store.withLock { $0 = nil }
        finished.signal()
    }

    private func process(_ batch: [Request]) {
        var writes: [JobStore.Write] = []
        var out: [Answer] = []
        var toSync: WALSyncer.Inserted = []
        for request in batch { if case .write(let w) = request { writes.append(w) } }
        store.withLock { storeBox in
            let store = storeBox!
            if !writes.isEmpty {
                let started = ContinuousClock.now
                let outcome = store.apply(writes, now: Date().timeIntervalSince1970)
                commitTimer.recordInterval(since: started)
                commitWrites.record(writes.count)
                out.append(.committed(outcome))
                if let _ = syncer, outcome.committed {
                    toSync = outcome.inserted
                } else if !outcome.inserted.isEmpty {
                    // Synced in the commit, or failed: nothing to wait for.
                    out.append(.durable(outcome.inserted))
                }
            }
            for request in batch {
                do {
                    switch request {
                    case .write:
                        continue
                    case .replay(let client, let rid, let r, let pageLimit):
                        let (records, last) = try store.replay(r, limit: min(r.limit, pageLimit))
                        var w = JSONWriter()
                        w.beginObject()
                        w.uint("from_seq", r.fromSeq)
                        w.int("count", records.count)
                        w.uint("next_seq", (records.last?.seq ?? max(r.fromSeq, 1) - 1) + 1)
                        w.uint("last_seq", last)
                        w.bool("more", (records.last?.seq ?? last) < last && records.count == min(r.limit, pageLimit))
                        w.endObject()
                        out.append(.reply(client: client, BrokerReply(status: .ok, requestID: rid, json: w.bytes, extra: records.flatMap { $0.replayFrames() })))
                    case .deadLetters(let client, let rid, let d):
                        out.append(.reply(client: client, try deadLetterReply(d, requestID: rid, store: store, answers: &out)))
                    case .stats(let client, let rid):
                        out.append(.stats(client: client, requestID: rid, try store.stats()))
                    case .prune(let retention):
                        _ = try store.prune(now: Date().timeIntervalSince1970, resultRetentionSeconds: retention)
                    }
                } catch {
                    switch request {
                    case .replay(let client, let rid, _, _), .deadLetters(let client, let rid, _), .stats(let client, let rid):
                        out.append(.reply(client: client, .error(code: .storageFailed, message: "\(error)", requestID: rid)))
                    default:
                        out.append(.problem("store maintenance failed: \(error)"))
                    }
                }
            }
        }
        outbox.post(out)
        // After the .committed answer is posted, so the broker hears "written" before "on disk".
        syncer?.written(toSync)
    }

    private func deadLetterReply(_ d: DeadLetterRequest, requestID: [UInt8], store: JobStore, answers: inout [Answer]) throws -> BrokerReply {
        let id = d.jobID.flatMap(UInt64.init)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var w = JSONWriter()
        w.beginObject()
        w.string("action", d.action.rawValue)
        switch d.action {
        case .list:
            w.raw("jobs", Array(try encoder.encode(try store.deadLetters(limit: d.limit ?? 100))))
        case .show:
            guard let job = try store.deadLetter(id: id!) else {
                return .error(code: .badArguments, message: "job \(id!) is not in the dead-letter queue", requestID: requestID)
            }
            w.raw("job", Array(try encoder.encode(job)))
        case .requeue:
            let jobs = try store.requeueDeadLetters(id: id)
            answers.append(.restored(jobs))
            w.int("requeued", jobs.count)
        case .purge:
            w.int("purged", try store.purgeDeadLetters(id: id))
        }
        w.endObject()
        return BrokerReply(status: .ok, requestID: requestID, json: w.bytes)
    }
}
