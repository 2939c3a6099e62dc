import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Poison article") struct PoisonArticleTests {
        /// An article that crashes every worker that touches it is tried broker.max_attempts
        /// times, then dead-lettered with its last error; every other article is published once;
        /// `tinq dlq list/show/requeue/purge` work on it.
        @Test(.timeLimit(.minutes(2)))
        func poisonArticleEndsInTheDeadLetterQueue() async throws {
            let maxAttempts = 3
            let sandbox = try TinqSandbox("poison", settings: fastHeartbeats + [
                "broker.max_attempts=\(maxAttempts)", "broker.retry_base_delay_ms=50", "broker.retry_max_delay_ms=200", "worker.credit=2",
            ])
            defer { sandbox.shutdown() }
            let marker = "POISON-\(UInt32.random(in: 0...UInt32.max))"
            let normal = ArticleGenerator(prefix: "pz", seed: 11).articles(20)
            var poison = ArticleGenerator(prefix: "pz-poison", seed: 12).article(0)
            poison.text += "\nĐoạn cuối chứa mã độc \(marker).\n"
            var all = normal
            all.insert(poison, at: 7)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(all))

            _ = try sandbox.broker()
            try await sandbox.waitForBroker()
            let keeper = try WorkerKeeper(sandbox: sandbox, count: 2, delayMs: 10, crashMarker: marker)
            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            let summary = try PushSummary(push.stdout)
            #expect(push.succeeded && summary.accepted == all.count, "\(push)")

            let settled = try await sandbox.waitForStatus("the poison job is dead-lettered and the rest published", timeout: .seconds(60)) { s in
                _ = try? keeper.revive()
                return s.deadLetters == 1 && s.lastSeq >= normal.count && s.held == 0
            }
            let list = try await sandbox.run(["dlq", "list"])
            #expect(list.succeeded, "\(list)")
            let listed = try Self.jobs(list.stdout)
            #expect(listed.count == 1, "dlq list: \(list.stdout)")
            let job = try #require(listed.first)
            let jobID = try #require(job["job_id"] as? String)
            let attempts = (job["attempts"] as? NSNumber)?.intValue ?? -1
            let lastError = job["last_error"] as? String ?? ""
            #expect(attempts == maxAttempts, "attempts in the DLQ entry: \(job)")
            #expect(!lastError.isEmpty, "a dead letter carries its last error: \(job)")
            #expect(Self.metadata(job)["id"] as? String == poison.id, "the entry carries the job's metadata: \(job)")

            let show = try await sandbox.run(["dlq", "show", jobID])
            #expect(show.succeeded && show.stdout.contains(poison.id), "\(show)")

            // Requeue: it runs (and crashes workers) again, and comes back to the DLQ.
            let requeue = try await sandbox.run(["dlq", "requeue", jobID])
            #expect(requeue.succeeded && requeue.stdout.contains("\"requeued\":1"), "\(requeue)")
            let again = try await sandbox.waitForStatus("the requeued poison job is dead-lettered again", timeout: .seconds(60)) { s in
                _ = try? keeper.revive()
                return s.deadLetters == 1 && s.total("deadLettered") >= 2 && s.held == 0
            }
            let purge = try await sandbox.run(["dlq", "purge", "--all"])
            #expect(purge.succeeded && purge.stdout.contains("\"purged\":1"), "\(purge)")
            let empty = try await sandbox.run(["dlq", "list"])
            #expect(try Self.jobs(empty.stdout).isEmpty, "\(empty.stdout)")

            let subscriber = try sandbox.subscriber("all", fromSeq: 1, idleTimeoutSeconds: 1.5)
            _ = await subscriber.wait(timeout: .seconds(30))
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            let final = try #require(try await sandbox.status())
            let deaths = keeper.allDeaths
            let crashes = deaths.filter(\.wasSignaled).count
            report("poison", "pushed \(all.count) (1 poison), accepted \(summary.accepted), \(tally), worker crashes \(crashes) (\(Set(deaths.map(\.description)).sorted().joined(separator: ", "))), attempts \(attempts), dead-lettered \(again.total("deadLettered")) times, workersLost \(final.total("workersLost")), last error: \(lastError.prefix(80))")
            #expect(tally.uniqueJobs == normal.count && tally.duplicates == 0, "\(tally)")
            #expect(Set(results.compactMap(\.id)) == Set(normal.map(\.id)), "every normal article, never the poison one")
            #expect(crashes >= 2 * maxAttempts, "each attempt crashed a worker: \(deaths)")
            #expect(settled.total("workersLost") >= maxAttempts)
            #expect(final.deadLetters == 0 && final.storedUnfinished == 0, "\(final)")
        }

        /// The metadata of a DLQ entry: a JSON object, or JSON text in a string.
        static func metadata(_ job: [String: Any]) -> [String: Any] {
            if let object = job["metadata"] as? [String: Any] { return object }
            guard let text = job["metadata"] as? String,
                  let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            else { return [:] }
            return object
        }

        static func jobs(_ json: String) throws -> [[String: Any]] {
            guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                  let jobs = object["jobs"] as? [[String: Any]]
            else { throw TestFailure("not a DLQ list reply: \(json.prefix(500))") }
            return jobs
        }
    }
}
