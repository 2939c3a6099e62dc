import Foundation
import Testing
import TinqTesting

@testable import TinqAnalysis

/// The taxonomy file: the built-in copy, loading operators' files, and rejecting bad ones.
@Suite struct TaxonomyTests {
    @Test func builtinIsTheConfigFile() throws {
        let file = try [UInt8](Data(contentsOf: RepositoryPaths.config.appendingPathComponent("taxonomy.json")))
        #expect(file == PackageResources.taxonomy_json)
        #expect(Taxonomy.builtin.labels == ["dan_van", "conference", "award"])
    }

    @Test func anOperatorCanAddALabelWithoutRecompiling() throws {
        var root = try JSONSerialization.jsonObject(with: Data(PackageResources.taxonomy_json)) as! [String: Any]
        var labels = root["labels"] as! [[String: Any]]
        labels.append([
            "label": "flood",
            "threshold": 2.0,
            "cues": [["weight": 2.5, "phrases": ["lũ lụt", "ngập lụt"]]],
        ])
        root["labels"] = labels
        let taxonomy = try Taxonomy(jsonBytes: [UInt8](try JSONSerialization.data(withJSONObject: root)))
        #expect(taxonomy.labels == ["dan_van", "conference", "award", "flood"])
        let text = "Lũ lụt ở miền Trung\n\nSáng 5/11, lũ lụt gây ngập lụt nhiều xã ở Quảng Nam."
        let result = try Analyzer(taxonomy: taxonomy).analyze(
            ArticleInput(id: "x", url: nil, source: nil, contentType: .text, body: Array(text.utf8)))
        #expect(result.labels == ["flood"])
        #expect(result.scores.count == 4)
        #expect(result.topics[0].evidence.first?.text == "Lũ lụt")
    }

    @Test(arguments: [
        "not json", "[]", "{\"labels\": []}", "{\"labels\": [{\"label\": \"Bad Name\", \"threshold\": 1, \"cues\": []}]}",
        "{\"labels\": [{\"label\": \"a\", \"threshold\": 0, \"cues\": [{\"weight\": 1, \"phrases\": [\"x\"]}]}]}",
        "{\"labels\": [{\"label\": \"a\", \"threshold\": 1, \"cues\": [{\"weight\": 0, \"phrases\": [\"x\"]}]}]}",
        "{\"labels\": [{\"label\": \"a\", \"threshold\": 1, \"cues\": [{\"weight\": 1, \"phrases\": [\"x\"]}]}, {\"label\": \"a\", \"threshold\": 1, \"cues\": [{\"weight\": 1, \"phrases\": [\"y\"]}]}]}",
        "{\"version\": 2, \"labels\": [{\"label\": \"a\", \"threshold\": 1, \"cues\": [{\"weight\": 1, \"phrases\": [\"x\"]}]}]}",
        "{\"labels\": [{\"label\": \"a\", \"threshold\": 1, \"cues\": [{\"weight\": 1, \"next\": [\"moon\"], \"phrases\": [\"x\"]}]}]}",
    ])
    func badFilesAreRejectedWithAReason(_ json: String) {
        #expect(throws: TaxonomyError.self) { try Taxonomy(jsonBytes: Array(json.utf8)) }
        do {
            _ = try Taxonomy(jsonBytes: Array(json.utf8))
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test func zeroWeightCuesMaskShorterOnes() throws {
        let json = """
            {"labels": [{"label": "dv", "threshold": 1,
              "cues": [{"weight": 2, "phrases": ["ban dân vận"]}, {"weight": 0, "phrases": ["trưởng ban dân vận"]}]}]}
            """
        let analyzer = Analyzer(taxonomy: try Taxonomy(jsonBytes: Array(json.utf8)))
        func labels(_ text: String) throws -> [String] {
            try analyzer.analyze(ArticleInput(id: nil, url: nil, source: nil, contentType: .text, body: Array(text.utf8))).labels
        }
        #expect(try labels("Tin\n\nÔng A, Trưởng ban Dân vận, đi họp.") == [])
        #expect(try labels("Tin\n\nBan Dân vận tổ chức họp.") == ["dv"])
    }

    @Test func modifiersCancelPlannedEvents() throws {
        let json = """
            {"labels": [{"label": "meeting", "threshold": 1, "cues": [{"weight": 2, "phrases": ["hội nghị"]}],
              "modifiers": [{"phrases": ["sẽ"], "before": 3, "factor": 0}]}]}
            """
        let analyzer = Analyzer(taxonomy: try Taxonomy(jsonBytes: Array(json.utf8)))
        func labels(_ text: String) throws -> [String] {
            try analyzer.analyze(ArticleInput(id: nil, url: nil, source: nil, contentType: .text, body: Array(text.utf8))).labels
        }
        #expect(try labels("Tin\n\nTỉnh sẽ tổ chức hội nghị.") == [])
        #expect(try labels("Tin\n\nTỉnh đã tổ chức hội nghị.") == ["meeting"])
    }
}
