import Foundation
import Metrics
import Synchronization
import ZeroMQ

/// Makes group commits durable off the store thread: it fdatasyncs SQLite's write-ahead log and
/// then releases the replies of every commit written before that sync.
///
/// The store connection commits with `synchronous = NORMAL` (WAL mode: a commit is written to
/// the log, not synced), so the store thread can go on to the next commit, and results can be
/// published, while the disk confirms the last one. A producer still hears "accepted" only after
/// the log holding its job is synced: what SQLite's `synchronous = FULL` does inside the commit,
/// done here on a second file descriptor of the same log (an fsync covers the file, whichever
/// descriptor wrote it). Commits written while one sync runs share the next: group commit with
/// two stages instead of one.
final class WALSyncer: Sendable {
    typealias Inserted = [(BrokerStateMachine.PendingSubmission, BrokerStateMachine.InsertOutcome)]

    private struct State {
        var waiting: [Inserted] = []
        var stopping = false
    }

    private let fd: Int32
    private let state = Mutex(State())
    private let condition = NSCondition()
    private let finished = DispatchSemaphore(value: 0)
    private let deliver: @Sendable (Inserted) -> Void
    private let syncTimer = Metrics.Timer(label: "tinq_store_sync_seconds")
    private let syncFailures = Counter(label: "tinq_store_sync_failures_total")

    /// Opens the log at `walPath`; nil when it cannot (the caller then syncs in each commit).
    /// `deliver` gets each synced batch of inserts, on the syncer's thread.
    init?(walPath: String, deliver: @escaping @Sendable (Inserted) -> Void) {
        let fd = open(walPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.deliver = deliver
    }

    deinit { close(fd) }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in
            ThreadName.set("tinq-wal-sync")
            loop()
        }
        thread.name = "tinq-wal-sync"
        thread.start()
    }

    /// A commit holding `inserted` was written (the store thread, right after the commit).
    func written(_ inserted: Inserted) {
        guard !inserted.isEmpty else { return }
        condition.lock()
        state.withLock { $0.waiting.append(inserted) }
        condition.signal()
        condition.unlock()
    }

    /// Syncs what is still waiting, then stops the thread and waits for it.
    func stopAndWait() {
        condition.lock()
        state.withLock { $0.stopping = true }
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func loop() {
        while true {
            condition.lock()
            var taken: [Inserted] = []
            var stopping = false
            while true {
                (taken, stopping) = state.withLock { s in
                    defer { s.waiting.removeAll(keepingCapacity: true) }
                    return (s.waiting, s.stopping)
                }
                if !taken.isEmpty || stopping { break }
                condition.wait()
            }
            condition.unlock()
            if !taken.isEmpty {
                // Everything taken was written before this call: one sync covers it all.
                let started = ContinuousClock.now
                let failure: String? = fdatasync(fd) == 0 ? nil : String(cString: strerror(errno))
                syncTimer.recordInterval(since: started)
                if failure != nil { syncFailures.increment() }
                for batch in taken {
                    deliver(failure.map { Self.failed(batch, reason: $0) } ?? batch)
                }
            }
            if stopping && taken.isEmpty { break }
        }
        finished.signal()
    }

    /// The disk did not confirm the write: no producer may hear "accepted". The jobs stay known
    /// to the broker (a retried submission is answered as a duplicate of the same job).
    private static func failed(_ batch: Inserted, reason: String) -> Inserted {
        batch.map { pending, outcome in
            if case .accepted = outcome { return (pending, .failed("the disk did not confirm the write: \(reason)")) }
            return (pending, outcome)
        }
    }
}
