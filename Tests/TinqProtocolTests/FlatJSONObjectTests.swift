import Foundation
import Testing

@testable import TinqProtocol

@Suite("FlatJSONObject (the metadata fast path)")
struct FlatJSONObjectTests {
    @Test("reads flat objects of strings, booleans, null and numbers")
    func readsFlatObjects() throws {
        let o = try #require(FlatJSONObject.parse(Array(#" { "id" : "a\"b\\c\/d\n", "force": true, "x": null, "n": -1.5e3, "f": false } "#.utf8)))
        #expect(o["id"] == .string("a\"b\\c/d\n"))
        #expect(o["force"] == .bool(true))
        #expect(o["x"] == .null)
        #expect(o["n"] == .number)
        #expect(o["f"] == .bool(false))
        #expect(FlatJSONObject.parse(Array("{}".utf8)) == [:])
        #expect(FlatJSONObject.parse(Array(#"{"t":"Tiêu đề"}"#.utf8))?["t"] == .string("Tiêu đề"))
    }

    @Test("declines what it does not handle, so the full decoder decides", arguments: [
        #"{"a":{"b":1}}"#, #"{"a":[1]}"#, #"{"a":"\u00e9"}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{"a":tru}"#, "[]", "", #"{"a":"x"} x"#, "{\"a\":\"\u{01}\"}",
    ])
    func declines(_ text: String) {
        #expect(FlatJSONObject.parse(Array(text.utf8)) == nil)
    }

    @Test("SubmitMetadata decodes the same with and without the fast path", arguments: [
        #"{"id":"d1","url":"https://x.vn/a","source":"s","fetched_at":"2024-01-01T00:00:00Z","content_type":"text/html","force":true}"#,
        #"{"id":null,"content_type":"text/plain"}"#,
        #"{"extra":42,"url":"https://x.vn/\u0061"}"#,
        #"{"id":"a\"b"}"#,
        "{}",
    ])
    func sameAsJSONDecoder(_ text: String) throws {
        let bytes = Array(text.utf8)
        let fast = try SubmitMetadata.decode(bytes)
        let slow = try JSONDecoder().decode(SubmitMetadata.self, from: Data(bytes))
        #expect(fast == slow)
    }

    @Test("wrong types still give the precise rejection", arguments: [
        (#"{"id":5}"#, RejectCode.badMetadata), (#"{"force":"yes"}"#, .badMetadata), (#"{"content_type":"image/png"}"#, .badContentType),
    ])
    func wrongTypes(_ text: String, _ code: RejectCode) {
        #expect(throws: ProtocolRejection.self) { try SubmitMetadata.decode(Array(text.utf8)) }
        do { _ = try SubmitMetadata.decode(Array(text.utf8)) } catch { #expect(error.code == code) }
    }
}
