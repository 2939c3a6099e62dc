import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Exactly-once delivery") struct ExactlyOnceTests {
        /// Every pushed article reaches a subscriber exactly once: one that was listening before
        /// the push, one that arrives afterwards and replays, and a `--topic award` one that sees
        /// exactly the award-labelled results. Pushing the same file again changes nothing.
        @Test(.timeLimit(.minutes(2)))
        func everyPushedArticleReachesSubscribersExactlyOnce() async throws {
            let sandbox = try TinqSandbox("exactly-once")
            defer { sandbox.shutdown() }
            report("exactly-once", "testing \(sandbox.binary)")
            let count = 200
            let articles = ArticleGenerator(prefix: "once", seed: 7).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))

            _ = try sandbox.serve(workers: 2)
            try await sandbox.waitForBroker()
            let early = try sandbox.subscriber("early", fromSeq: 1, count: count)
            let award = try sandbox.subscriber("award", fromSeq: 1, topics: ["award"])

            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            #expect(push.succeeded, "\(push)")
            let summary = try PushSummary(push.stdout)
            #expect(summary.accepted == count, "\(summary)")

            let earlyEnd = await early.wait(timeout: .seconds(60))
            #expect(earlyEnd == .exited(0), "early subscriber: \(earlyEnd.map { "\($0)" } ?? "still running") \(early.stderrTail())")
            let earlyResults = try DeliveredResult.parse(early.stdout())

            let late = try sandbox.subscriber("late", fromSeq: 1, count: count)
            let lateEnd = await late.wait(timeout: .seconds(60))
            #expect(lateEnd == .exited(0), "late subscriber: \(late.stderrTail())")
            let lateResults = try DeliveredResult.parse(late.stdout())

            // The award subscriber should end up with exactly the award-labelled results.
            let expectedAward = Set(earlyResults.filter { $0.labels.contains("award") }.map(\.jobID))
            _ = try? await waitUntil("the award subscriber has \(expectedAward.count) results", timeout: .seconds(20)) {
                (try? DeliveredResult.parse(award.stdout()).count) ?? 0 >= expectedAward.count
            }
            try await Task.sleep(for: .milliseconds(300))  // room for a wrong extra one to show up
            award.signal(SIGTERM)
            _ = await award.wait(timeout: .seconds(5))
            let awardResults = try DeliveredResult.parse(award.stdout())

            let pushedIDs = Set(articles.map(\.id))
            for (name, results) in [("early", earlyResults), ("late", lateResults)] {
                let tally = DeliveryTally(results)
                report("exactly-once", "\(name) subscriber: pushed \(count), accepted \(summary.accepted), \(tally)")
                #expect(tally.uniqueJobs == count && tally.duplicates == 0, "\(name): \(tally), duplicated \(tally.duplicated)")
                #expect(Set(results.compactMap(\.id)) == pushedIDs, "\(name): producer ids differ from the pushed ones")
                #expect(results.map(\.seq) == results.map(\.seq).sorted(), "\(name): results out of seq order")
            }
            #expect(Set(earlyResults.map(\.jobID)) == Set(lateResults.map(\.jobID)))
            let awardTally = DeliveryTally(awardResults)
            let awardArticles = articles.filter(\.mentionsAward).count
            report("exactly-once", "award subscriber: \(awardTally) of \(expectedAward.count) award-labelled (\(awardArticles) written as award news)")
            #expect(!expectedAward.isEmpty, "no result carries the award label; the analysis should find the award news")
            #expect(awardTally.duplicates == 0)
            #expect(Set(awardResults.map(\.jobID)) == expectedAward)
            #expect(awardResults.allSatisfy { $0.labels.contains("award") && $0.topics.contains("award") })

            // The same file again: every article is a duplicate and nothing new is published.
            let again = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            let againSummary = try PushSummary(again.stdout)
            let status = try #require(try await sandbox.status())
            report("exactly-once", "re-push: \(againSummary); last seq \(status.lastSeq)")
            #expect(againSummary.duplicate == count && againSummary.accepted == 0, "\(againSummary)")
            #expect(status.lastSeq == count)
            #expect(status.total("completed") == count)
        }
    }
}
