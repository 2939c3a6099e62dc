import Foundation
import Testing

@testable import TinqProtocol

@Suite("JSONWriter")
struct JSONWriterTests {
    static func written(_ value: String) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string(value, value)
        w.endObject()
        return w.bytes
    }

    @Test("every control character, quote, backslash and non-ASCII text survives a parse by JSONSerialization")
    func escaping() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let awkward = [
            controls, "\"", "\\", "\\\"", "\"\\", "a\"b\\c/d", "\u{7F}", "Đắk Lắk – “trích dẫn”", "𝕏😀🇻🇳", "\u{2028}\u{2029}", "",
        ]
        for value in awkward {
            let out = Self.written(value)
            let parsed = try #require(jsonObject(out), "not JSON: \(String(decoding: out, as: UTF8.self))")
            #expect(parsed.count == 1)
            #expect(parsed[value] as? String == value, "value \(value.debugDescription) came back as \(String(describing: parsed.first))")
        }
    }

    @Test("characters from U+0020 up are written as their raw UTF-8 bytes")
    func rawAboveControls() {
        // Checked on bytes: Foundation's parser drops U+FEFF inside strings, so it cannot judge this one.
        for value in ["\u{FEFF}x", "\u{7F}", "é", "\u{2028}", "😀"] {
            #expect(Self.written(value) == Array("{\"\(value)\":\"\(value)\"}".utf8))
        }
    }

    @Test("control characters are written as escapes, never raw")
    func noRawControls() {
        for byte in UInt8(0)..<0x20 {
            let out = Self.written(String(UnicodeScalar(byte)))
            #expect(!out.contains(byte), "byte \(byte) appears raw")
        }
        #expect(Self.written("\n\t\r\u{01}\u{1F}") == Array(#"{"\n\t\r\u0001\u001f":"\n\t\r\u0001\u001f"}"#.utf8))
    }

    @Test("random strings round-trip through JSONSerialization (seeded)")
    func randomStrings() throws {
        var rng = SeededGenerator(seed: 2024)
        let pool: [Unicode.Scalar] = (0..<0x80).compactMap(Unicode.Scalar.init) + ["à", "ệ", "Đ", "\u{00A0}", "\u{2028}", "😀", "\u{10FFFF}"]
        for _ in 0..<2_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
            let value = String(s)
            var w = JSONWriter()
            w.beginArray()
            w.string(nil, value)
            w.endArray()
            let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String]
            #expect(parsed == [value], "\(value.debugDescription)")
        }
    }

    @Test("commas and nesting come out balanced and exact")
    func structure() throws {
        var w = JSONWriter()
        w.beginObject()
        w.int("i", -3)
        w.uint("u", UInt64.max)
        w.bool("t", true)
        w.bool("f", false)
        w.null("n")
        w.string("s", nil)
        w.beginArray("a")
        w.int(nil, 1)
        w.beginObject()
        w.endObject()
        w.beginArray()
        w.endArray()
        w.raw(nil, Array(#"{"k":[1,2]}"#.utf8))
        w.endArray()
        w.beginObject("o")
        w.string("x", "y")
        w.endObject()
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self)
            == #"{"i":-3,"u":18446744073709551615,"t":true,"f":false,"n":null,"s":null,"a":[1,{},[],{"k":[1,2]}],"o":{"x":"y"}}"#)
        #expect(jsonObject(w.bytes) != nil)
    }

    @Test("doubles are rounded to three decimals; non-finite values become null")
    func doubles() throws {
        var w = JSONWriter()
        w.beginObject()
        w.double("a", 0.12345)
        w.double("b", 2)
        w.double("c", -1.0005)
        w.double("nan", .nan)
        w.double("inf", -.infinity)
        w.endObject()
        let parsed = try #require(jsonObject(w.bytes), "\(String(decoding: w.bytes, as: UTF8.self))")
        #expect(parsed["a"] as? Double == 0.123)
        #expect(parsed["b"] as? Double == 2)
        #expect((parsed["c"] as? Double).map { abs($0 - -1.0) < 0.0011 } == true)
        #expect(parsed["nan"] is NSNull)
        #expect(parsed["inf"] is NSNull)
    }

    @Test("appendEscaped appends one literal to what is already there")
    func appendEscaped() {
        var out = Array("x=".utf8)
        JSONWriter.appendEscaped("a\"b", to: &out)
        #expect(out == Array(#"x="a\"b""#.utf8))
    }
}
