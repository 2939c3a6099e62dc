import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Metrics") struct MetricsTests {
        /// `tinq metrics` and the metrics file show what happened, in the Prometheus text format:
        /// accepted and duplicate submissions, a rejection by its code, results published.
        @Test(.timeLimit(.minutes(2)))
        func metricsCountWhatHappened() async throws {
            let sandbox = try TinqSandbox("metrics", settings: ["broker.metrics_interval_ms=200"])
            defer { sandbox.shutdown() }
            let articles = ArticleGenerator(prefix: "mx", seed: 41).articles(6)
            let input = try sandbox.directory.write("articles.jsonl", try ArticleGenerator.jsonLines(articles))
            let broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            _ = try sandbox.worker("w1")
            // SIGHUP without CURVE: nothing to reread, counted, and the broker goes on serving.
            broker.signal(SIGHUP)
            try await sandbox.waitForLog(broker, "Reload requested: nothing to reread")
            #expect(broker.isRunning)
            #expect(try await sandbox.run(["push", "--jsonl", "--quiet", input]).succeeded)
            let again = try await sandbox.run(["push", "--jsonl", "--quiet", input])
            #expect(try PushSummary(again.stdout).duplicate == articles.count, "\(again)")
            let endpoint = "ipc://\(sandbox.directory.runtimeDirectory)/frontend.sock"
            let rejected: String? = try await onDedicatedThread {
                let client = try RawFrontendClient(endpoint: endpoint)
                defer { client.close() }
                return try client.exchange(RawFrontendClient.request("PING", "r-v", version: "tinq/9"))?.status
            }
            #expect(rejected == "REJECTED")
            _ = try await sandbox.waitForStatus("all published", timeout: .seconds(30)) { $0.lastSeq >= articles.count }

            let metrics = try await sandbox.run(["metrics"])
            #expect(metrics.succeeded, "\(metrics)")
            let values = Self.samples(metrics.stdout)
            #expect(values[#"tinq_submissions_total{outcome="accepted"}"#] == Double(articles.count), "\(metrics.stdout.prefix(3000))")
            #expect(values[#"tinq_submissions_total{outcome="duplicate"}"#] == Double(articles.count))
            #expect(values[#"tinq_rejections_total{code="bad_version"}"#] == 1)
            #expect(values["tinq_results_published_total"] == Double(articles.count))
            #expect(values["tinq_workers"] == 1)
            #expect(values[#"tinq_reloads_total{result="ok"}"#] == 1)
            #expect((values["tinq_store_sync_seconds_count"] ?? 0) >= 1, "the fsyncs are timed")

            // The file for node_exporter's textfile collector follows within the interval.
            let path = "\(sandbox.directory.runtimeDirectory)/metrics.prom"
            var fromFile: [String: Double] = [:]
            for _ in 0..<50 {
                fromFile = Self.samples((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
                if fromFile["tinq_results_published_total"] == Double(articles.count) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            report("metrics", "accepted \(values[#"tinq_submissions_total{outcome="accepted"}"#] ?? -1), duplicate \(values[#"tinq_submissions_total{outcome="duplicate"}"#] ?? -1), bad_version \(values[#"tinq_rejections_total{code="bad_version"}"#] ?? -1), published \(values["tinq_results_published_total"] ?? -1); file published \(fromFile["tinq_results_published_total"] ?? -1)")
            #expect(fromFile["tinq_results_published_total"] == Double(articles.count), "metrics file at \(path)")
        }

        /// Sample lines ("name{labels} value") by name with labels.
        static func samples(_ text: String) -> [String: Double] {
            var out: [String: Double] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
                out[String(line[..<space])] = value
            }
            return out
        }
    }
}
