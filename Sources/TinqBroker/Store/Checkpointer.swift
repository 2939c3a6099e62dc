import Foundation
import GRDB
import Synchronization
import ZeroMQ

/// Copies the SQLite write-ahead log into the database file from its own thread and connection,
/// so the store thread's commits never pay for a checkpoint (SQLite's automatic checkpoint runs
/// inside the commit that crosses the threshold, a latency spike for every producer waiting).
///
/// A checkpoint that runs while the writer keeps appending never catches up with the log's end,
/// and SQLite only starts the log over from its beginning when a checkpoint has copied all of
/// it. Left alone, the log grows without bound, and every new page of it costs the kernel a
/// zeroed page. So once the log passes ``restartFrames`` the checkpointer raises
/// ``wantsRestart``; the store thread then copies the few frames still left between two of its
/// commits (``JobStore/checkpointBetweenCommits()``), and its next commit starts the log over.
final class Checkpointer: Sendable {
    private let db: DatabaseQueue
    private let stopping = Atomic<Bool>(false)
    private let restartRequested = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private let intervalMs: Int
    private let restartFrames: Int

    /// Opens a second connection to the store at `path`.
    init(path: String, intervalMs: Int = 250, restartFrames: Int = 4096) throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA busy_timeout = 5000") }
        db = try DatabaseQueue(path: path, configuration: config)
        self.intervalMs = intervalMs
        self.restartFrames = restartFrames
    }

    /// True when the log is long enough that the store thread should finish a checkpoint itself.
    var wantsRestart: Bool { restartRequested.load(ordering: .relaxed) }

    /// The store thread finished a checkpoint: the next commit starts the log over.
    func restartDone() { restartRequested.store(false, ordering: .relaxed) }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in
            ThreadName.set("tinq-checkpoint")
            var copied = 0
            var lastCheckpointed = 0
            while !stopping.load(ordering: .relaxed) {
                // Behind (a pass copied a lot): go again soon, so the store thread's share stays small.
                Thread.sleep(forTimeInterval: copied > 1024 ? 0.01 : Double(intervalMs) / 1000)
                // PASSIVE never waits for, or blocks, the writer.
                guard let (log, checkpointed) = try? db.writeWithoutTransaction({ try $0.checkpoint(.passive) }) else {
                    copied = 0
                    continue
                }
                // The counts are of the whole log; it may have started over since the last pass.
                copied = checkpointed >= lastCheckpointed ? checkpointed - lastCheckpointed : checkpointed
                lastCheckpointed = checkpointed
                if log >= restartFrames { restartRequested.store(true, ordering: .relaxed) }
            }
            done.signal()
        }
        thread.name = "tinq-checkpoint"
        thread.start()
    }

    /// Stops the thread, waits for it, and closes its connection, so that the store's own
    /// connection is the last one: when that closes, SQLite copies the whole log into the
    /// database file and deletes it, and a stopped broker leaves one self-contained file.
    func stopAndWait() {
        stopping.store(true, ordering: .relaxed)
        done.wait()
        try? db.close()
    }
}
