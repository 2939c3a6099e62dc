import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Broker killed under load") struct BrokerCrashTests {
        /// kill -9 of the broker while `tinq push` is sending and workers are busy, then a
        /// restart: push re-sends what went unanswered (dedupe answers DUPLICATE for what had
        /// reached the disk), the broker recovers every unfinished job, workers re-register, and
        /// every article is published exactly once.
        @Test(.timeLimit(.minutes(2)))
        func brokerKilledAndRestartedLosesNothing() async throws {
            let sandbox = try TinqSandbox("kill-broker", settings: fastHeartbeats + ["worker.credit=8", "worker.reconnect_max_ms=500"])
            defer { sandbox.shutdown() }
            let count = 600
            let articles = ArticleGenerator(prefix: "kb", seed: 5).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))

            var broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            _ = try sandbox.worker("w1", delayMs: 5)
            _ = try sandbox.worker("w2", delayMs: 5)
            try await sandbox.waitForStatus("both workers registered") { $0.workers.count == 2 }

            // A small window keeps submissions in flight for a while; the kill comes a fifth of
            // the way in, watched closely through STATUS on a raw socket.
            let push = try sandbox.start("push", ["push", "--jsonl", "--quiet", "--window", "4", input])
            let endpoint = "ipc://\(sandbox.directory.runtimeDirectory)/frontend.sock"
            let before = try await RawFrontendClient.waitForStatus(endpoint: endpoint, timeout: .seconds(30), "a fifth is accepted") {
                $0.total("accepted") >= count / 5
            }
            broker.signal(SIGKILL)
            let killed = await broker.wait(timeout: .seconds(5))
            #expect(killed == .signaled(SIGKILL))
            #expect(push.isRunning, "push finished before the kill; the test needs more articles")
            try await Task.sleep(for: .milliseconds(700))
            broker = try sandbox.broker()
            try await sandbox.waitForBroker()

            let pushEnd = await push.wait(timeout: .seconds(90))
            let summary = try PushSummary(push.stdout())
            #expect(pushEnd == .exited(0), "push: \(pushEnd.map { "\($0)" } ?? "running") \(push.stdout().suffix(1500)) \(push.stderrTail())")
            #expect(summary.accepted + summary.duplicate == count && summary.rejected == 0 && summary.notSubmitted == 0, "\(summary)")

            let subscriber = try sandbox.subscriber("all", fromSeq: 1, count: count)
            let subscriberEnd = await subscriber.wait(timeout: .seconds(90))
            #expect(subscriberEnd == .exited(0), "subscriber: \(subscriber.stderrTail())")
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            let status = try #require(try await sandbox.status())
            report("kill-broker", "pushed \(count), accepted \(summary.accepted), duplicate replies \(summary.duplicate) (re-sent after the crash), \(tally), unique producer ids \(tally.uniqueIDs), at kill: accepted \(before.total("accepted")) published \(before.lastSeq); after restart: accepted \(status.total("accepted")), completed \(status.total("completed")), last seq \(status.lastSeq)")
            #expect(tally.uniqueJobs == count && tally.duplicates == 0, "\(tally) \(tally.duplicated)")
            #expect(tally.uniqueIDs == count, "each producer id once")
            #expect(Set(results.compactMap(\.id)) == Set(articles.map(\.id)))
            #expect(status.storedUnfinished == 0, "\(status)")
            // Nothing more is published later (a duplicate would come after the count).
            try await Task.sleep(for: .milliseconds(500))
            let after = try #require(try await sandbox.status())
            #expect(after.lastSeq == status.lastSeq)
            #expect(broker.isRunning)
        }
    }
}
