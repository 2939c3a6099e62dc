import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Graceful drain") struct GracefulDrainTests {
        /// SIGTERM to a broker with slow jobs in flight: new submissions get BUSY (draining), the
        /// broker exits 0 within its drain time, and after a restart every accepted job is
        /// published exactly once.
        @Test(.timeLimit(.minutes(2)))
        func brokerDrainsOnSIGTERMAndFinishesAfterRestart() async throws {
            let drainMs = 4000
            let sandbox = try TinqSandbox("drain", settings: fastHeartbeats + ["broker.drain_timeout_ms=\(drainMs)", "worker.credit=2", "worker.reconnect_max_ms=500"])
            defer { sandbox.shutdown() }
            let count = 16
            let articles = ArticleGenerator(prefix: "gd", seed: 19).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))

            var broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            _ = try sandbox.worker("w1", delayMs: 500)
            _ = try sandbox.worker("w2", delayMs: 500)
            try await sandbox.waitForStatus("both workers registered") { $0.workers.count == 2 }
            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            let summary = try PushSummary(push.stdout)
            #expect(push.succeeded && summary.accepted == count, "\(push)")
            let before = try await sandbox.waitForStatus("jobs are in flight", timeout: .seconds(20)) { $0.inFlight > 0 && $0.lastSeq >= 1 }

            let endpoint = "ipc://\(sandbox.directory.runtimeDirectory)/frontend.sock"
            let clock = ContinuousClock()
            let sent = clock.now
            broker.signal(SIGTERM)
            // A submission during the drain is answered BUSY (draining), not dropped.
            let drainingReply: String? = try await onDedicatedThread {
                usleep(100_000)
                let client = try RawFrontendClient(endpoint: endpoint)
                defer { client.close() }
                let body = Array("Bài gửi trong lúc dừng\n\nNội dung về công tác dân vận.".utf8)
                return try client.exchange(RawFrontendClient.submit("r-drain", metadata: #"{"id": "gd-late"}"#, body: body), timeoutMs: 2000)
                    .map { "\($0.status) \($0.json["reason"] as? String ?? "-")" }
            }
            let end = await broker.wait(timeout: .milliseconds(drainMs + 10_000))
            let took = clock.now - sent
            #expect(end == .exited(0), "broker after SIGTERM: \(end.map { "\($0)" } ?? "still running") \(broker.stderrTail())")
            #expect(took < .milliseconds(drainMs + 3000), "the drain took \(took)")
            #expect(drainingReply == "BUSY draining", "a submission during the drain got \(drainingReply ?? "no reply")")
            // A stopped broker leaves one self-contained store file (the log copied in and
            // deleted), which an operator may back up or inspect with sqlite3 as it is.
            let store = "\(sandbox.directory.dataDirectory)/tinq.sqlite"
            #expect(FileManager.default.fileExists(atPath: store))
            #expect(!FileManager.default.fileExists(atPath: store + "-wal"), "the write-ahead log is left behind")

            broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            let afterRestart = try #require(try await sandbox.status())
            let subscriber = try sandbox.subscriber("all", fromSeq: 1, count: count)
            let subscriberEnd = await subscriber.wait(timeout: .seconds(60))
            #expect(subscriberEnd == .exited(0), "subscriber: \(subscriber.stderrTail())")
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            let final = try #require(try await sandbox.status())
            report("drain", "pushed \(count), accepted \(summary.accepted), at SIGTERM: \(before.inFlight) in flight, \(before.lastSeq) published; drain took \(took), exit \(end.map { "\($0)" } ?? "none"); published before restart \(afterRestart.lastSeq), recovered \(afterRestart.storedUnfinished) unfinished; in the end \(tally)")
            #expect(afterRestart.lastSeq > before.lastSeq, "jobs in flight at SIGTERM should finish during the drain")
            #expect(tally.uniqueJobs == count && tally.duplicates == 0, "\(tally) \(tally.duplicated)")
            #expect(Set(results.compactMap(\.id)) == Set(articles.map(\.id)))
            #expect(final.storedUnfinished == 0, "\(final)")
        }
    }
}
