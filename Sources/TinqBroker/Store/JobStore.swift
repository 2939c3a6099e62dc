import Foundation
import GRDB
import TinqProtocol

/// The durable store: jobs, the results log and dead letters, in SQLite (WAL; a commit is
/// written at once and synced to disk by the ``WALSyncer`` before any producer hears "accepted").
///
/// Owned by the store thread (``StoreThread``); every method runs there. Group commit: the
/// thread hands one ``apply(_:now:)`` call every write that arrived since the last one, so many
/// submissions share one transaction and one fsync.
///
/// Laid out so that each article costs about one page of log writes (schema v2):
/// - bodies live in their own table, appended in job order and deleted in the same transaction
///   that stores the job's result, so a finished job's page is freed, never rewritten;
/// - a job row is small (no body), so marking it done touches a page shared by many jobs;
/// - the dedupe keys are looked up in memory (``DedupeIndex``), not in a SQLite index: their
///   hashes are random, and a random index page per insert doubled the bytes each commit wrote.
///   The keys stay in the job rows, and the index is rebuilt from them when the store opens.
final class JobStore {
    /// Job states in the `jobs` table.
    enum State: Int {
        case queued = 0, done = 1, dead = 2
    }

    /// A write for the next group commit.
    enum Write: Sendable {
        case insert(BrokerStateMachine.PendingSubmission)
        case delivery(jobID: UInt64, attempts: UInt32, failures: UInt32)
        case result(jobID: UInt64, labels: [String], result: [UInt8])
        case deadLetter(jobID: UInt64, attempts: UInt32, error: String)
    }

    /// What a group commit produced.
    struct Outcome: Sendable {
        var inserted: [(BrokerStateMachine.PendingSubmission, BrokerStateMachine.InsertOutcome)] = []
        var stored: [ResultRecord] = []
        var alreadyStored: [UInt64] = []
        var failedResults: [(UInt64, String)] = []
        /// False when the transaction failed and nothing was applied.
        var committed = true
    }

    private let db: DatabaseQueue
    private let dedupeWindowSeconds: Double
    private var dedupe = DedupeIndex()

