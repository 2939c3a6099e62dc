import Foundation
import Testing

@testable import TinqAnalysis

/// The topic labels against three sets of articles written for this test and labelled by the
/// rules alone (Fixtures/blind-a.jsonl and blind-c.jsonl, held out; Fixtures/blind-b.jsonl, used
/// to tune the taxonomy).
/// Each set must keep its macro-F1 and exact-set accuracy at or above a floor a little below what
/// the classifier measured when the sets were added, so a regression in generalisation fails here.
@Suite struct BlindSetTests {
    struct Floor: Sendable, CustomStringConvertible {
        var file: String
        var macroF1: Double
        var exact: Double
        var description: String { file }
    }

    /// Measured when added: A macro-F1 0.904, exact 0.883; B macro-F1 0.980, exact 0.983; C
    /// macro-F1 0.868, exact 0.800.
    static let floors = [
        Floor(file: "blind-a.jsonl", macroF1: 0.87, exact: 0.85),
        Floor(file: "blind-b.jsonl", macroF1: 0.95, exact: 0.95),
        Floor(file: "blind-c.jsonl", macroF1: 0.83, exact: 0.76),
    ]

    static func evaluate(_ file: String) throws -> LabelEvaluation {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(file)
        let data = try Data(contentsOf: url)
        let analyzer = Analyzer()
        var evaluation = LabelEvaluation(labels: Taxonomy.builtin.labels)
        for line in data.split(separator: 0x0A) where !line.isEmpty {
            let row = try JSONValue.parse([UInt8](line))
            let id = try #require(row["id"]?.string)
            let text = try #require(row["text"]?.string)
            let gold = (row["labels"]?.array ?? []).compactMap(\.string)
            let analysis = try analyzer.analyze(
                ArticleInput(id: id, url: nil, source: nil, contentType: .text, body: Array(text.utf8)))
            evaluation.add(id: id, predicted: analysis.labels, gold: gold, title: analysis.title)
        }
        return evaluation
    }

    @Test(arguments: floors)
    func staysAboveItsFloor(_ floor: Floor) throws {
        let evaluation = try Self.evaluate(floor.file)
        #expect(evaluation.total == 60)
        #expect(evaluation.macroF1 >= floor.macroF1, "\(floor.file)\n\(evaluation.report(errors: true))")
        #expect(evaluation.exactAccuracy >= floor.exact, "\(floor.file)\n\(evaluation.report(errors: true))")
    }

    @Test(arguments: floors)
    func everyRowIsWellFormed(_ floor: Floor) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(floor.file)
        let known = Set(Taxonomy.builtin.labels)
        var ids = Set<String>()
        for line in try Data(contentsOf: url).split(separator: 0x0A) where !line.isEmpty {
            let row = try JSONValue.parse([UInt8](line))
            let id = try #require(row["id"]?.string)
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            #expect(row["note"]?.string?.isEmpty == false, "\(id) has no note")
            for label in row["labels"]?.array ?? [] {
                #expect(label.string.map(known.contains) == true, "\(id): unknown label")
            }
        }
    }
}
