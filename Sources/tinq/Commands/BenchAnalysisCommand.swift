import ArgumentParser
import Foundation
import TinqAnalysis

/// `tinq bench analysis`: the analysis hot path on one core.
struct BenchAnalysisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: "Time the whole article analysis (including the result JSON) on one core.",
        discussion: """
            Loads every article of the corpus into memory first, then analyses all of them --repeat \
            times on the calling thread and prints articles/s, µs per article and MB/s of input, \
            with the resident memory before and after the runs (it must not grow run over run). \
            Build with `swift build -c release` for meaningful figures.

            --stages instead times the pipeline's prefixes (fold; then the matcher; the layout; \
            the topics; the dates; the entities; the whole result; its JSON), each --repeat times, \
            and prints the best time per article of each prefix and what each stage adds to the \
            one before.
            """
    )

    @Option(help: "A JSON-lines corpus of {\"id\", \"text\"|\"html\"} rows.")
    var corpus: String = Self.defaultCorpus()

    @Argument(help: "The corpus, as a path instead of --corpus.")
    var corpusPath: String?

    @Option(help: "How many passes over the corpus to time.")
    var `repeat`: Int = 5

    @Option(help: "A taxonomy JSON file to use instead of the built-in one.")
    var taxonomy: String?

    @Flag(help: "Time each stage of the pipeline instead of the whole.")
    var stages = false

    func run() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        let corpus = corpusPath ?? corpus
        let analyzer = Analyzer(taxonomy: try ClassifyCommand.loadTaxonomy(taxonomy))
        var articles: [ArticleInput] = []
        try ClassifyCommand.forEachArticle(at: corpus, forceJSONL: true) { articles.append($0) }
        guard !articles.isEmpty else { throw ValidationError("\(corpus) holds no articles") }
        let bytes = articles.reduce(0) { $0 + $1.body.count }
        print("corpus: \(corpus): \(articles.count) articles, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")

        if stages {
            stageTable(analyzer, articles)
            return
        }
        // Warm-up pass (lazy statics, page faults), not timed.
        var sink = 0
        var failures = 0
        for a in articles {
            if let r = try? analyzer.analyze(a) { sink &+= r.jsonBytes().count } else { failures += 1 }
        }
        let rssBefore = Self.residentBytes()
        let clock = ContinuousClock()
        var runs: [Duration] = []
        for _ in 0..<`repeat` {
            let start = clock.now
            for a in articles {
                do {
                    sink &+= try analyzer.analyze(a).jsonBytes().count
                } catch {
                    sink &+= 1
                }
            }
            runs.append(clock.now - start)
        }
        let rssAfter = Self.residentBytes()
        let best = runs.min()!
        let total = runs.reduce(Duration.zero, +)
        let mean = seconds(total) / Double(runs.count)
        let n = Double(articles.count)
        print("runs: \(runs.count), failures per pass: \(failures), output bytes checksum: \(sink % 1_000_003)")
        print(String(format: "mean: %.0f articles/s, %.2f µs/article, %.1f MB/s", n / mean, mean / n * 1e6, Double(bytes) / mean / 1e6))
        print(String(format: "best: %.0f articles/s, %.2f µs/article", n / seconds(best), seconds(best) / n * 1e6))
        print(String(format: "RSS: %.1f MB before, %.1f MB after %d runs", Double(rssBefore) / 1e6, Double(rssAfter) / 1e6, runs.count))
    }

    /// `--stages`: the best pass of each pipeline prefix, per article, and each stage's share.
    private func stageTable(_ analyzer: Analyzer, _ articles: [ArticleInput]) {
        let clock = ContinuousClock()
        var sink = 0
        /// The best of `repeat` timed passes after one untimed warm-up pass, in µs per article.
        func best(_ pass: () -> Int) -> Double {
            sink &+= pass()
            var fastest = Duration.seconds(1 << 30)
            for _ in 0..<`repeat` {
                let start = clock.now
                sink &+= pass()
                fastest = min(fastest, clock.now - start)
            }
            return seconds(fastest) / Double(articles.count) * 1e6
        }
        var rows: [(String, Double)] = []
        for stage in Analyzer.Stage.allCases {
            rows.append((stage.name, best { articles.reduce(0) { $0 &+ analyzer.run(upTo: stage, $1) } }))
        }
        rows.append(("json", best {
            articles.reduce(0) { $0 &+ ((try? analyzer.analyze($1).jsonBytes().count) ?? -1) }
        }))
        print("stage       up to here (µs/article)   this stage (µs)   share")
        var previous = 0.0
        let whole = rows.last!.1
        for (name, t) in rows {
            let own = t - previous
            print(
                name.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(format: "%10.2f %20.2f %14.0f%%", t, own, own / whole * 100))
            previous = t
        }
        print(String(format: "whole: %.0f articles/s (checksum %d)", 1e6 / whole, sink % 1_000_003))
    }

    /// `d` in seconds.
    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func defaultCorpus() -> String {
        let cwd = FileManager.default.currentDirectoryPath
        for candidate in ["\(cwd)/../shared/corpus/articles-5k.jsonl", "/work/shared/corpus/articles-5k.jsonl"]
        where FileManager.default.fileExists(atPath: candidate) {
            return (candidate as NSString).standardizingPath
        }
        return "\(cwd)/../shared/corpus/articles-5k.jsonl"
    }

    /// Current resident set size from /proc/self/statm (0 where unavailable).
    static func residentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = s.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
