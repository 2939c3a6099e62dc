import Testing

@testable import TinqProtocol

@Suite("Wire and FrameText")
struct WireTests {
    @Test("the version frame is tinq/1")
    func version() {
        #expect(Wire.versionBytes == Array("tinq/1".utf8))
    }

    @Test("labels are 1 to 64 of [a-z0-9_]")
    func labels() {
        for good in ["a", "dan_van", "award", "x9", "_", String(repeating: "z", count: 64)] {
            #expect(Wire.isValidLabel(good), "\(good)")
        }
        for bad in ["", "A", "dan-van", "dan van", "a.b", "a,b", "ả", String(repeating: "z", count: 65)] {
            #expect(!Wire.isValidLabel(bad), "\(bad)")
        }
    }

    @Test("a label topic ends in a dot, so no label topic is a prefix of another")
    func topics() {
        #expect(Wire.topic(forLabel: "award") == "label.award.")
        #expect(!Wire.topic(forLabel: "awards").hasPrefix(Wire.topic(forLabel: "award")))
    }

    @Test("unsigned decimal frames", arguments: [
        ("0", 0), ("42", 42), ("007", 7), ("18446744073709551615", UInt64.max),
        ("", nil), ("-1", nil), ("+1", nil), (" 1", nil), ("1 ", nil), ("1.0", nil), ("0x10", nil), ("18446744073709551616", nil),
        ("99999999999999999999", nil),
    ] as [(String, UInt64?)])
    func unsigned(text: String, expected: UInt64?) {
        #expect(FrameText.unsigned(Array(text.utf8)) == expected)
    }

    @Test("decimal and unsigned are inverses (seeded)")
    func decimalRoundTrip() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<1000 {
            let v = UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng)
            #expect(FrameText.unsigned(FrameText.decimal(v)) == v)
        }
    }

    @Test("string decodes only valid UTF-8")
    func string() {
        #expect(FrameText.string(Array("Hà Nội".utf8)) == "Hà Nội")
        #expect(FrameText.string([]) == "")
        #expect(FrameText.string([0x61, 0xC0]) == nil)
    }
}
