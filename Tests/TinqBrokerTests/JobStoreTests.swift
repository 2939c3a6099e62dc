import Foundation
import GRDB
import Testing
import TinqProtocol
import TinqTesting

@testable import TinqBroker

/// Thrown after recording the issue, to stop a test whose setup went wrong.
struct NotAccepted: Error {}

@Suite("JobStore")
struct JobStoreTests {
    static let windowMs: Int64 = 10_000
    static let t0 = 1_700_000_000.0

    static func pending(_ n: Int, url: String? = nil, body: String? = nil, force: Bool = false) -> BrokerStateMachine.PendingSubmission {
        let submission = Submission(metadata: SubmitMetadata(id: "a\(n)", url: url, force: force), body: bytes(body ?? "Bài báo số \(n)"))
        return BrokerStateMachine.PendingSubmission(client: bytes("c"), requestID: bytes("r\(n)"), submission: submission,
                                                     dedupeKey: DedupeKey.make(metadata: submission.metadata, body: submission.body), receivedAt: 0)
    }

    static func open(_ dir: TemporaryDirectory, windowMs: Int64 = windowMs) throws -> JobStore {
        try JobStore(path: dir.file("tinq.sqlite"), dedupeWindowMs: windowMs)
    }

    /// Inserts and returns the outcomes in order.
    static func insert(_ store: JobStore, _ items: [BrokerStateMachine.PendingSubmission], at now: Double) -> [BrokerStateMachine.InsertOutcome] {
        store.apply(items.map { .insert($0) }, now: now).inserted.map(\.1)
    }

    static func acceptedID(_ outcome: BrokerStateMachine.InsertOutcome?) throws -> UInt64 {
        guard case .accepted(let id)? = outcome else {
            Issue.record("expected accepted, got \(String(describing: outcome))")
            throw NotAccepted()
        }
        return id
    }

    // MARK: Inserts and dedupe

