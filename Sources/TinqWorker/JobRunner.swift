import Foundation
import Synchronization
import TinqProtocol
import ZeroMQ

/// The worker's processing thread: takes delivered jobs in order, runs the ``JobProcessor`` and
/// hands outcomes back to the socket thread through a locked outbox and a ``Wakeup``.
///
/// Work runs here, never on the socket thread, so heartbeats keep flowing while a long article
/// is analysed.
final class JobRunner: Sendable {
    /// A finished job, tagged with the connection it came on.
    struct Finished: Sendable {
        var job: JobDelivery
        var outcome: JobOutcome
        var generation: UInt64
    }

    private struct State {
        var inbox: [(JobDelivery, UInt64)] = []
        var busy = false
        var stopping = false
        /// The job being processed and when it started.
        var current: (job: JobDelivery, since: ContinuousClock.Instant)?
    }

    private let processor: JobProcessor
    private let state = Mutex(State())
    private let condition = NSCondition()
    private let outbox = Mutex<[Finished]>([])
    private let wakeup: Wakeup
    private let done = DispatchSemaphore(value: 0)

    init(processor: @escaping JobProcessor, wakeup: Wakeup) {
        self.processor = processor
        self.wakeup = wakeup
    }

    func start() {
        let thread = Thread { [self] in
            ThreadName.set("tinq-jobs")
            loop()
        }
        thread.name = "tinq-worker-jobs"
        thread.start()
    }

    /// Queues a job delivered on connection `generation`.
    func enqueue(_ job: JobDelivery, generation: UInt64) {
        condition.lock()
        state.withLock { $0.inbox.append((job, generation)) }
        condition.signal()
        condition.unlock()
    }

    /// Drops jobs not yet started; returns how many (the broker re-queues them).
    @discardableResult
    func discardQueued() -> Int {
        state.withLock { s in
            defer { s.inbox.removeAll() }
            return s.inbox.count
        }
    }

    /// True while a job is being processed or waits in the inbox.
    var isIdle: Bool { state.withLock { !$0.busy && $0.inbox.isEmpty } }

    /// The job being processed, if it has run for longer than `limit`.
    func overdue(limit: Duration) -> JobDelivery? {
        state.withLock { s in
            guard let current = s.current, ContinuousClock.now - current.since > limit else { return nil }
            return current.job
        }
    }

    /// Takes finished jobs (socket thread).
    func takeFinished() -> [Finished] {
        outbox.withLock { o in
            defer { o.removeAll(keepingCapacity: true) }
            return o
        }
    }

    /// Stops after the current job; waits for the thread.
    func stopAndWait() {
        condition.lock()
        state.withLock { $0.stopping = true }
        condition.signal()
        condition.unlock()
        done.wait()
    }

    private func loop() {
        while true {
            condition.lock()
            var next: (JobDelivery, UInt64)?
            while true {
                let (job, stopping) = state.withLock { s -> ((JobDelivery, UInt64)?, Bool) in
                    if s.stopping { return (nil, true) }
                    if s.inbox.isEmpty { return (nil, false) }
                    s.busy = true
                    let next = s.inbox.removeFirst()
                    s.current = (next.0, .now)
                    return (next, false)
                }
                if stopping { condition.unlock(); done.signal(); return }
                if let job { next = job; break }
                condition.wait()
            }
            condition.unlock()
            guard let (job, generation) = next else { continue }
            let outcome = processor(job)
            outbox.withLock { $0.append(Finished(job: job, outcome: outcome, generation: generation)) }
            state.withLock { $0.busy = false; $0.current = nil }
            wakeup.signal()
        }
    }
}
