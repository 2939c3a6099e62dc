import ArgumentParser
import Foundation
import TinqClient
import TinqProtocol

/// `tinq push`: submit articles to a running broker.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Submit article files to a running broker and wait for every reply.",
        discussion: """
            PATH may be a text file (text/plain), an .html/.htm file (text/html), a directory (read \
            recursively), or with --jsonl a JSON-lines file of {"id", "url", "text" | "html", \
            "source", "fetched_at"} rows. Keeps up to --window submissions unanswered at once; \
            BUSY replies are retried after the broker's retry_after_ms. Prints a summary; exits 1 \
            if any article was rejected or could not be submitted.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Treat every PATH as a JSON-lines file.")
    var jsonl = false

    @Flag(help: "Process again even if the same URL or content was submitted within the dedupe window.")
    var force = false

    @Option(help: "Source name to record for files that do not say (e.g. the scraper's name).")
    var source: String?

    @Option(help: "Most submissions awaiting a reply at once.")
    var window: Int = 256

    @Flag(help: "No progress bar.")
    var quiet = false

    @Argument(help: "Files, directories or JSON-lines files.")
    var paths: [String]

    func run() async throws {
        let settings = try await Settings.load(options)
        let articles = try ArticleFiles.read(paths, jsonl: jsonl)
        guard !articles.isEmpty else { throw SettingsError("no articles found in \(paths.joined(separator: " "))") }
        let submissions = articles.map {
            Submission(metadata: SubmitMetadata(id: $0.id, url: $0.url, source: $0.source ?? source, fetchedAt: $0.fetchedAt,
                                                contentType: $0.isHTML ? .html : .text, force: force), body: $0.body)
        }
        let producer = try settings.producer()
        defer { producer.close() }
        let progress = ProgressBar(total: submissions.count, enabled: !quiet && isatty(STDERR_FILENO) == 1)
        var done = 0
        let outcomes = try producer.submitAll(submissions, window: max(1, window)) { _, _, _ in
            done += 1
            progress.update(done)
        }
        progress.finish()
        var accepted = 0, duplicates = 0, rejected = 0, gaveUp = 0
        var problems: [String] = []
        for (article, outcome) in zip(articles, outcomes) {
            switch outcome {
            case .accepted: accepted += 1
            case .duplicate(let job): duplicates += 1; if articles.count <= 20 { problems.append("duplicate: \(article.origin) (job \(job))") }
            case .rejected(let code, let message): rejected += 1; problems.append("rejected: \(article.origin): \(code): \(message)")
            case .gaveUp(let reason): gaveUp += 1; problems.append("not submitted: \(article.origin): \(reason)")
            }
        }
        for p in problems.prefix(50) { print(p) }
        if problems.count > 50 { print("... and \(problems.count - 50) more") }
        print("pushed \(articles.count): accepted \(accepted), duplicate \(duplicates), rejected \(rejected), not submitted \(gaveUp)")
        if rejected > 0 || gaveUp > 0 { throw ExitCode.failure }
    }
}

/// A one-line progress bar on standard error (only on a terminal).
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private var lastDrawn = -1

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(percent)% \(done)/\(total)".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