    @Test("inserts get increasing ids; the same key inside the window is a duplicate of the first")
    func insertAndDedupe() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let first = Self.insert(store, [Self.pending(1, url: "https://x.vn/a"), Self.pending(2)], at: Self.t0)
        let a = try Self.acceptedID(first[0])
        let b = try Self.acceptedID(first[1])
        #expect(b > a)
        let again = Self.insert(store, [Self.pending(3, url: "https://X.vn/a/#c", body: "khác"), Self.pending(4, body: "Bài báo số 2")], at: Self.t0 + 9.999)
        #expect(again == [.duplicate(of: a), .duplicate(of: b)])
        let other = Self.insert(store, [Self.pending(5, url: "https://x.vn/b")], at: Self.t0 + 1)
        #expect(try Self.acceptedID(other.first) > b)
        #expect(try store.unfinishedJobs().count == 3, "duplicates store nothing")
    }

    @Test("two submissions of the same page in one group commit: the second is a duplicate of the first")
    func dedupeWithinBatch() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let outcomes = Self.insert(store, [Self.pending(1, url: "https://x.vn/a"), Self.pending(2, url: "https://x.vn/a")], at: Self.t0)
        let a = try Self.acceptedID(outcomes.first)
        #expect(outcomes.last == .duplicate(of: a))
    }

    @Test("past the window the same key is accepted again and the new job takes over the key")
    func windowExpiry() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let a = try Self.acceptedID(Self.insert(store, [Self.pending(1, url: "https://x.vn/a")], at: Self.t0).first)
        #expect(Self.insert(store, [Self.pending(2, url: "https://x.vn/a")], at: Self.t0 + 10).first == .duplicate(of: a), "the window is inclusive")
        let b = try Self.acceptedID(Self.insert(store, [Self.pending(3, url: "https://x.vn/a")], at: Self.t0 + 10.5).first)
        #expect(b != a)
        #expect(Self.insert(store, [Self.pending(4, url: "https://x.vn/a")], at: Self.t0 + 12).first == .duplicate(of: b))
    }

    @Test("force is accepted inside the window and takes over the key")
    func force() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let a = try Self.acceptedID(Self.insert(store, [Self.pending(1, url: "https://x.vn/a")], at: Self.t0).first)
        let b = try Self.acceptedID(Self.insert(store, [Self.pending(2, url: "https://x.vn/a", force: true)], at: Self.t0 + 1).first)
        #expect(b != a)
        #expect(Self.insert(store, [Self.pending(3, url: "https://x.vn/a")], at: Self.t0 + 2).first == .duplicate(of: b))
        #expect(try store.unfinishedJobs().map(\.id) == [a, b], "forcing does not drop the earlier job")
    }

    // MARK: Results

    @Test("results get strictly increasing seqs across commits and mark their jobs done")
    func resultSeqs() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let ids = try Self.insert(store, (1...4).map { Self.pending($0) }, at: Self.t0).map { try Self.acceptedID($0) }
        let first = store.apply([.result(jobID: ids[0], labels: ["award"], result: bytes(#"{"a":1}"#)),
                                 .result(jobID: ids[1], labels: [], result: bytes("{}"))], now: Self.t0 + 1)
        let second = store.apply([.result(jobID: ids[2], labels: ["dan_van", "conference"], result: bytes("{}"))], now: Self.t0 + 2)
        #expect(first.failedResults.isEmpty && second.failedResults.isEmpty)
        let records = first.stored + second.stored
        #expect(records.map(\.jobID) == Array(ids[0...2]))
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.seq < $1.seq })
        #expect(records[0] == ResultRecord(seq: records[0].seq, jobID: ids[0], labels: ["award"], result: bytes(#"{"a":1}"#)))
        #expect(records[2].labels == ["dan_van", "conference"])
        #expect(try store.unfinishedJobs().map(\.id) == [ids[3]])
        #expect(try store.stats().lastSeq == records[2].seq)
    }

    @Test("storing the same job's result twice returns nothing the second time, in a later or the same commit")
    func resultOnce() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let ids = try Self.insert(store, [Self.pending(1), Self.pending(2)], at: Self.t0).map { try Self.acceptedID($0) }
        #expect(store.apply([.result(jobID: ids[0], labels: [], result: bytes("{}"))], now: Self.t0).stored.count == 1)
        let again = store.apply([.result(jobID: ids[0], labels: ["award"], result: bytes(#"{"x":2}"#))], now: Self.t0)
        #expect(again.stored.isEmpty)
        #expect(again.failedResults.isEmpty)
        let same = store.apply([.result(jobID: ids[1], labels: [], result: bytes("{}")), .result(jobID: ids[1], labels: [], result: bytes("{}"))], now: Self.t0)
        #expect(same.stored.map(\.jobID) == [ids[1]])
        let (records, last) = try store.replay(ReplayRequest(fromSeq: 1), limit: 100)
        #expect(records.map(\.jobID) == ids)
        #expect(records[0].labels == [], "the first stored result is the one kept")
        #expect(last == records.last?.seq)
    }

    // MARK: Restart

    @Test("after close and reopen, unfinishedJobs is exactly the accepted, not finished jobs with their counts")
    func restart() throws {
        let dir = try TemporaryDirectory()
        var ids: [UInt64] = []
        do {
            let store = try Self.open(dir)
            ids = try Self.insert(store, (1...5).map { Self.pending($0) }, at: Self.t0).map { try Self.acceptedID($0) }
            _ = store.apply([
                .delivery(jobID: ids[0], attempts: 1, failures: 0),
                .delivery(jobID: ids[0], attempts: 3, failures: 2),
                .delivery(jobID: ids[1], attempts: 1, failures: 0),
                .result(jobID: ids[1], labels: [], result: bytes("{}")),
                .deadLetter(jobID: ids[2], attempts: 5, error: "boom"),
                .delivery(jobID: ids[4], attempts: 1, failures: 0),
            ], now: Self.t0 + 1)
            // A delivery write after the job finished must not resurrect it or change its counts.
            _ = store.apply([.delivery(jobID: ids[1], attempts: 9, failures: 9)], now: Self.t0 + 2)
        }
        let reopened = try Self.open(dir)
        let unfinished = try reopened.unfinishedJobs()
        #expect(unfinished.map(\.id) == [ids[0], ids[3], ids[4]])
        #expect(unfinished.map(\.attempts) == [3, 0, 1])
        #expect(unfinished.map(\.failures) == [2, 0, 0])
        let first = try #require(unfinished.first)
        #expect(first.body == Self.pending(1).submission.body)
        #expect(first.metadataJSON == Self.pending(1).submission.metadataJSON)
        // Ids keep increasing after a restart.
        let next = try Self.acceptedID(Self.insert(reopened, [Self.pending(6)], at: Self.t0 + 3).first)
        #expect(next > ids.max()!)
        // Dedupe survives the restart.
        #expect(Self.insert(reopened, [Self.pending(7, body: "Bài báo số 1")], at: Self.t0 + 3).first == .duplicate(of: ids[0]))
    }

    @Test("a store written by schema v1 opens as v2: queued and dead jobs keep their bodies, finished ones stay finished, dedupe holds")
    func upgradeFromV1() throws {
        let dir = try TemporaryDirectory()
        let p1 = Self.pending(1, url: "https://x.vn/1"), p2 = Self.pending(2), p3 = Self.pending(3)
        do {
            // The v1 layout as tinq 0.1 created it, with one job of each kind.
            let old = try DatabaseQueue(path: dir.file("tinq.sqlite"))
            try old.write { db in
                try db.execute(sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE jobs (id INTEGER PRIMARY KEY, dedupe_key BLOB, metadata BLOB NOT NULL, body BLOB NOT NULL,
                        state INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT, submitted_at REAL NOT NULL, finished_at REAL);
                    CREATE UNIQUE INDEX jobs_dedupe ON jobs(dedupe_key) WHERE dedupe_key IS NOT NULL;
                    CREATE INDEX jobs_state ON jobs(state) WHERE state != 1;
                    CREATE TABLE results (seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL UNIQUE,
                        labels TEXT NOT NULL, result BLOB NOT NULL, created_at REAL NOT NULL);
                    """)
                for (id, p, state) in [(1, p1, 0), (2, p2, 0), (3, p3, 2), (4, Self.pending(4), 0)] {
                    try db.execute(sql: "INSERT INTO jobs (id, dedupe_key, metadata, body, state, attempts, submitted_at) VALUES (?, ?, ?, ?, ?, 2, ?)",
                                   arguments: [id, Data(p.dedupeKey), Data(p.submission.metadataJSON), Data(p.submission.body), state, Self.t0])
                }
                // Job 4 finished under v1 but its row was not marked done yet (v1 did that in bulk later).
                try db.execute(sql: "INSERT INTO results (job_id, labels, result, created_at) VALUES (4, '', X'7B7D', ?)", arguments: [Self.t0])
            }
        }
        let store = try Self.open(dir)
        let unfinished = try store.unfinishedJobs()
        #expect(unfinished.map(\.id) == [1, 2])
        #expect(unfinished.map(\.body) == [p1.submission.body, p2.submission.body])
        #expect(unfinished.map(\.attempts) == [2, 2])
        #expect(try store.deadLetter(id: 3)?.bodyBytes == p3.submission.body.count)
        #expect(try store.requeueDeadLetters(id: 3).first?.body == p3.submission.body)
        #expect(try store.stats().lastSeq == 1)
        #expect(Self.insert(store, [Self.pending(5, url: "https://x.vn/1")], at: Self.t0 + 1).first == .duplicate(of: 1))
        #expect(store.apply([.result(jobID: 1, labels: [], result: bytes("{}"))], now: Self.t0 + 2).stored.map(\.jobID) == [1])
        #expect(try store.unfinishedJobs().map(\.id) == [2, 3])
    }

    @Test("prune forgets dedupe keys past the window, in memory and after a reopen")
    func pruneForgetsKeys() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try Self.open(dir)
            let ids = try Self.insert(store, [Self.pending(1), Self.pending(2)], at: Self.t0).map { try Self.acceptedID($0) }
            _ = store.apply(ids.map { .result(jobID: $0, labels: [], result: bytes("{}")) }, now: Self.t0 + 1)
            _ = Self.insert(store, [Self.pending(3)], at: Self.t0 + 60)
            #expect(store.dedupeEntryCount == 3)
            _ = try store.prune(now: Self.t0 + 65, resultRetentionSeconds: 3600)
            #expect(store.dedupeEntryCount == 1, "only the key inside the window is kept")
        }
        #expect(try Self.open(dir).dedupeEntryCount == 1, "the finished jobs past the window were deleted")
    }

    // MARK: Dead letters

    @Test("dead letters: list newest first, show, requeue one or all with fresh counts, purge")
    func deadLetters() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let ids = try Self.insert(store, (1...4).map { Self.pending($0) }, at: Self.t0).map { try Self.acceptedID($0) }
        _ = store.apply([
            .delivery(jobID: ids[0], attempts: 5, failures: 4),
            .deadLetter(jobID: ids[0], attempts: 5, error: "internal: five times"),
            .deadLetter(jobID: ids[1], attempts: 1, error: "not_utf8: bad"),
            .deadLetter(jobID: ids[2], attempts: 2, error: "x"),
        ], now: Self.t0 + 5)

        let list = try store.deadLetters(limit: 10)
        #expect(list.map(\.jobID) == [ids[2], ids[1], ids[0]].map { String($0) })
        #expect(try store.deadLetters(limit: 2).count == 2)
        let shown = try #require(try store.deadLetter(id: ids[0]))
        #expect(shown.attempts == 5)
        #expect(shown.lastError == "internal: five times")
        #expect(shown.deadAt == Self.t0 + 5)
        #expect(shown.bodyBytes == Self.pending(1).submission.body.count)
        #expect(shown.metadata == String(decoding: Self.pending(1).submission.metadataJSON, as: UTF8.self))
        #expect(try store.deadLetter(id: ids[3]) == nil, "a queued job is not a dead letter")
        #expect(try store.stats().deadLetters == 3)
        #expect(try store.unfinishedJobs().map(\.id) == [ids[3]])

        let one = try store.requeueDeadLetters(id: ids[0])
        #expect(one.map(\.id) == [ids[0]])
        #expect(one.first?.attempts == 0 && one.first?.failures == 0)
        #expect(one.first?.body == Self.pending(1).submission.body)
        #expect(try store.deadLetter(id: ids[0]) == nil)
        #expect(try store.unfinishedJobs().map(\.id) == [ids[0], ids[3]])
        #expect(try store.unfinishedJobs().first?.attempts == 0)
        #expect(try store.requeueDeadLetters(id: ids[3]).isEmpty, "only dead letters are requeued")

        #expect(try store.purgeDeadLetters(id: ids[1]) == 1)
        #expect(try store.purgeDeadLetters(id: ids[1]) == 0)
        #expect(try store.purgeDeadLetters(id: ids[3]) == 0, "purge never deletes a live job")
        #expect(try store.requeueDeadLetters(id: nil).map(\.id) == [ids[2]])
        #expect(try store.deadLetters(limit: 10).isEmpty)
        #expect(try store.unfinishedJobs().map(\.id) == [ids[0], ids[2], ids[3]])

        _ = store.apply([.deadLetter(jobID: ids[0], attempts: 1, error: "a"), .deadLetter(jobID: ids[2], attempts: 1, error: "b")], now: Self.t0 + 6)
        #expect(try store.purgeDeadLetters(id: nil) == 2)
        #expect(try store.stats().deadLetters == 0)
        #expect(try store.stats().storedQueued == 1)
    }

    @Test("a dead-lettered job shows the failures that sent it there (never 0)")
    func deadLetterFailures() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let id = try Self.acceptedID(Self.insert(store, [Self.pending(1)], at: Self.t0).first)
        // What the broker writes for a job that fails for good on its first delivery.
        var machine = BrokerStateMachine(policy: BrokerPolicy())
        var actions: [BrokerStateMachine.Action] = []
        machine.restored([.init(id: id, metadataJSON: [], body: bytes("x"), attempts: 0, failures: 0)], now: 0, actions: &actions)
        machine.workerMessage(from: bytes("w"), .ready(WorkerHello(name: "w", pid: 1, credit: 1)), now: 0, actions: &actions)
        machine.workerMessage(from: bytes("w"), .failure(jobID: id, attempt: 1, JobFailure(code: "not_utf8", message: "bad", retryable: false)), now: 0, actions: &actions)
        var writes: [JobStore.Write] = []
        for action in actions {
            switch action {
            case .recordDelivery(let j, let a, let f): writes.append(.delivery(jobID: j, attempts: a, failures: f))
            case .deadLetter(let j, let a, let e): writes.append(.deadLetter(jobID: j, attempts: a, error: e))
            default: break
            }
        }
        _ = store.apply(writes, now: Self.t0 + 1)
        let dead = try #require(try store.deadLetter(id: id))
        #expect(dead.attempts == 1)
        #expect(dead.failures >= 1, "DLQ shows \(dead.failures) failures for a job that failed once")
    }

    // MARK: Replay

    @Test("replay honours fromSeq, the page limit and the label filter, and reports the last seq")
    func replay() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let ids = try Self.insert(store, (1...10).map { Self.pending($0) }, at: Self.t0).map { try Self.acceptedID($0) }
        let labels: [[String]] = [[], ["award"], ["dan_van"], ["award", "dan_van"], [], ["conference"], ["award"], [], ["dan_van"], ["award"]]
        let stored = store.apply(zip(ids, labels).map { .result(jobID: $0, labels: $1, result: bytes(#"{"job":\#($0)}"#)) }, now: Self.t0).stored
        let seqs = stored.map(\.seq)
        #expect(seqs.count == 10)

        let all = try store.replay(ReplayRequest(fromSeq: 1), limit: 100)
        #expect(all.records == stored)
        #expect(all.lastSeq == seqs[9])

        let page = try store.replay(ReplayRequest(fromSeq: seqs[3]), limit: 3)
        #expect(page.records.map(\.seq) == Array(seqs[3...5]))
        #expect(page.lastSeq == seqs[9])

        let awards = try store.replay(ReplayRequest(fromSeq: 1, labels: ["award"]), limit: 100)
        #expect(awards.records.map(\.jobID) == [ids[1], ids[3], ids[6], ids[9]])
        let awardsPage = try store.replay(ReplayRequest(fromSeq: seqs[2], labels: ["award"]), limit: 2)
        #expect(awardsPage.records.map(\.jobID) == [ids[3], ids[6]], "the limit counts matching records only")
        let either = try store.replay(ReplayRequest(fromSeq: 1, labels: ["conference", "dan_van"]), limit: 100)
        #expect(either.records.map(\.jobID) == [ids[2], ids[3], ids[5], ids[8]])

        #expect(try store.replay(ReplayRequest(fromSeq: seqs[9] + 1), limit: 100).records.isEmpty)
        #expect(try store.replay(ReplayRequest(fromSeq: UInt64.max), limit: 100).records.isEmpty)
        #expect(try store.replay(ReplayRequest(fromSeq: 0), limit: 100).records.count == 10)
    }

    @Test("the last seq per topic comes back from the log, so previous-seq frames survive a restart")
    func lastSeqByTopic() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        #expect(try store.lastSeqByTopic().isEmpty)
        let ids = try Self.insert(store, (1...4).map { Self.pending($0) }, at: Self.t0).map { try Self.acceptedID($0) }
        let labels: [[String]] = [["award"], ["award", "dan_van"], [], ["dan_van"]]
        let seqs = store.apply(zip(ids, labels).map { .result(jobID: $0, labels: $1, result: bytes("{}")) }, now: Self.t0).stored.map(\.seq)
        let last = try Self.open(dir).lastSeqByTopic()
        #expect(last == ["all": seqs[3], "label.award.": seqs[1], "label.dan_van.": seqs[3]])
    }

    @Test("replay of an empty log is empty with last seq 0")
    func replayEmpty() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let r = try store.replay(ReplayRequest(fromSeq: 1), limit: 10)
        #expect(r.records.isEmpty)
        #expect(r.lastSeq == 0)
    }

    // MARK: Retention

    @Test("prune drops old results and finished jobs past the dedupe window, never unfinished ones")
    func prune() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let ids = try Self.insert(store, [Self.pending(1, url: "https://x.vn/1"), Self.pending(2), Self.pending(3)], at: Self.t0).map { try Self.acceptedID($0) }
        _ = store.apply([.result(jobID: ids[0], labels: [], result: bytes("{}"))], now: Self.t0)
        _ = store.apply([.result(jobID: ids[1], labels: [], result: bytes("{}"))], now: Self.t0 + 100)
        let pruned = try store.prune(now: Self.t0 + 150, resultRetentionSeconds: 60)
        #expect(pruned.results == 1)
        #expect(pruned.jobs == 2)
        #expect(try store.replay(ReplayRequest(fromSeq: 0), limit: 10).records.map(\.jobID) == [ids[1]])
        #expect(try store.unfinishedJobs().map(\.id) == [ids[2]])
        #expect(try Self.acceptedID(Self.insert(store, [Self.pending(4, url: "https://x.vn/1")], at: Self.t0 + 150).first) > ids[2])
    }

    // MARK: Failures

    @Test("a store path under a missing directory fails to open with an error")
    func missingDirectory() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: (any Error).self) { try JobStore(path: dir.file("no/such/dir/tinq.sqlite"), dedupeWindowMs: 1) }
    }

    @Test("a store path that is a directory fails to open with an error")
    func pathIsDirectory() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("tinq.sqlite"), withIntermediateDirectories: false)
        #expect(throws: (any Error).self) { try JobStore(path: dir.file("tinq.sqlite"), dedupeWindowMs: 1) }
    }

    @Test("a file that is not a database fails to open with an error")
    func notADatabase() throws {
        let dir = try TemporaryDirectory()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: dir.file("tinq.sqlite")))
        #expect(throws: (any Error).self) { try JobStore(path: dir.file("tinq.sqlite"), dedupeWindowMs: 1) }
    }

    /// Opening, or else writing, must fail with an error (and every insert come back failed).
    static func expectUnusable(_ path: String) {
        let store: JobStore
        do {
            store = try JobStore(path: path, dedupeWindowMs: 1)
        } catch {
            return
        }
        let outcome = store.apply([.insert(Self.pending(1)), .result(jobID: 1, labels: [], result: bytes("{}"))], now: Self.t0)
        #expect(outcome.inserted.count == 1)
        if case .failed? = outcome.inserted.first?.1 {} else { Issue.record("insert into a read-only store returned \(String(describing: outcome.inserted.first?.1))") }
        #expect(outcome.stored.isEmpty)
        #expect(outcome.failedResults.map(\.0) == [1])
    }

    @Test("a read-only data directory: a new store fails to open", .enabled(if: getuid() != 0, "root ignores directory permissions"))
    func readOnlyDirectoryNewFile() throws {
        let dir = try TemporaryDirectory()
        try #require(chmod(dir.path, 0o500) == 0)
        Self.expectUnusable(dir.file("tinq.sqlite"))
    }

    @Test("a read-only data directory with an existing store: open or write fails with an error", .enabled(if: getuid() != 0, "root ignores directory permissions"))
    func readOnlyDirectoryExistingFile() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try Self.open(dir)
            _ = Self.insert(store, [Self.pending(9)], at: Self.t0)
        }
        try #require(chmod(dir.path, 0o500) == 0)
        try #require(chmod(dir.file("tinq.sqlite"), 0o400) == 0)
        Self.expectUnusable(dir.file("tinq.sqlite"))
    }

    /// The case an empty `BEGIN IMMEDIATE; COMMIT` let through: an immutable store whose
    /// write-ahead log is still there (the last broker did not delete it) opens read-only, and
    /// SQLite begins and commits an empty transaction on it. Opening must fail anyway.
    @Test("an immutable store whose log is still there fails to open", .enabled(if: ScratchFilesystem.canMakeImmutable, "needs root and CAP_LINUX_IMMUTABLE"))
    func immutableStoreWithItsLogFailsToOpen() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("tinq.sqlite")
        let store = try Self.open(dir)
        _ = Self.insert(store, [Self.pending(9)], at: Self.t0)
        // A second connection keeps the log from being removed when the store closes.
        let reader = try DatabaseQueue(path: path)
        _ = try reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM jobs") }
        try #require(FileManager.default.fileExists(atPath: path + "-wal"))
        let files = [dir.path, path, path + "-wal", path + "-shm"]
        for file in files { try ScratchFilesystem.setImmutable(true, file) }
        defer { for file in files.reversed() { try? ScratchFilesystem.setImmutable(false, file) } }
        #expect(throws: (any Error).self) { try JobStore(path: path, dedupeWindowMs: 1) }
        withExtendedLifetime(store) {}
        try reader.close()
    }

    @Test("while another connection holds the write lock, a group commit fails as a whole and the store recovers after")
    func lockedStoreFailsWholeBatch() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.open(dir)
        let existing = try Self.acceptedID(Self.insert(store, [Self.pending(1)], at: Self.t0).first)

        var holderConfig = Configuration()
        holderConfig.allowsUnsafeTransactions = true  // it holds the lock across calls on purpose
        let holder = try DatabaseQueue(path: dir.file("tinq.sqlite"), configuration: holderConfig)
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let started = Date()
        let outcome = store.apply([
            .insert(Self.pending(2)),
            .insert(Self.pending(3)),
            .result(jobID: existing, labels: [], result: bytes("{}")),
            .delivery(jobID: existing, attempts: 1, failures: 0),
        ], now: Self.t0 + 1)
        #expect(Date().timeIntervalSince(started) < 30, "the busy timeout bounds the wait")
        #expect(outcome.inserted.count == 2)
        #expect(outcome.inserted.allSatisfy { if case .failed(let m) = $0.1 { !m.isEmpty } else { false } })
        #expect(outcome.stored.isEmpty)
        #expect(outcome.failedResults.map(\.0) == [existing])
        try holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }

        #expect(try store.unfinishedJobs().map(\.id) == [existing])
        #expect(try store.unfinishedJobs().first?.attempts == 0, "nothing of the failed batch was applied")
        let retried = store.apply([.insert(Self.pending(2)), .result(jobID: existing, labels: [], result: bytes("{}"))], now: Self.t0 + 2)
        #expect(try Self.acceptedID(retried.inserted.first?.1) > existing)
        #expect(retried.stored.map(\.jobID) == [existing])
    }
}
