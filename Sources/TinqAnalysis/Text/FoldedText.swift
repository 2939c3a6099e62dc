/// The article text folded for matching, with a map back to the original.
///
/// Folding lower-cases, strips Vietnamese tone marks from the vowel that carries them and writes
/// the tone once at the end of the syllable, so `uỷ`/`ủy` and `hoà`/`hòa` fold to the same bytes
/// whatever the placement, and precomposed (NFC) and decomposed (NFD) input fold alike. Runs of
/// spaces (including no-break spaces) become one space, curly quotes straight ones, dashes `-`.
///
/// Folded alphabet: `a`–`z`, `0`–`9`, ASCII punctuation, `\n` for every line break, and
/// - `0x80`–`0x86`: â ă ê ô ơ ư đ,
/// - `0x91`–`0x95`: tone marks huyền, sắc, hỏi, ngã, nặng (after the syllable),
/// - `0xFD`: any other symbol, `0xFE`: any other letter.
///
/// Every folded byte knows the byte offset of the source character it came from, and so its
/// scalar (code point) index, so spans found in the folded text map back to the text as written.
struct FoldedText {
    /// Folded bytes.
    var bytes: [UInt8]
    /// For folded byte `i`, the byte offset of its source character; one extra entry at the end
    /// holds the input's byte count.
    var byteAt: [Int32]
    /// Continuation bytes of the input before each of its 64-byte blocks: scalar (code point)
    /// offsets, needed only for the few spans reported, follow from byte offsets
    /// (`scalarOffset(ofByte:in:)`) instead of a second map filled for every byte.
    var continuationsBefore: [Int32]
    /// Words (runs of letters and digits, the tone byte included): folded start positions.
    var wordStart: [Int32]
    /// Words: folded end positions (exclusive).
    var wordEnd: [Int32]
    /// Words: `WordFlags` bits.
    var wordFlags: [UInt8]
    /// For each 64-byte block of the folded text, the first word starting in it or later (see
    /// `wordIndex(atOrAfter:)`).
    var wordBlocks: [Int32]
    /// Folded positions where lines start; the last entry is `bytes.count + 1` as a sentinel.
    var lineStarts: [Int32]

    /// Folded byte count.
    var count: Int { bytes.count }

    /// Index of the first word at or after `k` that holds digits and no letter (a number), or
    /// the word count. Eight words' flags at a time: numbers are a few words in a hundred.
    func numberWord(atOrAfter k: Int) -> Int {
        wordFlags.withUnsafeBufferPointer { flags in
            let n = flags.count
            var k = k
            guard let base = flags.baseAddress else { return n }
            let kinds = 0x0101_0101_0101_0101 &* UInt64(WordFlags.letter | WordFlags.digit)
            while k &+ 8 <= n {
                // A flag byte whose letter and digit bits are exactly "digit" is a number.
                if ByteScan.matches(ByteScan.word(base, k) & kinds, WordFlags.digit) != 0 { break }
                k &+= 8
            }
            while k < n && flags[k] & (WordFlags.letter | WordFlags.digit) != WordFlags.digit { k &+= 1 }
            return k
        }
    }
}

/// Bits of `FoldedText.wordFlags`.
enum WordFlags {
    /// The first letter is upper case.
    static let capitalised: UInt8 = 1
    /// Every letter is upper case (an acronym such as UBND) and there are at least two.
    static let allCaps: UInt8 = 2
    /// The word contains a digit.
    static let digit: UInt8 = 4
    /// The word contains a letter.
    static let letter: UInt8 = 8
}

/// Folded byte values beyond ASCII.
enum Folded {
    static let aCircumflex: UInt8 = 0x80
    static let aBreve: UInt8 = 0x81
    static let eCircumflex: UInt8 = 0x82
    static let oCircumflex: UInt8 = 0x83
    static let oHorn: UInt8 = 0x84
    static let uHorn: UInt8 = 0x85
    static let dStroke: UInt8 = 0x86
    static let toneBase: UInt8 = 0x90
    static let symbol: UInt8 = 0xFD
    static let otherLetter: UInt8 = 0xFE

    /// Whether `b` belongs to a word: letters, digits and tone bytes. (A bitmap in constants:
    /// this runs for every byte of every article.)
    @inline(__always)
    static func isWord(_ b: UInt8) -> Bool {
        bit(b, 0x03FF_0000_0000_0000, 0x07FF_FFFE_0000_0000, 0x003E_007F, 0x4000_0000_0000_0000)
    }

    /// Whether `b` is a tone byte.
    @inline(__always)
    static func isTone(_ b: UInt8) -> Bool { b > 0x90 && b <= 0x95 }

    /// Whether `b` is a folded letter (not digit, not tone).
    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool {
        bit(b, 0, 0x07FF_FFFE_0000_0000, 0x7F, 0x4000_0000_0000_0000)
    }

    @inline(__always)
    private static func bit(_ b: UInt8, _ m0: UInt64, _ m1: UInt64, _ m2: UInt64, _ m3: UInt64) -> Bool {
        let m: UInt64
        switch b >> 6 {
        case 0: m = m0
        case 1: m = m1
        case 2: m = m2
        default: m = m3
        }
        return (m >> UInt64(b & 63)) & 1 != 0
    }
}
