extension FoldedText {
    /// Folds UTF-8 text; throws `.notUTF8` at the first byte that is not valid UTF-8.
    init(utf8 input: UnsafeBufferPointer<UInt8>) throws(AnalysisError) {
        let n = input.count
        // Words: a word takes at least one input byte and one separator, so `n / 2 + 2` always
        // suffices; lines: at most one per input byte, plus the first and the sentinel.
        let wordCapacity = n / 2 + 2
        let lineCapacity = n + 2
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: wordCapacity * 9 + lineCapacity * 4, alignment: 8)
        defer { scratch.deallocate() }
        let wordStarts = scratch.bindMemory(to: Int32.self, capacity: wordCapacity)
        let wordEnds = (scratch + wordCapacity * 4).bindMemory(to: Int32.self, capacity: wordCapacity)
        let lines = (scratch + wordCapacity * 8).bindMemory(to: Int32.self, capacity: lineCapacity)
        let wordFlags = (scratch + wordCapacity * 8 + lineCapacity * 4).bindMemory(to: UInt8.self, capacity: wordCapacity)

        // Each tone byte follows a syllable that took at least two input bytes for its toned
        // letter, so the folded text is never longer than the input. The maps are filled in
        // place (no zero fill, no copy): the loop writes every entry it keeps.
        var counts = FoldCounts()
        var out: [UInt8] = []
        let byteMap = [Int32](unsafeUninitializedCapacity: n + 1) { bMap, bCount in
            out = [UInt8](unsafeUninitializedCapacity: n + 1) { outBuf, initialized in
                counts = foldLoop(
                    input,
                    FoldBuffers(
                        out: outBuf.baseAddress!, byteAt: bMap.baseAddress!, wordStarts: wordStarts,
                        wordEnds: wordEnds, wordFlags: wordFlags, lines: lines))
                initialized = counts.folded
            }
            bMap[counts.folded] = Int32(n)
            bCount = counts.folded + 1
        }
        if counts.failure >= 0 { throw .notUTF8(byteOffset: counts.failure) }
        lines[counts.lines] = Int32(counts.folded + 1)
        self.init(
            bytes: out, byteAt: byteMap,
            continuationsBefore: FoldedText.continuationCounts(input),
            wordStart: Array(UnsafeBufferPointer(start: wordStarts, count: counts.words)),
            wordEnd: Array(UnsafeBufferPointer(start: wordEnds, count: counts.words)),
            wordFlags: Array(UnsafeBufferPointer(start: wordFlags, count: counts.words)),
            wordBlocks: FoldedText.wordBlocks(UnsafeBufferPointer(start: wordStarts, count: counts.words), folded: counts.folded),
            lineStarts: Array(UnsafeBufferPointer(start: lines, count: counts.lines + 1)))
    }

    /// `wordBlocks` for the word starts `starts` of a folded text of `folded` bytes.
    static func wordBlocks(_ starts: UnsafeBufferPointer<Int32>, folded: Int) -> [Int32] {
        let blocks = folded >> 6 + 1
        return [Int32](unsafeUninitializedCapacity: blocks) { buf, count in
            var k = 0
            for b in 0..<blocks {
                while k < starts.count && Int(starts[k]) < b << 6 { k += 1 }
                buf[b] = Int32(truncatingIfNeeded: k)
            }
            count = blocks
        }
    }

    /// Index of the word that starts at or after folded position `pos` (the word count when
    /// none does). A short forward scan from the first word of `pos`'s 64-byte block: about a
    /// dozen words lie in a block, and the scan mispredicts once where a binary search over
    /// all the words mispredicts about every other step.
    func wordIndex(atOrAfter pos: Int) -> Int {
        guard pos > 0 else { return 0 }
        return wordStart.withUnsafeBufferPointer { starts in
            var k = Int(wordBlocks[min(pos >> 6, wordBlocks.count - 1)])
            while k < starts.count && Int(starts[k]) < pos { k &+= 1 }
            return k
        }
    }

    /// Folds a short string (a pattern or a lexicon word) to its folded bytes.
    static func fold(_ s: String) -> [UInt8] {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            (try? FoldedText(utf8: buf).bytes) ?? []
        }
    }

    /// Continuation bytes before each 64-byte block of valid UTF-8 `input` (see
    /// `continuationsBefore`): eight bytes at a time, a continuation byte being `10xxxxxx`.
    static func continuationCounts(_ input: UnsafeBufferPointer<UInt8>) -> [Int32] {
        let blocks = input.count >> 6
        return [Int32](unsafeUninitializedCapacity: blocks + 1) { buf, count in
            buf[0] = 0
            var total = 0
            if let p = input.baseAddress {
                for k in 0..<blocks {
                    let block = UnsafeRawPointer(p + k &<< 6)
                    for j in 0..<8 {
                        total &+= continuations(in: block.loadUnaligned(fromByteOffset: j &<< 3, as: UInt64.self))
                    }
                    buf[k + 1] = Int32(truncatingIfNeeded: total)
                }
            }
            count = blocks + 1
        }
    }

    /// Continuation bytes (`10xxxxxx`) among the eight bytes of `x`.
    @inline(__always)
    static func continuations(in x: UInt64) -> Int {
        (x & ~(x &<< 1) & 0x8080_8080_8080_8080).nonzeroBitCount
    }

    /// The scalar (code point) offset of input byte offset `b`, which starts a scalar or is the
    /// input's end: `b` less the continuation bytes before it.
    func scalarOffset(ofByte b: Int, in original: UnsafeBufferPointer<UInt8>) -> Int {
        var c = Int(continuationsBefore[b >> 6])
        var q = b & ~63
        if let p = original.baseAddress {
            while q &+ 8 <= b {
                c &+= FoldedText.continuations(in: UnsafeRawPointer(p + q).loadUnaligned(as: UInt64.self))
                q &+= 8
            }
            while q < b {
                if p[q] & 0xC0 == 0x80 { c &+= 1 }
                q &+= 1
            }
        }
        return b - c
    }
}

