import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Disk full and read-only store") struct StorageFailureTests {
        /// A body of about `kilobytes` KiB, unique to `index`.
        static func bulkyArticle(_ index: Int, kilobytes: Int) -> (metadata: String, body: [UInt8]) {
            let line = "Ban Dân vận huyện tổ chức hội nghị tổng kết mô hình dân vận khéo, bài số \(index). "
            let text = "Bài số \(index): tổng kết công tác dân vận\n\n" + String(repeating: line, count: kilobytes * 1024 / line.utf8.count + 1)
            return (#"{"id": "df-\#(index)", "url": "https://tin.example.vn/day-du/\#(index)"}"#, Array(text.utf8))
        }

        /// SQLite's own check of the store file, through Python's sqlite3 module.
        static func integrityCheck(_ sandbox: TinqSandbox, _ store: String) async throws -> String {
            let check = try sandbox.startExecutable("integrity", "/usr/bin/python3", ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", store])
            _ = await check.wait(timeout: .seconds(20))
            return check.stdout().trimmingCharacters(in: .whitespacesAndNewlines) + check.stderr()
        }

        /// The data directory fills up: submissions the store cannot keep are answered ERROR
        /// storage_failed (never ACCEPTED), the broker keeps running, and once there is room
        /// again every accepted article is published exactly once from an intact store.
        @Test(.timeLimit(.minutes(2)), .enabled(if: ScratchFilesystem.canMount, "skipped: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)"))
        func fullDiskRefusesCleanlyAndRecovers() async throws {
            let sandbox = try TinqSandbox("disk-full", settings: fastHeartbeats)
            let data = try sandbox.directory.makeDirectory("data")
            try ScratchFilesystem.mountTmpfs(at: data, size: "320k")
            defer {
                sandbox.killAll()
                ScratchFilesystem.unmount(data)
                sandbox.shutdown()
            }
            var broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            let endpoint = "ipc://\(sandbox.directory.runtimeDirectory)/frontend.sock"

            // Submit 16 KiB articles one by one until the store has refused a few.
            let firstRound: [(Int, String)] = try await onDedicatedThread {
                let client = try RawFrontendClient(endpoint: endpoint)
                defer { client.close() }
                var out: [(Int, String)] = []
                var refused = 0
                for i in 0..<60 where refused < 4 {
                    let a = Self.bulkyArticle(i, kilobytes: 16)
                    let reply = try client.exchange(RawFrontendClient.submit("df-\(i)", metadata: a.metadata, body: a.body))
                    let outcome = reply.map { "\($0.status) \($0.code ?? "")".trimmingCharacters(in: .whitespaces) } ?? "no reply"
                    if outcome != "ACCEPTED" { refused += 1 }
                    out.append((i, outcome))
                }
                return out
            }
            let accepted = firstRound.filter { $0.1 == "ACCEPTED" }.map(\.0)
            let refused = firstRound.filter { $0.1 != "ACCEPTED" }
            #expect(!accepted.isEmpty, "nothing was accepted before the disk filled: \(firstRound)")
            #expect(!refused.isEmpty, "the disk never filled: \(firstRound.count) accepted")
            #expect(refused.allSatisfy { $0.1 == "ERROR storage_failed" }, "a full disk should answer ERROR storage_failed: \(refused)")
            #expect(broker.isRunning, "the broker died on a full disk: \(broker.stderrTail())")
            let full = try #require(try await sandbox.status())
            #expect(full.total("accepted") == accepted.count && full.total("storeFailures") >= refused.count, "\(full)")

            // Room again: the refused ones are re-sent and accepted; a worker runs everything.
            try ScratchFilesystem.resizeTmpfs(at: data, size: "32m")
            let retried: [String] = try await onDedicatedThread {
                let client = try RawFrontendClient(endpoint: endpoint)
                defer { client.close() }
                return try refused.map { i, _ in
                    let a = Self.bulkyArticle(i, kilobytes: 16)
                    return try client.exchange(RawFrontendClient.submit("df-again-\(i)", metadata: a.metadata, body: a.body))?.status ?? "no reply"
                }
            }
            #expect(retried.allSatisfy { $0 == "ACCEPTED" }, "after the disk has room: \(retried)")
            let total = accepted.count + retried.filter { $0 == "ACCEPTED" }.count
            _ = try sandbox.worker("w1")
            let subscriber = try sandbox.subscriber("all", fromSeq: 1, count: total)
            let subscriberEnd = await subscriber.wait(timeout: .seconds(60))
            #expect(subscriberEnd == .exited(0), "subscriber: \(subscriber.stderrTail())")
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            #expect(tally.uniqueJobs == total && tally.duplicates == 0, "\(tally)")
            #expect(Set(results.compactMap(\.id)) == Set((accepted + refused.map(\.0)).map { "df-\($0)" }))

            broker.signal(SIGTERM)
            let end = await broker.wait(timeout: .seconds(30))
            #expect(end == .exited(0), "\(broker.stderrTail())")
            let integrity = try await Self.integrityCheck(sandbox, "\(data)/tinq.sqlite")
            report("disk-full", "submitted \(firstRound.count) articles of 16 KiB to a 320 KiB data dir: accepted \(accepted.count), refused \(refused.count) (\(Set(refused.map(\.1)).sorted().joined(separator: ", "))); broker alive; after resize re-sent \(retried.count): \(Set(retried).sorted()); \(tally); store integrity: \(integrity)")
            #expect(integrity == "ok")
            broker = try sandbox.broker()  // and it still starts
            try await sandbox.waitForBroker()
        }

        /// The data directory and store become read-only (immutable: root cannot write either):
        /// the broker refuses to start with a clear error and without a crash; made writable
        /// again, it recovers the jobs that were waiting and publishes each once.
        @Test(.timeLimit(.minutes(2)), .enabled(if: ScratchFilesystem.canMakeImmutable, "skipped: chattr +i does not work here (needs root and CAP_LINUX_IMMUTABLE)"))
        func readOnlyStoreIsAClearErrorAndNothingIsLost() async throws {
            let sandbox = try TinqSandbox("read-only")
            let data = sandbox.directory.dataDirectory
            defer {
                sandbox.killAll()
                try? ScratchFilesystem.setImmutable(false, data)
                sandbox.shutdown()
            }
            let count = 6
            let articles = ArticleGenerator(prefix: "ro", seed: 23).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))
            let broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            #expect(push.succeeded, "\(push)")
            broker.signal(SIGTERM)
            #expect(await broker.wait(timeout: .seconds(30)) == .exited(0))

            try ScratchFilesystem.setImmutable(true, data)
            let refused = try await sandbox.run(["broker"], timeout: .seconds(30))
            let line = refused.stderr.split(separator: "\n").last(where: { $0.contains("rror") }).map(String.init) ?? String(refused.stderr.suffix(300))
            #expect(!refused.termination.wasSignaled, "crashed: \(refused)")
            #expect(refused.termination != .exited(0), "ran on a read-only store: \(refused)")
            #expect(refused.stderr.contains("tinq.sqlite") || refused.stderr.contains(data), "the error should name the store: \(refused.stderr.suffix(1500))")

            try ScratchFilesystem.setImmutable(false, data)
            _ = try sandbox.broker()
            try await sandbox.waitForBroker()
            _ = try sandbox.worker("w1")
            let subscriber = try sandbox.subscriber("all", fromSeq: 1, count: count)
            let subscriberEnd = await subscriber.wait(timeout: .seconds(60))
            #expect(subscriberEnd == .exited(0), "subscriber: \(subscriber.stderrTail())")
            let tally = DeliveryTally(try DeliveredResult.parse(subscriber.stdout()))
            report("read-only", "pushed \(count), accepted \(try PushSummary(push.stdout).accepted); broker on the read-only store: \(refused.termination) in \(refused.duration): \(line.prefix(200)); made writable: \(tally)")
            #expect(tally.uniqueJobs == count && tally.duplicates == 0, "\(tally)")
        }
    }
}
