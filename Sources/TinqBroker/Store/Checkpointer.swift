import Foundation
import GRDB
import Synchronization

/// Copies the SQLite write-ahead log into the database file from its own thread and connection,
/// so the store thread's commits never pay for a checkpoint (SQLite's automatic checkpoint runs
/// inside the commit that crosses the threshold, a latency spike for every producer waiting).
final class Checkpointer: Sendable {
    private let db: DatabaseQueue
    private let stopping = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private let intervalMs: Int

    /// Opens a second connection to the store at `path`.
    init(path: String, intervalMs: Int = 250) throws {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA busy_timeout = 5000") }
        db = try DatabaseQueue(path: path, configuration: config)
        self.intervalMs = intervalMs
    }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in
            while !stopping.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: Double(intervalMs) / 1000)
                // PASSIVE never waits for, or blocks, the writer.
                _ = try? db.writeWithoutTransaction { try $0.checkpoint(.passive) }
            }
            done.signal()
        }
        thread.name = "tinq-checkpoint"
        thread.start()
    }

    /// Stops the thread and waits for it.
    func stopAndWait() {
        stopping.store(true, ordering: .relaxed)
        done.wait()
    }
}