    /// Opens (creating if needed) the store at `path`.
    init(path: String, dedupeWindowMs: Int64) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // A commit is written to the log, not synced: the WALSyncer syncs the log off the
            // store thread before any producer hears "accepted". A checkpoint still syncs.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The Checkpointer thread checkpoints; a commit never does.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            // When the log starts over, a log grown by a burst is cut back to 64 MiB.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            try db.execute(sql: "PRAGMA busy_timeout = 5000")
        }
        db = try DatabaseQueue(path: path, configuration: config)
        dedupeWindowSeconds = Double(dedupeWindowMs) / 1000
        try Self.migrator.migrate(db)
        // Fail now, with SQLite's own message, when the store cannot be written (a read-only
        // file or directory): a broker that cannot store anything must not start serving.
        // An empty transaction is not enough (SQLite lets a read-only file begin and commit
        // one when its log is there); a write, rolled back, is refused.
        try db.writeWithoutTransaction { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            do {
                try db.execute(sql: "BEGIN IMMEDIATE; PRAGMA user_version = \(version); ROLLBACK")
            } catch {
                if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                throw error
            }
        }
        try loadDedupeIndex()
    }

    /// Rebuilds the in-memory dedupe index from the job rows (``prune(now:resultRetentionSeconds:)``
    /// deletes finished jobs past the window, so these are about a window's worth); a later job
    /// with the same key (forced, or after the window) takes the key over, as when it was accepted.
    private func loadDedupeIndex() throws {
        try db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT dedupe_key, id, submitted_at FROM jobs WHERE dedupe_key IS NOT NULL ORDER BY id")
            while let row = try rows.next() {
                let key: Data = row[0]
                let id: Int64 = row[1]
                dedupe.set(Array(key), jobID: UInt64(id), submittedAt: row[2])
            }
        }
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    dedupe_key BLOB,
                    metadata BLOB NOT NULL,
                    body BLOB NOT NULL,
                    state INTEGER NOT NULL DEFAULT 0,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    failures INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    submitted_at REAL NOT NULL,
                    finished_at REAL
                );
                CREATE UNIQUE INDEX jobs_dedupe ON jobs(dedupe_key) WHERE dedupe_key IS NOT NULL;
                CREATE INDEX jobs_state ON jobs(state) WHERE state != 1;
                CREATE TABLE results (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    job_id INTEGER NOT NULL UNIQUE,
                    labels TEXT NOT NULL,
                    result BLOB NOT NULL,
                    created_at REAL NOT NULL
                );
                """)
        }
        // v2: bodies in their own table, no SQLite index on the dedupe keys (see the type's
        // comment). Jobs that v1 left with a result but still queued are marked done first.
        m.registerMigration("v2") { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 1, body = X'', finished_at = COALESCE(finished_at, submitted_at)
                WHERE state = 0 AND id IN (SELECT job_id FROM results);
                CREATE TABLE bodies (
                    job_id INTEGER PRIMARY KEY,
                    body BLOB NOT NULL
                );
                INSERT INTO bodies (job_id, body) SELECT id, body FROM jobs WHERE state != 1;
                DROP INDEX jobs_dedupe;
                ALTER TABLE jobs DROP COLUMN body;
                """)
        }
        return m
    }

    /// Applies `writes` in one transaction (one fsync). On failure nothing is applied and every
    /// insert and result comes back failed, so no producer hears "accepted" for a lost job.
    func apply(_ writes: [Write], now: Double) -> Outcome {
        var outcome = Outcome()
        // Keys taken in this transaction; they join the index only once it commits.
        var staged = DedupeIndex()
        do {
            try db.write { db in
                for write in writes {
                    switch write {
                    case .insert(let pending):
                        outcome.inserted.append((pending, try insert(pending, now: now, staged: &staged, db: db)))
                    case .delivery(let id, let attempts, let failures):
                        try db.cachedStatement(sql: "UPDATE jobs SET attempts = ?, failures = ? WHERE id = ? AND state = 0")
                            .execute(arguments: [Int64(attempts), Int64(failures), Int64(id)])
                    case .result(let id, let labels, let result):
                        if let record = try appendResult(jobID: id, labels: labels, result: result, now: now, db: db) {
                            outcome.stored.append(record)
                        } else {
                            outcome.alreadyStored.append(id)
                        }
                    case .deadLetter(let id, let attempts, let error):
                        try db.cachedStatement(sql: "UPDATE jobs SET state = 2, attempts = ?, last_error = ?, finished_at = ? WHERE id = ?")
                            .execute(arguments: [Int64(attempts), error, now, Int64(id)])
                    }
                }
            }
            dedupe.merge(staged)
        } catch {
            let message = "the store could not write: \(error)"
            outcome = Outcome()
            outcome.committed = false
            for write in writes {
                switch write {
                case .insert(let pending): outcome.inserted.append((pending, .failed(message)))
                case .result(let id, _, _): outcome.failedResults.append((id, message))
                default: break
                }
            }
        }
        return outcome
    }

    private func insert(_ p: BrokerStateMachine.PendingSubmission, now: Double, staged: inout DedupeIndex, db: Database) throws -> BrokerStateMachine.InsertOutcome {
        if !p.submission.metadata.force, let earlier = staged.lookup(p.dedupeKey) ?? dedupe.lookup(p.dedupeKey),
           now - earlier.submittedAt <= dedupeWindowSeconds {
            return .duplicate(of: earlier.jobID)
        }
        // New, outside the window, or forced: the new job takes over the key.
        let hot = try hotStatements(db)
        try p.dedupeKey.withUnsafeBytes { key in
            try p.submission.metadataJSON.withUnsafeBytes { metadata in
                try hot.insertJob.bindBlob(1, key)
                try hot.insertJob.bindBlob(2, metadata)
                try hot.insertJob.bind(3, now)
                try hot.insertJob.run()
            }
        }
        let id = hot.insertJob.lastInsertedRowID
        try p.submission.body.withUnsafeBytes { body in
            try hot.insertBody.bind(1, id)
            try hot.insertBody.bindBlob(2, body)
            try hot.insertBody.run()
        }
        staged.set(p.dedupeKey, jobID: UInt64(id), submittedAt: now)
        return .accepted(jobID: UInt64(id))
    }

    private func appendResult(jobID: UInt64, labels: [String], result: [UInt8], now: Double, db: Database) throws -> ResultRecord? {
        let hot = try hotStatements(db)
        var labelText = labels.joined(separator: ",")
        let changed = try labelText.withUTF8 { text in
            try result.withUnsafeBytes { bytes in
                try hot.insertResult.bind(1, Int64(jobID))
                try hot.insertResult.bindText(2, UnsafeRawBufferPointer(text))
                try hot.insertResult.bindBlob(3, bytes)
                try hot.insertResult.bind(4, now)
                return try hot.insertResult.run()
            }
        }
        guard changed == 1 else { return nil }  // already stored: never publish twice
        let seq = UInt64(hot.insertResult.lastInsertedRowID)
        // Done in the same transaction: the body's page goes to the free list (SQLite does not
        // write freed pages), and the small job row shares its page with its neighbours.
        try hot.deleteBody.bind(1, Int64(jobID))
        try hot.deleteBody.run()
        try hot.markDone.bind(1, now)
        try hot.markDone.bind(2, Int64(jobID))
        try hot.markDone.run()
        return ResultRecord(seq: seq, jobID: jobID, labels: labels, result: result)
    }

    /// The statements every article runs, prepared once (see ``HotStatement``).
    private struct HotStatements {
        let insertJob: HotStatement
        let insertBody: HotStatement
        let insertResult: HotStatement
        let deleteBody: HotStatement
        let markDone: HotStatement

        init(_ connection: OpaquePointer) throws {
            insertJob = try HotStatement("INSERT INTO jobs (dedupe_key, metadata, submitted_at) VALUES (?, ?, ?)", on: connection)
            insertBody = try HotStatement("INSERT INTO bodies (job_id, body) VALUES (?, ?)", on: connection)
            insertResult = try HotStatement("INSERT INTO results (job_id, labels, result, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(job_id) DO NOTHING", on: connection)
            deleteBody = try HotStatement("DELETE FROM bodies WHERE job_id = ?", on: connection)
            markDone = try HotStatement("UPDATE jobs SET state = 1, finished_at = ? WHERE id = ? AND state = 0", on: connection)
        }

        func finalize() {
            for statement in [insertJob, insertBody, insertResult, deleteBody, markDone] { statement.finalize() }
        }
    }

    private var hot: HotStatements?

    private func hotStatements(_ db: Database) throws -> HotStatements {
        if let hot { return hot }
        let prepared = try HotStatements(db.sqliteConnection!)
        hot = prepared
        return prepared
    }

    deinit {
        // Before the connection closes (the queue is released after this body).
        hot?.finalize()
    }

    /// Makes every commit sync the log itself (when no ``WALSyncer`` can do it).
    func syncEachCommit() throws {
        try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
    }

    /// Copies what is left of the write-ahead log into the database, between two commits (see
    /// ``Checkpointer``). True when the whole log was copied, so the next commit starts it over;
    /// false when the checkpointer's own pass was running (the caller tries again later).
    func checkpointBetweenCommits() -> Bool {
        guard let (log, checkpointed) = try? db.writeWithoutTransaction({ try $0.checkpoint(.passive) }) else { return false }
        return log == checkpointed
    }

    // MARK: Reads

    /// Every job accepted and not finished, oldest first (recovery after a restart).
    func unfinishedJobs() throws -> [BrokerStateMachine.StoredJob] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, metadata, body, attempts, failures FROM jobs JOIN bodies ON bodies.job_id = jobs.id
                WHERE state = 0 ORDER BY id
                """).map(Self.storedJob)
        }
    }

    private static func storedJob(_ row: Row) -> BrokerStateMachine.StoredJob {
        let metadata: Data = row["metadata"]
        let body: Data = row["body"]
        let attempts: Int64 = row["attempts"]
        let failures: Int64 = row["failures"]
        let id: Int64 = row["id"]
        return .init(id: UInt64(id), metadataJSON: Array(metadata), body: Array(body), attempts: UInt32(clamping: attempts), failures: UInt32(clamping: failures))
    }

    /// Results from `request.fromSeq` on, filtered by labels, at most `limit`.
    func replay(_ request: ReplayRequest, limit: Int) throws -> (records: [ResultRecord], lastSeq: UInt64) {
        try db.read { db in
            let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM results") ?? 0
            var records: [ResultRecord] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, job_id, labels, result FROM results WHERE seq >= ? ORDER BY seq",
                                           arguments: [Int64(clamping: request.fromSeq)])
            while let row = try rows.next(), records.count < limit {
                let labelText: String = row["labels"]
                let labels = labelText.isEmpty ? [] : labelText.split(separator: ",").map(String.init)
                if !request.labels.isEmpty && !labels.contains(where: request.labels.contains) { continue }
                let seq: Int64 = row["seq"]
                let job: Int64 = row["job_id"]
                let result: Data = row["result"]
                records.append(ResultRecord(seq: UInt64(seq), jobID: UInt64(job), labels: labels, result: Array(result)))
            }
            return (records, UInt64(last))
        }
    }

    /// The last seq published on each topic (`all` and `label.<name>.`), so that after a restart
    /// the first result's previous-seq frame still points at the result before it.
    func lastSeqByTopic() throws -> [String: UInt64] {
        try db.read { db in
            var last: [String: UInt64] = [:]
            // One row per distinct label set: few, however long the log.
            let rows = try Row.fetchAll(db, sql: "SELECT labels, MAX(seq) AS seq FROM results GROUP BY labels")
            for row in rows {
                let labels: String = row["labels"]
                let seq = UInt64(row["seq"] as Int64)
                var topics = [Wire.allTopic]
                if !labels.isEmpty { topics += labels.split(separator: ",").map { Wire.topic(forLabel: String($0)) } }
                for topic in topics { last[topic] = max(last[topic] ?? 0, seq) }
            }
            return last
        }
    }

    /// Counts for STATUS.
    func stats() throws -> StoreStats {
        try db.read { db in
            StoreStats(
                lastSeq: UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM results") ?? 0),
                storedQueued: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE state = 0") ?? 0,
                deadLetters: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE state = 2") ?? 0
            )
        }
    }

    // MARK: Dead letters

    /// Dead-lettered jobs, newest first.
    func deadLetters(limit: Int) throws -> [DeadLetter] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT id, metadata, attempts, failures, last_error, finished_at, length(body) AS size FROM jobs LEFT JOIN bodies ON bodies.job_id = jobs.id WHERE state = 2 ORDER BY id DESC LIMIT ?",
                             arguments: [limit]).map(Self.deadLetter)
        }
    }

    /// One dead-lettered job.
    func deadLetter(id: UInt64) throws -> DeadLetter? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT id, metadata, attempts, failures, last_error, finished_at, length(body) AS size FROM jobs LEFT JOIN bodies ON bodies.job_id = jobs.id WHERE state = 2 AND id = ?",
                             arguments: [Int64(id)]).map(Self.deadLetter)
        }
    }

    private static func deadLetter(_ row: Row) -> DeadLetter {
        let id: Int64 = row["id"]
        let metadata: Data = row["metadata"]
        let attempts: Int64 = row["attempts"]
        let failures: Int64 = row["failures"]
        let size: Int64 = row["size"] ?? 0
        return DeadLetter(jobID: String(id), metadata: String(decoding: metadata, as: UTF8.self), attempts: Int(attempts), failures: Int(failures),
                          lastError: row["last_error"], deadAt: row["finished_at"], bodyBytes: Int(size))
    }

    /// Moves dead-lettered jobs (one, or all when `id` is nil) back to the queue with fresh counts.
    func requeueDeadLetters(id: UInt64?) throws -> [BrokerStateMachine.StoredJob] {
        try db.write { db in
            let filter = id == nil ? "" : " AND id = \(id!)"
            let rows = try Row.fetchAll(db, sql: "SELECT id, metadata, body, 0 AS attempts, 0 AS failures FROM jobs JOIN bodies ON bodies.job_id = jobs.id WHERE state = 2\(filter) ORDER BY id")
            try db.execute(sql: "UPDATE jobs SET state = 0, attempts = 0, failures = 0, last_error = NULL, finished_at = NULL WHERE state = 2\(filter)")
            return rows.map(Self.storedJob)
        }
    }

    /// Deletes dead-lettered jobs (one, or all); returns how many.
    func purgeDeadLetters(id: UInt64?) throws -> Int {
        try db.write { db in
            let filter = id == nil ? "" : " AND id = \(id!)"
            try db.execute(sql: "DELETE FROM bodies WHERE job_id IN (SELECT id FROM jobs WHERE state = 2\(filter))")
            try db.execute(sql: "DELETE FROM jobs WHERE state = 2\(filter)")
            return db.changesCount
        }
    }

    // MARK: Retention

    /// Drops results older than `resultRetentionSeconds`, and finished jobs whose dedupe window passed.
    func prune(now: Double, resultRetentionSeconds: Double) throws -> (results: Int, jobs: Int) {
        let pruned = try db.write { db in
            try db.execute(sql: "DELETE FROM results WHERE created_at < ?", arguments: [now - resultRetentionSeconds])
            let results = db.changesCount
            try db.execute(sql: "DELETE FROM jobs WHERE state = 1 AND submitted_at < ?", arguments: [now - dedupeWindowSeconds])
            return (results, db.changesCount)
        }
        dedupe.removeEntries(submittedBefore: now - dedupeWindowSeconds)
        return pruned
    }

    /// Dedupe keys known to the index (for tests and STATUS).
    var dedupeEntryCount: Int { dedupe.count }
}

/// Store counts for STATUS.
struct StoreStats: Sendable {
    var lastSeq: UInt64
    var storedQueued: Int
    var deadLetters: Int
}

/// A dead-lettered job as `tinq dlq` shows it.
public struct DeadLetter: Sendable, Codable, Equatable {
    public var jobID: String
    public var metadata: String
    public var attempts: Int
    public var failures: Int
    public var lastError: String?
    public var deadAt: Double?
    public var bodyBytes: Int

    enum CodingKeys: String, CodingKey {
        case metadata, attempts, failures
        case jobID = "job_id"
        case lastError = "last_error"
        case deadAt = "dead_at"
        case bodyBytes = "body_bytes"
    }
}
