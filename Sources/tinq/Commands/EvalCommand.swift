import ArgumentParser
import Foundation
import TinqAnalysis

/// `tinq eval`: measure the topic classifier against a labelled JSON-lines set.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the topic labels against a labelled set: per-label P/R/F1, macro-F1, exact-set accuracy.",
        discussion: """
            PATH is a JSON-lines file whose rows have "id", "text" (or "html") and "labels" (the \
            gold label list). Without PATH (or with --dev) the development set \
            ../shared/dev/articles.jsonl beside the checkout is used. --errors lists every article \
            whose predicted label set differs from its gold set: its title and, for each wrongly \
            decided label, the score and the strongest cues that counted (weight x factors, zone).
            """
    )

    @Argument(help: "A labelled JSON-lines file.")
    var path: String?

    @Flag(help: "Use the development set ../shared/dev/articles.jsonl.")
    var dev = false

    @Flag(help: "List misclassified articles: gold and predicted labels, title, the cues behind each wrong label.")
    var errors = false

    @Option(help: "A taxonomy JSON file to use instead of the built-in one.")
    var taxonomy: String?

    func run() throws {
        let file = path ?? Self.defaultDevPath()
        let taxonomy = try ClassifyCommand.loadTaxonomy(taxonomy)
        let analyzer = Analyzer(taxonomy: taxonomy)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        var evaluation = LabelEvaluation(labels: taxonomy.labels)
        var failed = 0
        var lineNumber = 0
        for line in data.split(separator: 0x0A) where !line.isEmpty {
            lineNumber += 1
            let row: JSONValue
            do {
                row = try JSONValue.parse([UInt8](line))
            } catch {
                throw ValidationError("\(file) line \(lineNumber): \(error)")
            }
            let id = row["id"]?.string ?? "line \(lineNumber)"
            let gold = (row["labels"]?.array ?? []).compactMap(\.string)
            let isHTML = row["html"]?.string != nil
            guard let body = row["text"]?.string ?? row["html"]?.string else {
                throw ValidationError("\(file) line \(lineNumber): no \"text\" or \"html\"")
            }
            let input = ArticleInput(id: id, url: nil, source: nil, contentType: isHTML ? .html : .text, body: Array(body.utf8))
            var predicted: [String] = []
            var title: String?
            do {
                let analysis = try analyzer.analyze(input)
                predicted = analysis.labels
                title = analysis.title
            } catch {
                failed += 1
            }
            evaluation.add(id: id, predicted: predicted, gold: gold, title: title) {
                errors ? (try? analyzer.explainTopics(input)) ?? [] : []
            }
        }
        print("\(file): \(evaluation.total) articles\(failed > 0 ? ", \(failed) could not be analysed" : "")")
        print(evaluation.report(errors: errors), terminator: "")
    }

    /// ../shared/dev/articles.jsonl next to the working directory's checkout.
    static func defaultDevPath() -> String {
        let cwd = FileManager.default.currentDirectoryPath
        for candidate in ["\(cwd)/../shared/dev/articles.jsonl", "/work/shared/dev/articles.jsonl"]
        where FileManager.default.fileExists(atPath: candidate) {
            return (candidate as NSString).standardizingPath
        }
        return "\(cwd)/../shared/dev/articles.jsonl"
    }
}
