import Foundation
import Testing

@testable import TinqAnalysis

/// The result JSON and the JSON-lines input reader.
@Suite struct ArticleAnalysisJSONTests {
    static let text = "Hội nghị \"đặc biệt\"\tở Hà Nội\n\nSáng 16/10/2024, Quận ủy Hoàn Kiếm tổ chức hội nghị tổng kết công tác dân vận.\n\nTrần Vũ"

    @Test func resultIsOneLineOfValidJSONWithEveryField() throws {
        let result = try Analyzer().analyze(
            ArticleInput(id: "a\"1", url: "https://x/y", source: nil, contentType: .text, body: Array(Self.text.utf8)))
        let bytes = result.jsonBytes()
        #expect(!bytes.contains(0x0A))
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        for key in ["id", "url", "source", "title", "date", "date_basis", "published_at", "byline", "topics", "scores",
            "entities", "body", "analyzer"]
        {
            #expect(object.keys.contains(key), "\(key)")
        }
        #expect(object["id"] as? String == "a\"1")
        #expect(object["source"] is NSNull)
        #expect(object["title"] as? String == "Hội nghị \"đặc biệt\"\tở Hà Nội")
        #expect(object["date"] as? String == "2024-10-16")
        #expect(object["analyzer"] as? String == "tinq-analysis/1")
        let scores = object["scores"] as! [String: Double]
        #expect(Set(scores.keys) == ["dan_van", "conference", "award"])
        let topics = object["topics"] as! [[String: Any]]
        #expect(topics.map { $0["label"] as! String } == result.labels)
        let entities = object["entities"] as! [String: Any]
        #expect(Set(entities.keys) == ["people", "organizations", "places", "documents", "figures"])
        let body = object["body"] as! [String: Int]
        #expect(body["chars"] == result.body.chars)
    }

    @Test func writerEscapesControlCharacters() {
        var w = JSONWriter(capacity: 16)
        w.string("a\u{01}b\\c\"d\ne")
        #expect(String(decoding: w.bytes, as: UTF8.self) == "\"a\\u0001b\\\\c\\\"d\\ne\"")
        var n = JSONWriter(capacity: 16)
        n.unit(0.5)
        n.byte(0x20)
        n.unit(1.2)
        n.byte(0x20)
        n.unit(0.071)
        n.byte(0x20)
        n.number(24254)
        n.byte(0x20)
        n.number(3.5)
        #expect(String(decoding: n.bytes, as: UTF8.self) == "0.5 1 0.07 24254 3.5")
    }

    /// The writer's own buffer: growth past its capacity in every kind of write, integers at
    /// the extremes, and `appendJSON` adding to what a batch buffer already holds.
    @Test func writerGrowsAndWritesIntegers() throws {
        var w = JSONWriter(capacity: 1)
        var expected = ""
        for k in 0..<300 {
            w.int(k * 7919 - 1000)
            w.byte(0x2C)
            w.raw("\"k\":")
            w.string(String(repeating: "ề\"", count: k % 5))
            expected += "\(k * 7919 - 1000),\"k\":\"" + String(repeating: "ề\\\"", count: k % 5) + "\""
        }
        w.int(Int.min)
        w.byte(0x20)
        w.int(Int.max)
        w.byte(0x20)
        w.int(0)
        w.byte(0x20)
        w.string(nil)
        expected += "\(Int.min) \(Int.max) 0 null"
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)

        let result = try Analyzer().analyze(
            ArticleInput(id: "b", url: nil, source: nil, contentType: .text, body: Array(Self.text.utf8)))
        var batch = Array("prefix\n".utf8)
        result.appendJSON(to: &batch)
        result.appendJSON(to: &batch)
        #expect(batch == Array("prefix\n".utf8) + result.jsonBytes() + result.jsonBytes())
    }

    @Test func recordReaderTakesTextOrHTML() throws {
        let line = Array(#"{"id": 7, "url": "u", "source": "s", "labels": ["x"], "html": "<p>\u00e0\n</p>"}"#.utf8)
        let input = try line.withUnsafeBufferPointer { try ArticleRecord.parse(line: $0) }
        #expect(input.id == "7")
        #expect(input.url == "u")
        #expect(input.contentType == .html)
        #expect(input.body == Array("<p>à\n</p>".utf8))
        let bad = Array(#"{"id": "x"}"#.utf8)
        #expect(throws: JSONParseError.self) { try bad.withUnsafeBufferPointer { try ArticleRecord.parse(line: $0) } }
    }

    @Test func analyzerIsReusableAcrossThreads() async throws {
        let analyzer = Analyzer()
        let input = ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(Self.text.utf8))
        let expected = try analyzer.analyze(input).jsonBytes()
        try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 { group.addTask { try analyzer.analyze(input).jsonBytes() } }
            for try await bytes in group { #expect(bytes == expected) }
        }
    }
}