/// Where the folding loop writes (all preallocated, see `FoldedText.init(utf8:)`).
private struct FoldBuffers {
    let out: UnsafeMutablePointer<UInt8>
    let byteAt: UnsafeMutablePointer<Int32>
    let wordStarts: UnsafeMutablePointer<Int32>
    let wordEnds: UnsafeMutablePointer<Int32>
    let wordFlags: UnsafeMutablePointer<UInt8>
    let lines: UnsafeMutablePointer<Int32>
}

/// What the folding loop produced: folded length, words, line starts (without the sentinel),
/// and the first invalid byte (or -1).
private struct FoldCounts {
    var folded = 0
    var words = 0
    var lines = 1
    var failure = -1
}

/// ASCII letters and digits for the folding loop's fast path: folded byte in bits 0-7, then
/// `WordBits`; 0 for every other byte, non-ASCII included.
private let asciiWordChars: [UInt16] = (0..<256).map { (c: Int) -> UInt16 in
    switch c {
    case 0x61...0x7A: return UInt16(WordBits.letter | WordBits.lower) | UInt16(c)
    case 0x41...0x5A: return UInt16(WordBits.letter | WordBits.upper) | UInt16(c | 0x20)
    case 0x30...0x39: return UInt16(WordBits.digit) | UInt16(c)
    default: return 0
    }
}

/// The folding loop's record of the current word, or-ed together from its characters (bits 0-7
/// are don't-cares), with its tone in `toneShift`.
private enum WordBits {
    static let letter: UInt32 = 0x100
    static let upper: UInt32 = 0x200
    static let digit: UInt32 = 0x400
    static let lower: UInt32 = 0x800
    /// The first character is an upper-case letter (`upper << 3`).
    static let capitalised: UInt32 = 0x1000
    static let toneShift: UInt32 = 13
    static let toneMask: UInt32 = 0xE000
}

