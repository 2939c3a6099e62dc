import Testing

@testable import TinqAnalysis

/// JSON-lines rows: members, escapes wherever they fall relative to the eight-byte skipping of
/// plain string bytes, and the errors.
@Suite struct ArticleRecordTests {
    static func parse(_ line: String) throws -> ArticleInput {
        try Array(line.utf8).withUnsafeBufferPointer { try ArticleRecord.parse(line: $0) }
    }

    @Test func escapesAtEveryOffset() throws {
        for offset in 0..<20 {
            let pad = String(repeating: "ạ", count: offset / 3) + String(repeating: "x", count: offset % 3)
            for (escaped, raw) in [("\\\"", "\""), ("\\\\", "\\"), ("\\n", "\n"), ("\\u1ea1", "ạ"), ("\\t", "\t")] {
                let line = "{\"id\":\"k\(offset)\",\"text\":\"\(pad)\(escaped)\(pad)tail\(escaped)\"}"
                let input = try Self.parse(line)
                #expect(input.body == Array("\(pad)\(raw)\(pad)tail\(raw)".utf8), "line \(line)")
                #expect(input.id == "k\(offset)")
            }
        }
    }

    @Test func membersAndErrors() throws {
        let input = try Self.parse("{\"source\": \"s\", \"url\": \"u\", \"id\": 7, \"extra\": [1, {\"a\": null}], \"html\": \"<p>x</p>\"}")
        #expect(input.id == "7")
        #expect(input.url == "u")
        #expect(input.source == "s")
        #expect(input.contentType == .html)
        #expect(throws: JSONParseError.self) { try Self.parse("{\"text\": \"a\u{01}b\"}") }
        #expect(throws: JSONParseError.self) { try Self.parse("{\"text\": \"unterminated") }
        #expect(throws: JSONParseError.self) { try Self.parse("{\"id\": \"x\"}") }
    }
}
