import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Full queue") struct FullQueueTests {
        /// With room for 5 jobs and no worker, a push of 50 gets BUSY for most; `tinq push`
        /// keeps retrying politely, and once a worker starts every article is accepted and
        /// published exactly once.
        @Test(.timeLimit(.minutes(2)))
        func busyProducersRetryUntilEverythingIsAccepted() async throws {
            let queueLimit = 5
            let sandbox = try TinqSandbox("full-queue", settings: ["broker.max_queued_jobs=\(queueLimit)", "broker.busy_retry_after_ms=100"])
            defer { sandbox.shutdown() }
            let count = 50
            let articles = ArticleGenerator(prefix: "fq", seed: 13).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))

            _ = try sandbox.broker()
            try await sandbox.waitForBroker()
            let push = try sandbox.start("push", ["push", "--jsonl", "--quiet", input])
            let full = try await sandbox.waitForStatus("the queue is full and producers hear BUSY", timeout: .seconds(20)) {
                $0.total("accepted") == queueLimit && $0.total("busy") >= count - queueLimit
            }
            #expect(full.held == queueLimit && full.queued == queueLimit, "\(full)")
            #expect(push.isRunning, "push gave up while the queue was full: \(push.stdout())")

            _ = try sandbox.worker("late-worker")
            let pushEnd = await push.wait(timeout: .seconds(60))
            let summary = try PushSummary(push.stdout())
            #expect(pushEnd == .exited(0), "push: \(push.stdout().suffix(1500))")
            #expect(summary.accepted == count && summary.notSubmitted == 0, "\(summary)")

            let subscriber = try sandbox.subscriber("all", fromSeq: 1, count: count)
            let subscriberEnd = await subscriber.wait(timeout: .seconds(60))
            #expect(subscriberEnd == .exited(0), "subscriber: \(subscriber.stderrTail())")
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            let status = try #require(try await sandbox.status())
            report("full-queue", "pushed \(count), accepted \(summary.accepted), BUSY replies \(status.total("busy")) (before a worker: \(full.total("busy"))), most held \(full.held) of \(queueLimit), \(tally)")
            #expect(tally.uniqueJobs == count && tally.duplicates == 0, "\(tally)")
            #expect(Set(results.compactMap(\.id)) == Set(articles.map(\.id)))
            #expect(status.total("accepted") == count)
        }
    }
}
