import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Stalled subscriber") struct StalledSubscriberTests {
        /// A subscriber that connects and then never reads (its process is stopped) must not
        /// stall the broker or the workers: with a publish high-water mark of 10, 500 articles
        /// still reach a normal subscriber. When the stalled one wakes up, it notices the gap
        /// and replays: it too ends with every result exactly once.
        @Test(.timeLimit(.minutes(2)))
        func stalledSubscriberStallsNothingAndCatchesUpLater() async throws {
            let sandbox = try TinqSandbox("stalled-sub", settings: ["broker.publish_high_water_mark=10"])
            defer { sandbox.shutdown() }
            let count = 500
            let articles = ArticleGenerator(prefix: "ss", seed: 17).articles(count)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))

            _ = try sandbox.serve(workers: 2)
            try await sandbox.waitForBroker()
            try await sandbox.waitForStatus("two workers registered") { $0.workers.count == 2 }

            // Subscribes, replays (nothing yet), goes live... and is stopped: its socket stays
            // connected and unread, as a hung consumer's would.
            let stalled = try sandbox.subscriber("stalled", fromSeq: 1, count: count)
            try await Task.sleep(for: .milliseconds(800))
            stalled.signal(SIGSTOP)

            let normal = try sandbox.subscriber("normal", fromSeq: 1, count: count)
            let clock = ContinuousClock()
            let start = clock.now
            let push = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            let summary = try PushSummary(push.stdout)
            #expect(push.succeeded && summary.accepted == count, "\(push)")
            let normalEnd = await normal.wait(timeout: .seconds(60))
            let elapsed = clock.now - start
            #expect(normalEnd == .exited(0), "normal subscriber: \(normal.stderrTail())")
            let normalTally = DeliveryTally(try DeliveredResult.parse(normal.stdout()))
            let status = try #require(try await sandbox.status())
            #expect(status.lastSeq == count && status.held == 0, "\(status)")
            let stalledBefore = (try? DeliveredResult.parse(stalled.stdout()).count) ?? 0

            stalled.signal(SIGCONT)
            let stalledEnd = await stalled.wait(timeout: .seconds(60))
            #expect(stalledEnd == .exited(0), "stalled subscriber: \(stalled.stderrTail())")
            let stalledResults = try DeliveredResult.parse(stalled.stdout())
            let stalledTally = DeliveryTally(stalledResults)
            let gapNotes = stalled.stderr().components(separatedBy: "fell behind").count - 1
            report("stalled-sub", "pushed \(count), accepted \(summary.accepted), normal subscriber \(normalTally) in \(elapsed) while the other was stopped; stalled one printed \(stalledBefore) before waking, then \(stalledTally), gaps healed \(gapNotes)")
            #expect(normalTally.uniqueJobs == count && normalTally.duplicates == 0, "\(normalTally)")
            #expect(stalledTally.uniqueJobs == count && stalledTally.duplicates == 0, "\(stalledTally)")
            #expect(stalledResults.map(\.seq) == stalledResults.map(\.seq).sorted(), "in seq order")
            #expect(Set(stalledResults.compactMap(\.id)) == Set(articles.map(\.id)))
        }
    }
}
