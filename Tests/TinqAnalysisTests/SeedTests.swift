import Foundation
import Testing
import TinqTesting

@testable import TinqAnalysis

/// The five seed pages against the hand annotation in Fixtures/seeds-gold.json.
@Suite struct SeedTests {
    static let gold: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/seeds-gold.json")
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static let seedNames: [String] = gold.keys.filter { $0.hasSuffix(".txt") }.sorted()

    static func analyze(_ name: String) throws -> ArticleAnalysis {
        let bytes = try [UInt8](Data(contentsOf: RepositoryPaths.seeds.appendingPathComponent(name)))
        return try Analyzer().analyze(ArticleInput(id: name, url: nil, source: nil, contentType: .text, body: bytes))
    }

    static func entry(_ name: String) -> [String: Any] { gold[name] as! [String: Any] }

    @Test(arguments: seedNames)
    func title(_ name: String) throws {
        let expected = (Self.entry(name)["title"] as! [String: Any])["text"] as! String
        #expect(try Self.analyze(name).title == expected)
    }

    @Test(arguments: seedNames)
    func topics(_ name: String) throws {
        let topics = Self.entry(name)["topics"] as! [String: Any]
        let expected = ["dan_van", "conference", "award"].filter {
            (topics[$0] as! [String: Any])["label"] as! Bool
        }
        let result = try Self.analyze(name)
        #expect(result.labels == expected)
        for topic in result.topics {
            #expect(!topic.evidence.isEmpty)
            #expect(topic.score >= 0.5)
        }
    }
}
