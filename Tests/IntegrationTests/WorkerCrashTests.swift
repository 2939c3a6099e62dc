import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Worker killed mid-job") struct WorkerCrashTests {
        /// A worker SIGKILLed while it holds jobs loses none of them: the broker notices the
        /// silence, re-queues its jobs, the other worker finishes them, each is published once.
        @Test(.timeLimit(.minutes(2)))
        func killedWorkerLosesNoJob() async throws {
            let sandbox = try TinqSandbox("kill-worker", settings: fastHeartbeats + ["worker.credit=2"])
            defer { sandbox.shutdown() }
            let count = 24
            let articles = ArticleGenerator(prefix: "kw", seed: 2).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))

            _ = try sandbox.broker()
            try await sandbox.waitForBroker()
            let victim = try sandbox.worker("victim", delayMs: 300)
            _ = try sandbox.worker("survivor", delayMs: 300)
            try await sandbox.waitForStatus("both workers registered") { $0.workers.count == 2 }

            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            let summary = try PushSummary(push.stdout)
            #expect(push.succeeded && summary.accepted == count, "\(push)")

            // Kill it once it has finished a job and holds more: it is mid-job for sure.
            let before = try await sandbox.waitForStatus("the victim is mid-job", timeout: .seconds(20)) { s in
                s.workers.contains { $0.name == "victim" && $0.inFlight > 0 && $0.completed >= 1 }
            }
            let heldByVictim = before.workers.first { $0.name == "victim" }?.inFlight ?? 0
            victim.signal(SIGKILL)
            let end = await victim.wait(timeout: .seconds(5))
            #expect(end == .signaled(SIGKILL))

            let subscriber = try sandbox.subscriber("all", fromSeq: 1, count: count)
            let subscriberEnd = await subscriber.wait(timeout: .seconds(60))
            #expect(subscriberEnd == .exited(0), "subscriber: \(subscriber.stderrTail())")
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            let status = try await sandbox.waitForStatus("the lost worker is counted") { $0.total("workersLost") >= 1 }
            report("kill-worker", "pushed \(count), accepted \(summary.accepted), \(tally), killed worker held \(heldByVictim) in flight, workersLost \(status.total("workersLost")), staleResults \(status.total("staleResults"))")
            #expect(tally.uniqueJobs == count && tally.duplicates == 0, "\(tally) \(tally.duplicated)")
            #expect(Set(results.compactMap(\.id)) == Set(articles.map(\.id)))
            #expect(status.total("completed") == count)
            #expect(status.storedUnfinished == 0 && status.deadLetters == 0, "\(status)")
        }

        /// Issue 4's harder variant: kill -9 a worker again and again under load (restarting it
        /// each time); every accepted article is still published exactly once.
        @Test(.timeLimit(.minutes(2)))
        func repeatedWorkerKillsUnderLoad() async throws {
            let sandbox = try TinqSandbox("kill-repeat", settings: fastHeartbeats + ["worker.credit=4"])
            defer { sandbox.shutdown() }
            let count = 150
            let kills = 4
            let articles = ArticleGenerator(prefix: "kr", seed: 3).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))

            _ = try sandbox.broker()
            try await sandbox.waitForBroker()
            var victim = try sandbox.worker("victim", delayMs: 50)
            _ = try sandbox.worker("steady", delayMs: 50)
            try await sandbox.waitForStatus("both workers registered") { $0.workers.count == 2 }
            let subscriber = try sandbox.subscriber("all", fromSeq: 1, count: count)

            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            let summary = try PushSummary(push.stdout)
            #expect(push.succeeded && summary.accepted == count, "\(push)")

            var killedInFlight: [Int] = []
            for round in 1...kills {
                let pid = victim.pid
                let seen = try await sandbox.waitForStatus("victim round \(round) is mid-job", timeout: .seconds(20)) { s in
                    s.workers.contains { $0.pid == Int(pid) && $0.inFlight > 0 }
                }
                killedInFlight.append(seen.workers.first { $0.pid == Int(pid) }?.inFlight ?? 0)
                victim.signal(SIGKILL)
                _ = await victim.wait(timeout: .seconds(5))
                victim = try sandbox.worker("victim", delayMs: 50)
            }

            let subscriberEnd = await subscriber.wait(timeout: .seconds(90))
            #expect(subscriberEnd == .exited(0), "subscriber: \(subscriber.stderrTail())")
            let results = try DeliveredResult.parse(subscriber.stdout())
            let tally = DeliveryTally(results)
            let status = try await sandbox.waitForStatus("every kill is counted") { $0.total("workersLost") >= kills }
            report("kill-repeat", "pushed \(count), accepted \(summary.accepted), \(tally), kills \(kills) (in flight at each kill: \(killedInFlight)), workersLost \(status.total("workersLost")), staleResults \(status.total("staleResults")), retried \(status.total("retried"))")
            #expect(tally.uniqueJobs == count && tally.duplicates == 0, "\(tally) \(tally.duplicated)")
            #expect(Set(results.compactMap(\.id)) == Set(articles.map(\.id)))
            #expect(status.total("completed") == count)
            #expect(status.storedUnfinished == 0 && status.deadLetters == 0, "\(status)")
        }
    }
}
