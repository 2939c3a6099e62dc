import Foundation
import Testing

@testable import TinqProtocol

@Suite("Submission")
struct SubmissionTests {
    static let limits = ClientRequest.Limits(maxBodyBytes: 1024)

    @Test("a valid submission keeps the body as sent and re-serialises the metadata canonically")
    func canonicalMetadata() throws {
        let sent = bytes(#"  { "force": false, "unknown": [1, {"x": null}], "url" : "https://báo.vn/a?b=1", "id": "a\u00e0" }  "#)
        let s = try Submission.decode(metadata: sent, body: bytes("Nội dung\n"), limits: Self.limits)
        #expect(s.body == bytes("Nội dung\n"))
        #expect(s.metadata == SubmitMetadata(id: "aà", url: "https://báo.vn/a?b=1"))
        #expect(s.metadataJSON == s.metadata.jsonBytes())
        #expect(s.metadataJSON != sent)
        let parsed = jsonObject(s.metadataJSON)
        #expect(parsed?["id"] as? String == "aà")
        #expect(parsed?["url"] as? String == "https://báo.vn/a?b=1")
        #expect(parsed?["unknown"] == nil, "unknown fields are not forwarded to workers")
    }

    @Test("the client-side initialiser computes the same canonical JSON as decoding")
    func clientInit() throws {
        let metadata = SubmitMetadata(id: "1", source: "vnexpress", contentType: .html)
        let made = Submission(metadata: metadata, body: bytes("<p>x</p>"))
        let decoded = try Submission.decode(metadata: made.metadataJSON, body: made.body, limits: Self.limits)
        #expect(decoded.metadata == metadata)
        #expect(decoded.metadataJSON == made.metadataJSON)
    }

    @Test("only space, tab, CR and LF count as white space; any other byte makes the body non-empty",
          arguments: [[0x00], [0x0B], [0x0C], [0x20, 0x41, 0x20], Array("\u{00A0}".utf8)] as [[UInt8]])
    func whitespaceSet(body: [UInt8]) throws {
        let s = try Submission.decode(metadata: [], body: body, limits: Self.limits)
        #expect(s.body == body)
    }

    @Test("white-space-only bodies are body_empty whatever their length")
    func whitespaceOnly() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let n = Int.random(in: 0...200, using: &rng)
            let body = (0..<n).map { _ in [UInt8]([0x20, 0x09, 0x0A, 0x0D]).randomElement(using: &rng)! }
            #expect(rejection { try Submission.decode(metadata: [], body: body, limits: Self.limits) }?.code == .bodyEmpty)
        }
    }

    @Test("metadata is checked before the body, and size before emptiness and encoding")
    func checkOrder() {
        let limits = ClientRequest.Limits(maxBodyBytes: 4)
        #expect(rejection { try Submission.decode(metadata: bytes("{"), body: [0xFF], limits: limits) }?.code == .badMetadata)
        #expect(rejection { try Submission.decode(metadata: [], body: [0x20, 0x20, 0x20, 0x20, 0x20], limits: limits) }?.code == .bodyTooLarge)
        #expect(rejection { try Submission.decode(metadata: [], body: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF], limits: limits) }?.code == .bodyTooLarge)
    }

    @Test("the offset reported for a bad body is the first invalid byte, however far in", arguments: [0, 1, 500, 1023])
    func notUTF8Offset(offset: Int) {
        var body = [UInt8](repeating: 0x61, count: 1024)
        body[offset] = 0xC0
        let r = rejection { try Submission.decode(metadata: [], body: body, limits: Self.limits) }
        #expect(r?.code == .bodyNotUTF8)
        #expect(r?.message.hasSuffix("at offset \(offset)") == true, "\(r?.message ?? "no rejection")")
        #expect(r?.message.contains("0xC0") == true)
    }

    @Test("a multi-byte character cut off at the end of the body is reported at its first byte")
    func truncatedAtEnd() {
        let body = bytes("Việt") + [0xE1, 0xBB]
        let r = rejection { try Submission.decode(metadata: [], body: body, limits: Self.limits) }
        #expect(r?.code == .bodyNotUTF8)
        #expect(r?.message.hasSuffix("at offset \(bytes("Việt").count)") == true, "\(r?.message ?? "no rejection")")
    }
}
