import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("tinq subscribe --cursor") struct SubscribeCursorTests {
        /// A consumer that runs now and then resumes where it stopped: `--cursor FILE` keeps the
        /// last printed seq; the next run starts after it; SIGTERM saves it before exiting; a
        /// file that holds no seq is refused.
        @Test(.timeLimit(.minutes(2)))
        func resumesAfterTheLastPrintedResult() async throws {
            let sandbox = try TinqSandbox("cursor")
            defer { sandbox.shutdown() }
            _ = try sandbox.broker()
            try await sandbox.waitForBroker()
            _ = try sandbox.worker("w1")
            let cursor = sandbox.directory.file("work/consumer.cursor")
            let first = ArticleGenerator(prefix: "cu", seed: 91).articles(6)
            let input = try sandbox.directory.write("first.jsonl", try ArticleGenerator.jsonLines(first))
            #expect(try PushSummary(try await sandbox.run(["push", "--jsonl", "--quiet", input]).stdout).accepted == 6)
            try await sandbox.waitForStatus("six published") { $0.lastSeq >= 6 }

            // No cursor file yet and no --from-seq: starts live, so say where to start once.
            let run1 = try await sandbox.run(["subscribe", "--cursor", cursor, "--from-seq", "1", "--count", "4"])
            #expect(run1.succeeded, "\(run1)")
            #expect(try DeliveredResult.parse(run1.stdout).map(\.seq) == [1, 2, 3, 4])
            #expect(try String(contentsOfFile: cursor, encoding: .utf8) == "4\n")
            let run2 = try await sandbox.run(["subscribe", "--cursor", cursor, "--idle-timeout", "2"])
            #expect(try DeliveredResult.parse(run2.stdout).map(\.seq) == [5, 6], "resumes after 4: \(run2.stdout)")
            #expect(try String(contentsOfFile: cursor, encoding: .utf8) == "6\n")

            // Live, then SIGTERM: the cursor holds the last printed seq.
            let live = try sandbox.start("live", ["subscribe", "--cursor", cursor])
            try await Task.sleep(for: .milliseconds(500))
            let more = try sandbox.directory.write("more.jsonl", try ArticleGenerator.jsonLines(ArticleGenerator(prefix: "cv", seed: 92).articles(3)))
            #expect(try PushSummary(try await sandbox.run(["push", "--jsonl", "--quiet", more]).stdout).accepted == 3)
            try await waitUntil("the live subscriber printed 3", timeout: .seconds(30)) {
                (try? DeliveredResult.parse(live.stdout()).count) == 3
            }
            live.signal(SIGTERM)
            #expect(await live.wait(timeout: .seconds(10)) == .exited(0))
            #expect(try DeliveredResult.parse(live.stdout()).map(\.seq) == [7, 8, 9])
            #expect(try String(contentsOfFile: cursor, encoding: .utf8) == "9\n")

            try "not a number\n".write(toFile: cursor, atomically: true, encoding: .utf8)
            let bad = try await sandbox.run(["subscribe", "--cursor", cursor, "--count", "1"], timeout: .seconds(20))
            #expect(!bad.succeeded && bad.stderr.contains("does not hold a seq"), "\(bad)")
            report("subscribe --cursor", "run 1 printed 1-4, run 2 resumed at 5-6, live 7-9 saved on SIGTERM")
        }
    }
}