/// Runs the folding loop with the fold tables in hand.
private func foldLoop(_ input: UnsafeBufferPointer<UInt8>, _ buffers: FoldBuffers) -> FoldCounts {
    asciiWordChars.withUnsafeBufferPointer { wordChars in
        FoldTable.ascii.withUnsafeBufferPointer { ascii in
            FoldTable.twoByte.withUnsafeBufferPointer { twoByte in
                FoldTable.latin.withUnsafeBufferPointer { latin in
                    FoldTable.extended.withUnsafeBufferPointer { extended in
                        foldLoop(
                            input, buffers, wordChars: wordChars.baseAddress!, ascii: ascii.baseAddress!,
                            twoByte: twoByte.baseAddress!, latin: latin.baseAddress!, extended: extended.baseAddress!)
                    }
                }
            }
        }
    }
}

/// The folding loop (the analysis hot path). Runs of ASCII letters and digits, most of any
/// Vietnamese text, take a short loop of their own; every other character is decoded and looked
/// up in `FoldTable` (two-byte scalars with one load). The state is kept small (a word is its
/// start and one bit set) so it stays in registers. `ReferenceFold` is the plain specification
/// it must agree with.
private func foldLoop(
    _ input: UnsafeBufferPointer<UInt8>, _ buffers: FoldBuffers, wordChars: UnsafePointer<UInt16>,
    ascii: UnsafePointer<UInt16>, twoByte: UnsafePointer<UInt16>, latin: UnsafePointer<UInt16>,
    extended: UnsafePointer<UInt16>
) -> FoldCounts {
    var result = FoldCounts()
    guard let p = input.baseAddress else { return result }
    let n = input.count
    let out = buffers.out
    let bMap = buffers.byteAt
    let lineStarts = buffers.lines
    lineStarts[0] = 0
    var o = 0
    var i = 0
    var words = 0
    var lines = 1
    // The current word's folded start, or -1 between words, and its `WordBits`.
    var wordStart = -1
    var bits: UInt32 = 0
    // The last combining mark: its input offset and the folded length when it came (a tone
    // byte maps to the word's last letter or mark).
    var markByte = 0
    var markOut = -1

    /// Closes the current word: its tone byte goes after it, then its boundaries are recorded.
    @inline(__always)
    func endWord() {
        var f: UInt8 = bits & WordBits.capitalised != 0 ? WordFlags.capitalised : 0
        if bits & WordBits.digit != 0 { f |= WordFlags.digit }
        if bits & WordBits.letter != 0 {
            f |= WordFlags.letter
            if bits & WordBits.lower == 0 && allCapsLength(out, wordStart, o, digits: bits & WordBits.digit != 0) {
                f |= WordFlags.allCaps
            }
        }
        let tone = (bits & WordBits.toneMask) >> WordBits.toneShift
        if tone != 0 {
            bMap[o] = markOut == o ? Int32(truncatingIfNeeded: markByte) : bMap[o &- 1]
            out[o] = Folded.toneBase &+ UInt8(truncatingIfNeeded: tone)
            o &+= 1
        }
        buffers.wordStarts[words] = Int32(truncatingIfNeeded: wordStart)
        buffers.wordEnds[words] = Int32(truncatingIfNeeded: o)
        buffers.wordFlags[words] = f
        words &+= 1
        wordStart = -1
    }

    while i < n {
        // Fast path: a word made of ASCII letters and digits and two- or three-byte letters.
        var w = UInt32(wordChars[Int(p[i])])
        if w != 0 {
            if wordStart < 0 {
                wordStart = o
                bits = (w & WordBits.upper) << 3
            }
            word: while true {
                while w != 0 {
                    out[o] = UInt8(truncatingIfNeeded: w)
                    bMap[o] = Int32(truncatingIfNeeded: i)
                    o &+= 1
                    i &+= 1
                    bits |= w
                    guard i < n else { break word }
                    w = UInt32(wordChars[Int(p[i])])
                }
                // A multibyte letter continues the word here, without a trip through the
                // general path (Vietnamese words mix one- and multibyte letters).
                let entry = multibyteLetter(p, i, n, twoByte)
                guard entry != 0 else { break }
                let upper = UInt32(entry & 0x800) >> 2
                bits |= WordBits.letter | (upper != 0 ? upper : WordBits.lower)
                let tone = UInt32(entry >> 8) & 7
                if tone != 0 { bits = bits & ~WordBits.toneMask | tone << WordBits.toneShift }
                out[o] = UInt8(truncatingIfNeeded: entry)
                bMap[o] = Int32(truncatingIfNeeded: i)
                o &+= 1
                i &+= p[i] >= 0xE0 ? 3 : 2
                guard i < n else { break }
                w = UInt32(wordChars[Int(p[i])])
            }
            // The commonest way a word ends: one ASCII space.
            if i < n && p[i] == 0x20 {
                endWord()
                out[o] = 0x20
                bMap[o] = Int32(truncatingIfNeeded: i)
                o &+= 1
                i &+= 1
            }
            continue
        }

        // Any other character: decode, validate, look up.
        let b0 = p[i]
        let entry: UInt16
        var len = 1
        if b0 < 0x80 {
            entry = ascii[Int(b0)]
        } else if b0 >= 0xC2 && b0 <= 0xEF && i &+ 2 < n {
            // Two- and three-byte scalars (every Vietnamese letter) without a branch between
            // them: the index into `twoByte` (which holds U+1E00 ... U+1EFF after U+07FF) is
            // selected, not branched on.
            let b1 = p[i &+ 1]
            let b2 = p[i &+ 2]
            let three = b0 >= 0xE0
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo && b1 <= hi, !three || b2 & 0xC0 == 0x80 else { break }
            let v2 = Int(b0 & 0x1F) &<< 6 | Int(b1 & 0x3F)
            let v3 = Int(b0 & 0x0F) &<< 12 | Int(b1 & 0x3F) &<< 6 | Int(b2 & 0x3F)
            let extendedIndex = v3 &- 0x1E00
            if three && UInt(bitPattern: extendedIndex) >= 0x100 {
                entry = FoldTable.classify(UInt32(truncatingIfNeeded: v3), latin, extended)
            } else {
                entry = twoByte[three ? 0x800 &+ extendedIndex : v2]
            }
            len = three ? 3 : 2
        } else if b0 >= 0xC2 && b0 <= 0xDF {
            guard i &+ 1 < n, p[i &+ 1] & 0xC0 == 0x80 else { break }
            entry = twoByte[Int(b0 & 0x1F) &<< 6 | Int(p[i &+ 1] & 0x3F)]
            len = 2
        } else if b0 >= 0xE0 && b0 <= 0xEF {
            guard i &+ 2 < n else { break }
            let b1 = p[i &+ 1]
            let b2 = p[i &+ 2]
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo && b1 <= hi, b2 & 0xC0 == 0x80 else { break }
            let v = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            entry = FoldTable.classify(v, latin, extended)
            len = 3
        } else if b0 >= 0xF0 && b0 <= 0xF4 {
            guard i &+ 3 < n else { break }
            let b1 = p[i &+ 1]
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lo && b1 <= hi, p[i &+ 2] & 0xC0 == 0x80, p[i &+ 3] & 0xC0 == 0x80 else { break }
            let v = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(p[i &+ 2] & 0x3F) << 6
                | UInt32(p[i &+ 3] & 0x3F)
            entry = FoldTable.classify(v, latin, extended)
            len = 4
        } else {
            break
        }
        let kind = entry >> 12
        if kind == CharKind.letter {
            // Non-ASCII letters (ASCII ones took the fast path).
            let upper = UInt32(entry & 0x800) >> 2
            if wordStart < 0 {
                wordStart = o
                bits = upper << 3
            }
            bits |= WordBits.letter | (upper != 0 ? upper : WordBits.lower)
            let tone = UInt32(entry >> 8) & 7
            if tone != 0 { bits = bits & ~WordBits.toneMask | tone << WordBits.toneShift }
            out[o] = UInt8(truncatingIfNeeded: entry)
            bMap[o] = Int32(truncatingIfNeeded: i)
            o &+= 1
        } else if kind == CharKind.combining {
            // A mark after a letter (decomposed input): a tone joins the syllable's tone; a
            // circumflex, breve or horn turns the base letter into its Vietnamese letter.
            if wordStart >= 0 {
                let last = out[o &- 1]
                var tone: UInt32 = 0
                switch entry & 0xFF {
                case 0x00: tone = 1
                case 0x01: tone = 2
                case 0x09: tone = 3
                case 0x03: tone = 4
                case 0x23: tone = 5
                case 0x02:
                    if last == 0x61 { out[o &- 1] = Folded.aCircumflex }
                    else if last == 0x65 { out[o &- 1] = Folded.eCircumflex }
                    else if last == 0x6F { out[o &- 1] = Folded.oCircumflex }
                case 0x06:
                    if last == 0x61 { out[o &- 1] = Folded.aBreve }
                case 0x1B:
                    if last == 0x6F { out[o &- 1] = Folded.oHorn }
                    else if last == 0x75 { out[o &- 1] = Folded.uHorn }
                default: break
                }
                if tone != 0 { bits = bits & ~WordBits.toneMask | tone << WordBits.toneShift }
                markByte = i
                markOut = o
            }
        } else if kind != CharKind.skip {
            if wordStart >= 0 { endWord() }
            if kind == CharKind.space {
                if o > 0 && out[o &- 1] != 0x20 && out[o &- 1] != 0x0A {
                    out[o] = 0x20
                    bMap[o] = Int32(truncatingIfNeeded: i)
                    o &+= 1
                }
            } else if kind == CharKind.newline || kind == CharKind.carriageReturn {
                // Lines never end with a folded space.
                if o > 0 && out[o &- 1] == 0x20 { o &-= 1 }
                out[o] = 0x0A
                bMap[o] = Int32(truncatingIfNeeded: i)
                o &+= 1
                lineStarts[lines] = Int32(truncatingIfNeeded: o)
                lines &+= 1
                if kind == CharKind.carriageReturn && i &+ 1 < n && p[i &+ 1] == 0x0A { i &+= 1 }
            } else {
                out[o] = UInt8(truncatingIfNeeded: entry)
                bMap[o] = Int32(truncatingIfNeeded: i)
                o &+= 1
            }
        }
        i &+= len
    }
    if i < n {
        result.failure = i
    } else if wordStart >= 0 {
        endWord()
    }
    result.folded = o
    result.words = words
    result.lines = lines
    return result
}

