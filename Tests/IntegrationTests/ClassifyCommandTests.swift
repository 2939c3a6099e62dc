import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("tinq classify") struct ClassifyCommandTests {
        /// The offline command a batch user runs: a directory of pages and a JSON-lines file give
        /// one result line per article in input order, whatever the number of threads; an article
        /// that cannot be analysed gives an error line in its place; a missing path exits 1.
        @Test(.timeLimit(.minutes(2)))
        func resultsInInputOrderWithAnyNumberOfThreads() async throws {
            let sandbox = try TinqSandbox("classify")
            defer { sandbox.shutdown() }

            // The seeds as a directory: five results, named by file, in name order.
            let seeds = try RepositoryPaths.seedFiles()
            let fromDirectory = try await sandbox.run(["classify", RepositoryPaths.seeds.path], common: false)
            #expect(fromDirectory.succeeded, "\(fromDirectory)")
            let ids = try Self.rows(fromDirectory.stdout).map { $0["id"] as? String }
            #expect(ids == seeds.map(\.lastPathComponent), "\(ids)")

            // A JSON-lines file: the seeds many times over (more than one batch per thread),
            // with an empty article among them.
            var jsonl = ""
            var expected: [String] = []
            for round in 0..<60 {
                for (k, url) in seeds.enumerated() {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    let id = "r\(round)-\(k)"
                    jsonl += try Self.line(["id": id, "text": text]) + "\n"
                    expected.append(id)
                }
                if round == 7 {
                    jsonl += try Self.line(["id": "empty", "text": ""]) + "\n"
                    expected.append("empty")
                }
            }
            let path = try sandbox.directory.write("articles.jsonl", jsonl)
            let one = try await sandbox.run(["classify", "--jobs", "1", "--jsonl", path], common: false)
            let two = try await sandbox.run(["classify", "--jobs", "3", "--jsonl", path], common: false)
            #expect(one.succeeded && two.succeeded, "\(one)\n\(two)")
            #expect(one.stdout == two.stdout, "the same bytes with one thread and with three")
            let rows = try Self.rows(two.stdout)
            #expect(rows.map { $0["id"] as? String } == expected)
            let empty = rows.first { $0["id"] as? String == "empty" }
            #expect(empty?["error"] as? String != nil && empty?["topics"] == nil, "\(String(describing: empty))")
            let topics = rows.filter { ($0["topics"] as? [Any])?.isEmpty == false }.count
            #expect(topics >= 60, "the seeds carry labels: \(topics) of \(rows.count) rows have topics")

            // Errors a user makes.
            let missing = try await sandbox.run(["classify", sandbox.directory.file("nowhere.txt")], common: false)
            #expect(missing.termination == .exited(1) && missing.stderr.contains("no such file"), "\(missing)")
            let zero = try await sandbox.run(["classify", "--jobs", "0", path], common: false)
            #expect(!zero.succeeded && zero.stderr.contains("--jobs must be at least 1"), "\(zero)")
            report("classify", "\(rows.count) rows in order with 1 and 3 threads, \(topics) with topics, 1 error row")
        }

        static func line(_ object: [String: String]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }

        static func rows(_ stdout: String) throws -> [[String: Any]] {
            try stdout.split(separator: "\n").map { line in
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw TestFailure("not a JSON object: \(line.prefix(200))")
                }
                return object
            }
        }
    }
}
