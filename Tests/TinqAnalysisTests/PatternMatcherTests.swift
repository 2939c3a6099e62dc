import Testing

@testable import TinqAnalysis

/// The multi-pattern matcher (anchored at word starts): word boundaries, and the interleaved
/// scan against one stream and against a brute-force search.
@Suite struct PatternMatcherTests {
    struct Found: Hashable, Comparable {
        var pattern: Int32
        var start: Int32
        var end: Int32
        static func < (a: Found, b: Found) -> Bool { (a.end, a.start, a.pattern) < (b.end, b.start, b.pattern) }
    }

    /// Every occurrence of every pattern on the word boundaries it needs, by brute force.
    static func bruteForce(_ patterns: [[UInt8]], _ text: [UInt8]) -> [Found] {
        var out: [Found] = []
        for (id, p) in patterns.enumerated() where !p.isEmpty && p.count <= text.count {
            for s in 0...(text.count - p.count) where text[s..<(s + p.count)].elementsEqual(p) {
                let e = s + p.count
                if Folded.isWord(p.first!) && s > 0 && Folded.isWord(text[s - 1]) { continue }
                if Folded.isWord(p.last!) && e < text.count && Folded.isWord(text[e]) { continue }
                out.append(Found(pattern: Int32(id), start: Int32(s), end: Int32(e)))
            }
        }
        return out.sorted()
    }

    static func scan(_ m: PatternMatcher, _ text: [UInt8], oneStream: Bool) -> [Found] {
        var matches: [PatternMatcher.Match] = []
        text.withUnsafeBufferPointer {
            if oneStream { m.scanOneStream($0, into: &matches) } else { m.scan($0, into: &matches) }
        }
        return matches.map { Found(pattern: $0.pattern, start: $0.start, end: $0.end) }
    }

    @Test func wordBoundaries() {
        let m = PatternMatcher(patterns: [FoldedText.fold("dân"), FoldedText.fold("dân vận"), FoldedText.fold("/")])
        let text = FoldedText.fold("Dân vận, dần dâng dân / x")
        let found = Self.scan(m, text, oneStream: false)
        #expect(found.map(\.pattern) == [0, 1, 0, 2])
        #expect(found == Self.bruteForce([FoldedText.fold("dân"), FoldedText.fold("dân vận"), FoldedText.fold("/")], text))
    }

    /// Long random texts over a small alphabet (so patterns recur and straddle the quarters'
    /// edges): the interleaved scan gives exactly the one-stream matches, in the same order, and
    /// the same set as brute force.
    @Test func interleavedScanAgreesWithOneStreamAndBruteForce() {
        var state: UInt64 = 0xC0FF_EE00
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet: [UInt8] = [0x61, 0x62, 0x6E, 0x20, 0x2E, 0x0A, Folded.aCircumflex, 0x92]
        // The texts also hold a word byte and a non-word byte that no pattern uses.
        let textAlphabet = alphabet + [0x7A, 0x2C]
        func word(_ length: Int, _ letters: [UInt8] = alphabet) -> [UInt8] {
            (0..<length).map { _ in letters[next() % letters.count] }
        }
        for round in 0..<40 {
            let patterns = (0..<(5 + round % 20)).map { _ in word(1 + next() % (round % 3 == 0 ? 40 : 6)) }
            let m = PatternMatcher(patterns: patterns)
            for length in [0, 1, 100, PatternMatcher.interleaveMinimum - 1, PatternMatcher.interleaveMinimum, 700, 2_049, 5_000] {
                let text = word(length, textAlphabet)
                let interleaved = Self.scan(m, text, oneStream: false)
                #expect(interleaved == Self.scan(m, text, oneStream: true))
                #expect(interleaved.sorted() == Self.bruteForce(patterns, text))
            }
        }
    }
}