/// The fold entry of the letter at `i` when it is a valid two-byte scalar or a letter of
/// U+1E00 ... U+1EFF (with a byte to spare after it), else 0: the word loop's multibyte step,
/// anything else goes to the general path.
@inline(__always)
private func multibyteLetter(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ twoByte: UnsafePointer<UInt16>) -> UInt16 {
    let b0 = p[i]
    guard b0 >= 0xC2 && b0 <= 0xE1 && i &+ 2 < n else { return 0 }
    let b1 = p[i &+ 1]
    guard b1 & 0xC0 == 0x80 else { return 0 }
    let index: Int
    if b0 == 0xE1 {
        let b2 = p[i &+ 2]
        guard b1 >= 0xB8 && b1 <= 0xBB && b2 & 0xC0 == 0x80 else { return 0 }
        index = 0x800 &+ (Int(b1 &- 0xB8) &<< 6 | Int(b2 & 0x3F))
    } else if b0 <= 0xDF {
        index = Int(b0 & 0x1F) &<< 6 | Int(b1 & 0x3F)
    } else {
        return 0
    }
    let entry = twoByte[index]
    return entry >> 12 == CharKind.letter ? entry : 0
}

/// Whether the word `out[start..<end]`, whose letters are all upper case, has at least two
/// letters (an acronym such as UBND); rare, so counted here rather than in the loop.
@inline(never)
private func allCapsLength(_ out: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, digits: Bool) -> Bool {
    guard digits else { return end - start >= 2 }
    var letters = 0
    for k in start..<end where !DateToken.isDigit(out[k]) { letters += 1 }
    return letters >= 2
}
