import Foundation
import Testing
import TinqTesting

@testable import TinqAnalysis

/// The five seed pages against the hand annotation in Fixtures/seeds-gold.json.
@Suite struct SeedTests {
    static var gold: [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/seeds-gold.json")
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static var seedNames: [String] { gold.keys.filter { $0.hasSuffix(".txt") }.sorted() }

    static func bytes(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: RepositoryPaths.seeds.appendingPathComponent(name)))
    }

    static func analyze(_ name: String) throws -> ArticleAnalysis {
        try Analyzer().analyze(ArticleInput(id: name, url: nil, source: nil, contentType: .text, body: try bytes(name)))
    }

    static func entry(_ name: String) -> [String: Any] { gold[name] as! [String: Any] }

    /// "Phó Bí thư Thường trực Thành ủy (Hà Nội)" → folded "phó bí thư thường trực thành ủy".
    static func foldedTitle(_ s: String) -> [UInt8] {
        var t = s
        if let open = t.range(of: " (") { t = String(t[..<open.lowerBound]) }
        return FoldedText.fold(t)
    }

    @Test(arguments: seedNames)
    func seedsAreInTheRepository(_ name: String) throws {
        #expect(try !Self.bytes(name).isEmpty)
    }

    @Test(arguments: seedNames)
    func title(_ name: String) throws {
        let expected = (Self.entry(name)["title"] as! [String: Any])["text"] as! String
        #expect(try Self.analyze(name).title == expected)
    }

    @Test(arguments: seedNames)
    func eventDate(_ name: String) throws {
        let expected = (Self.entry(name)["date_resolution"] as! [String: Any])["event_date"] as? String
        let result = try Self.analyze(name)
        #expect(result.date == expected)
        #expect((result.date == nil) == (result.dateBasis == nil))
    }

    @Test(arguments: seedNames)
    func byline(_ name: String) throws {
        let expected = (Self.entry(name)["byline"] as? [String: Any])?["text"] as? String
        #expect(try Self.analyze(name).byline == expected)
    }

    @Test(arguments: seedNames)
    func bodyExtent(_ name: String) throws {
        let body = Self.entry(name)["body"] as! [String: Any]
        let kinds = try Analyzer().lineKinds(text: try Self.bytes(name))
        let content = kinds.indices.filter { kinds[$0] == .paragraph || kinds[$0] == .caption }
        #expect(content.first.map { $0 + 1 } == body["first_line"] as? Int)
        #expect(content.last.map { $0 + 1 } == body["last_line"] as? Int)
        #expect(kinds.firstIndex(of: .tail).map { $0 + 1 } == body["tail_boilerplate_first_line"] as? Int)
        // Gold paragraphs are article content; gold noise lines are not.
        for line in body["paragraph_lines"] as! [Int] {
            #expect(kinds[line - 1] == .paragraph || kinds[line - 1] == .caption, "line \(line)")
        }
        for captionLine in body["captions"] as! [Int] {
            #expect(kinds[captionLine - 1] == .caption || kinds[captionLine - 1] == .paragraph, "line \(captionLine)")
        }
        for noise in body["embedded_noise_lines"] as! [[String: Any]] {
            let range = noise["lines"] as! [Int]
            for line in range[0]...range[1] {
                #expect(![.paragraph, .caption, .title].contains(kinds[line - 1]), "line \(line)")
            }
        }
    }

    @Test(arguments: seedNames)
    func people(_ name: String) throws {
        let expected = Self.entry(name)["people"] as! [[String: Any]]
        let result = try Self.analyze(name).entities.people
        #expect(Set(result.map(\.name)) == Set(expected.map { $0["name"] as! String }))
        for person in expected {
            guard let found = result.first(where: { $0.name == person["name"] as! String }) else { continue }
            let titles = found.titles.map { FoldedText.fold($0) }
            for title in person["titles"] as! [String] {
                #expect(titles.contains(Self.foldedTitle(title)), "\(found.name): \(title) in \(found.titles)")
            }
        }
    }

    @Test(arguments: seedNames)
    func documents(_ name: String) throws {
        let expected = Self.entry(name)["documents"] as! [[String: Any]]
        let result = try Self.analyze(name).entities.documents
        #expect(Set(result.map(\.text)) == Set(expected.map { $0["as_written"] as! String }))
        for doc in expected {
            guard let found = result.first(where: { $0.text == doc["as_written"] as! String }) else { continue }
            #expect(found.number == doc["number"] as? String)
            #expect(found.issuerCode == doc["issuer_code"] as? String)
            #expect((doc["type"] as! String).hasPrefix(found.type))
        }
    }

    @Test(arguments: seedNames)
    func topics(_ name: String) throws {
        let topics = Self.entry(name)["topics"] as! [String: Any]
        let expected = ["dan_van", "conference", "award"].filter {
            (topics[$0] as! [String: Any])["label"] as! Bool
        }
        let result = try Self.analyze(name)
        #expect(result.labels == expected)
        #expect(result.scores.map(\.label) == ["dan_van", "conference", "award"])
        for topic in result.topics {
            #expect(!topic.evidence.isEmpty)
            #expect(topic.score >= 0.5)
        }
        for score in result.scores where !expected.contains(score.label) {
            #expect(score.score < 0.5)
        }
    }

    /// Every span the result reports is the text at that offset, and none lies in the tail.
    @Test(arguments: seedNames)
    func spansPointIntoTheBody(_ name: String) throws {
        let bytes = try Self.bytes(name)
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        let kinds = try Analyzer().lineKinds(text: bytes)
        let tailLine = kinds.firstIndex(of: .tail) ?? kinds.count
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let tailOffset = lines.prefix(tailLine).reduce(0) { $0 + $1.unicodeScalars.count + 1 }
        let result = try Self.analyze(name)
        func text(_ offset: Int, _ length: Int) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[offset..<(offset + length)])
            return String(s)
        }
        for topic in result.topics {
            for e in topic.evidence {
                #expect(text(e.offset, e.length) == e.text)
                #expect(e.offset < tailOffset)
            }
        }
        let e = result.entities
        let offsets = e.people.map(\.offset) + e.organizations.map(\.offset) + e.places.map(\.offset)
            + e.documents.map(\.offset) + e.figures.map(\.offset)
        for o in offsets { #expect(o < tailOffset) }
        for p in e.people { #expect(text(p.offset, p.name.unicodeScalars.count) == p.name) }
    }

    /// Names keep their spelling: "Khoá" is never rewritten to "Khóa".
    @Test func namesAreReportedAsWritten() throws {
        let names = try Self.analyze("002_4957e116f08d6a83.txt").entities.people.map(\.name)
        #expect(names.contains("Đinh Văn Khoá"))
        #expect(!names.contains("Đinh Văn Khóa"))
    }

    @Test func figuresReadThousandsSeparators() throws {
        let figures = try Self.analyze("001_692b932a44ca38f2.txt").entities.figures
        #expect(figures.contains { $0.value == 24254 && $0.unit == "mô hình" })
        let storm = try Self.analyze("003_d45ce154916dd954.txt").entities.figures
        #expect(!storm.contains { $0.text.contains("bão") || ($0.value == 3 && $0.unit.isEmpty) })
        #expect(storm.contains { $0.value == 21 && $0.unit == "tập thể" })
        #expect(storm.contains { $0.value == 9 && $0.unit == "cá nhân" })
    }

    @Test func publicationStamp() throws {
        #expect(try Self.analyze("004_d0f1c1b458366149.txt").publishedAt == "2020-10-15T12:12")
    }
}
