import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Job timeout") struct JobTimeoutTests {
        /// An article on which the analysis never returns: the worker's watchdog reports it
        /// failed after worker.job_timeout_ms and the worker process exits 75 to be restarted;
        /// the job is retried, then dead-lettered with a timeout error; every other article is
        /// published once, none lost behind the stuck one.
        @Test(.timeLimit(.minutes(2)))
        func stuckArticleTimesOutAndEndsInTheDeadLetterQueue() async throws {
            let maxAttempts = 2
            let sandbox = try TinqSandbox("job-timeout", settings: fastHeartbeats + [
                "broker.max_attempts=\(maxAttempts)", "broker.retry_base_delay_ms=50", "broker.retry_max_delay_ms=200", "worker.credit=4",
            ])
            defer { sandbox.shutdown() }
            let marker = "HANG-\(UInt32.random(in: 0...UInt32.max))"
            let normal = ArticleGenerator(prefix: "jt", seed: 31).articles(20)
            var stuck = ArticleGenerator(prefix: "jt-stuck", seed: 32).article(0)
            stuck.text += "\nĐoạn cuối làm bộ phân tích treo \(marker).\n"
            var all = normal
            all.insert(stuck, at: 5)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(all))

            _ = try sandbox.broker()
            try await sandbox.waitForBroker()
            let keeper = try WorkerKeeper(sandbox: sandbox, count: 2, hangMarker: marker, settings: ["worker.job_timeout_ms=1000"])
            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            let summary = try PushSummary(push.stdout)
            #expect(push.succeeded && summary.accepted == all.count, "\(push)")

            let settled = try await sandbox.waitForStatus("the stuck job is dead-lettered and the rest published", timeout: .seconds(60)) { s in
                _ = try? keeper.revive()
                return s.deadLetters == 1 && s.lastSeq >= normal.count && s.held == 0
            }
            let list = try await sandbox.run(["dlq", "list"])
            let listed = try PoisonArticleTests.jobs(list.stdout)
            let job = try #require(listed.first, "dlq list: \(list.stdout)")
            let lastError = job["last_error"] as? String ?? ""
            let attempts = (job["attempts"] as? NSNumber)?.intValue ?? -1

            let subscriber = try sandbox.subscriber("all", fromSeq: 1, idleTimeoutSeconds: 1.5)
            _ = await subscriber.wait(timeout: .seconds(30))
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            let exits = keeper.allDeaths
            report("job-timeout", "pushed \(all.count) (1 stuck), accepted \(summary.accepted), \(tally), worker exits \(exits.map(\.description)), attempts \(attempts), workersLost \(settled.total("workersLost")), last error: \(lastError.prefix(100))")
            #expect(tally.uniqueJobs == normal.count && tally.duplicates == 0, "\(tally)")
            #expect(Set(results.compactMap(\.id)) == Set(normal.map(\.id)))
            #expect(attempts == maxAttempts, "\(job)")
            #expect(lastError.contains("timeout"), "the dead letter says why: \(lastError)")
            #expect(exits.filter { $0 == .exited(75) }.count >= maxAttempts, "the watchdog restarts the worker on each attempt: \(exits)")
            #expect(!exits.contains { $0.wasSignaled }, "no crash: \(exits)")
        }
    }
}
