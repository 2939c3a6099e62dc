extension FoldedText {
    /// Folds UTF-8 text; throws `.notUTF8` at the first byte that is not valid UTF-8.
    init(utf8 input: UnsafeBufferPointer<UInt8>) throws(AnalysisError) {
        let n = input.count
        var words = WordCollector(capacity: n / 2 + 2)
        var lines = LineCollector(capacity: n + 2)
        defer {
            words.deallocate()
            lines.deallocate()
        }
        var folded = 0
        var scalars = 0
        var failure = -1
        var scalarMapOut: [Int32] = []

        // Each tone byte follows a syllable that took at least two input bytes for its toned
        // letter, so the folded text is never longer than the input. The maps are filled in
        // place (no zero fill, no copy): the loop writes every entry it keeps.
        var out: [UInt8] = []
        let byteMap = [Int32](unsafeUninitializedCapacity: n + 1) { bMap, bCount in
            let scalarMap = [Int32](unsafeUninitializedCapacity: n + 1) { sMap, sCount in
                out = [UInt8](unsafeUninitializedCapacity: n + 1) { outBuf, initialized in
                    (folded, scalars, failure) = foldLoop(
                        input, out: outBuf.baseAddress!, sMap: sMap.baseAddress!, bMap: bMap.baseAddress!,
                        words: &words, lines: &lines)
                    initialized = folded
                }
                sMap[folded] = Int32(scalars)
                sCount = folded + 1
            }
            bMap[folded] = Int32(n)
            bCount = folded + 1
            scalarMapOut = scalarMap
        }
        if failure >= 0 { throw .notUTF8(byteOffset: failure) }
        lines.append(Int32(folded + 1))
        self.init(
            bytes: out, scalarAt: scalarMapOut, byteAt: byteMap,
            wordStart: Array(UnsafeBufferPointer(start: words.starts, count: words.count)),
            wordEnd: Array(UnsafeBufferPointer(start: words.ends, count: words.count)),
            wordFlags: Array(UnsafeBufferPointer(start: words.flags, count: words.count)),
            lineStarts: Array(UnsafeBufferPointer(start: lines.starts, count: lines.count)))
    }

    /// Folds a short string (a pattern or a lexicon word) to its folded bytes.
    static func fold(_ s: String) -> [UInt8] {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            (try? FoldedText(utf8: buf).bytes) ?? []
        }
    }
}

/// Word boundaries gathered while folding (preallocated: a word takes at least one input byte
/// and one separator, so `n / 2 + 2` always suffices).
struct WordCollector {
    let starts: UnsafeMutablePointer<Int32>
    let ends: UnsafeMutablePointer<Int32>
    let flags: UnsafeMutablePointer<UInt8>
    var count = 0

    init(capacity: Int) {
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        flags = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ s: Int32, _ e: Int32, _ f: UInt8) {
        starts[count] = s
        ends[count] = e
        flags[count] = f
        count += 1
    }

    func deallocate() {
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
    }
}

/// Line starts gathered while folding (at most one per input byte, plus the first and the sentinel).
struct LineCollector {
    let starts: UnsafeMutablePointer<Int32>
    var count = 1

    init(capacity: Int) {
        starts = .allocate(capacity: capacity)
        starts[0] = 0
    }

    @inline(__always)
    mutating func append(_ s: Int32) {
        starts[count] = s
        count += 1
    }

    func deallocate() { starts.deallocate() }
}

/// What a source character is, for the folding loop.
private enum CharKind {
    static let letter: UInt16 = 0
    static let digit: UInt16 = 1
    static let space: UInt16 = 2
    static let newline: UInt16 = 3
    static let other: UInt16 = 4
    static let skip: UInt16 = 5
    static let combining: UInt16 = 6
    static let carriageReturn: UInt16 = 7
}

/// ASCII: kind in bits 12-14, upper case in bit 11, folded byte in bits 0-7.
private let asciiFold: [UInt16] = (0..<128).map { (c: Int) -> UInt16 in
    switch c {
    case 0x61...0x7A: return CharKind.letter << 12 | UInt16(c)
    case 0x41...0x5A: return CharKind.letter << 12 | 0x800 | UInt16(c | 0x20)
    case 0x30...0x39: return CharKind.digit << 12 | UInt16(c)
    case 0x0A: return CharKind.newline << 12 | 0x0A
    case 0x0D: return CharKind.carriageReturn << 12 | 0x0A
    case 0x20, 0x09, 0x0B, 0x0C, 0x00...0x08, 0x0E...0x1F, 0x7F: return CharKind.space << 12 | 0x20
    default: return CharKind.other << 12 | UInt16(c)
    }
}

/// Classifies a non-ASCII scalar: kind << 12 | upper << 11 | tone << 8 | folded byte.
@inline(__always)
private func classify(_ v: UInt32, _ latin: UnsafePointer<UInt16>, _ extended: UnsafePointer<UInt16>) -> UInt16 {
    var entry: UInt16 = 0
    if v >= 0xC0 && v <= 0x24F {
        entry = latin[Int(v &- 0xC0)]
    } else if v >= 0x1E00 && v <= 0x1EFF {
        entry = extended[Int(v &- 0x1E00)]
    }
    if entry != 0 { return CharKind.letter << 12 | (entry & 0xFFF) }
    switch v {
    case 0x300...0x36F: return CharKind.combining << 12 | UInt16(v &- 0x300)
    case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return CharKind.space << 12 | 0x20
    case 0x85, 0x2028, 0x2029: return CharKind.newline << 12 | 0x0A
    case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF, 0x80...0x84, 0x86...0x9F: return CharKind.skip << 12
    case 0x2018...0x201B, 0x2032, 0x2039, 0x203A: return CharKind.other << 12 | 0x27
    case 0x201C...0x201F, 0xAB, 0xBB, 0x2033: return CharKind.other << 12 | 0x22
    case 0x2010...0x2015, 0x2212: return CharKind.other << 12 | 0x2D
    case 0x2026: return CharKind.other << 12 | 0x2E
    case 0x2022, 0xB7, 0x2023, 0x25CF, 0x25AA, 0x25BA: return CharKind.other << 12 | 0x2A
    case 0xFF0C: return CharKind.other << 12 | 0x2C
    default:
        if v >= 0x370, let u = Unicode.Scalar(v), u.properties.isAlphabetic {
            return CharKind.letter << 12 | (u.properties.isUppercase ? 0x800 : 0) | UInt16(Folded.otherLetter)
        }
        return CharKind.other << 12 | UInt16(Folded.symbol)
    }
}

/// The folding loop (the analysis hot path): all state in locals so it stays in registers.
/// Returns the folded length, the scalar count and the first invalid byte (or -1).
private func foldLoop(
    _ input: UnsafeBufferPointer<UInt8>, out: UnsafeMutablePointer<UInt8>, sMap: UnsafeMutablePointer<Int32>,
    bMap: UnsafeMutablePointer<Int32>, words: inout WordCollector, lines: inout LineCollector
) -> (Int, Int, Int) {
    guard let p = input.baseAddress else { return (0, 0, -1) }
    let n = input.count
    var o = 0
    var i = 0
    var s = 0
    var inWord = false
    var wordStart = 0
    var tone: UInt16 = 0
    var letters = 0
    var uppers = 0
    var flags: UInt8 = 0
    var lastScalar: Int32 = 0
    var lastByte: Int32 = 0
    let latinTable = FoldTable.latin
    let extendedTable = FoldTable.extended
    let asciiTable = asciiFold
    return asciiTable.withUnsafeBufferPointer { ascii -> (Int, Int, Int) in
      latinTable.withUnsafeBufferPointer { latinBuf -> (Int, Int, Int) in
       extendedTable.withUnsafeBufferPointer { extendedBuf -> (Int, Int, Int) in
        let latin = latinBuf.baseAddress!
        let extended = extendedBuf.baseAddress!
        while i < n {
            let b0 = p[i]
            var entry: UInt16
            var len = 1
            if b0 < 0x80 {
                entry = ascii[Int(b0)]
            } else {
                var v: UInt32
                if b0 >= 0xC2 && b0 <= 0xDF {
                    guard i &+ 1 < n, p[i &+ 1] & 0xC0 == 0x80 else { return (o, s, i) }
                    v = UInt32(b0 & 0x1F) << 6 | UInt32(p[i &+ 1] & 0x3F)
                    len = 2
                } else if b0 >= 0xE0 && b0 <= 0xEF {
                    guard i &+ 2 < n else { return (o, s, i) }
                    let b1 = p[i &+ 1]
                    let b2 = p[i &+ 2]
                    let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
                    let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                    guard b1 >= lo && b1 <= hi, b2 & 0xC0 == 0x80 else { return (o, s, i) }
                    v = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                    len = 3
                } else if b0 >= 0xF0 && b0 <= 0xF4 {
                    guard i &+ 3 < n else { return (o, s, i) }
                    let b1 = p[i &+ 1]
                    let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
                    let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                    guard b1 >= lo && b1 <= hi, p[i &+ 2] & 0xC0 == 0x80, p[i &+ 3] & 0xC0 == 0x80 else {
                        return (o, s, i)
                    }
                    v = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(p[i &+ 2] & 0x3F) << 6
                        | UInt32(p[i &+ 3] & 0x3F)
                    len = 4
                } else {
                    return (o, s, i)
                }
                entry = classify(v, latin, extended)
            }
            let kind = entry >> 12
            let folded = UInt8(truncatingIfNeeded: entry)
            if kind <= CharKind.digit {
                if !inWord {
                    inWord = true
                    wordStart = o
                    tone = 0
                    letters = 0
                    uppers = 0
                    flags = kind == CharKind.letter && entry & 0x800 != 0 ? WordFlags.capitalised : 0
                }
                if kind == CharKind.letter {
                    flags |= WordFlags.letter
                    letters &+= 1
                    if entry & 0x800 != 0 { uppers &+= 1 }
                    let t = (entry >> 8) & 7
                    if t != 0 { tone = t }
                } else {
                    flags |= WordFlags.digit
                }
                out[o] = folded
                sMap[o] = Int32(truncatingIfNeeded: s)
                bMap[o] = Int32(truncatingIfNeeded: i)
                o &+= 1
                lastScalar = Int32(truncatingIfNeeded: s)
                lastByte = Int32(truncatingIfNeeded: i)
            } else if kind == CharKind.combining {
                // A mark after a letter (decomposed input): a tone joins the syllable's tone; a
                // circumflex, breve or horn turns the base letter into its Vietnamese letter.
                if inWord && o > 0 {
                    let last = out[o &- 1]
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
                    lastScalar = Int32(truncatingIfNeeded: s)
                    lastByte = Int32(truncatingIfNeeded: i)
                }
            } else if kind != CharKind.skip {
                if inWord {
                    // The word ends: its tone goes after it, then its boundaries are recorded.
                    if tone != 0 {
                        out[o] = Folded.toneBase &+ UInt8(truncatingIfNeeded: tone)
                        sMap[o] = lastScalar
                        bMap[o] = lastByte
                        o &+= 1
                    }
                    var f = flags
                    if letters >= 2 && uppers == letters { f |= WordFlags.allCaps }
                    words.append(Int32(truncatingIfNeeded: wordStart), Int32(truncatingIfNeeded: o), f)
                    inWord = false
                }
                if kind == CharKind.space {
                    if o > 0 && out[o &- 1] != 0x20 && out[o &- 1] != 0x0A {
                        out[o] = 0x20
                        sMap[o] = Int32(truncatingIfNeeded: s)
                        bMap[o] = Int32(truncatingIfNeeded: i)
                        o &+= 1
                    }
                } else if kind == CharKind.newline || kind == CharKind.carriageReturn {
                    // Lines never end with a folded space.
                    if o > 0 && out[o &- 1] == 0x20 { o &-= 1 }
                    out[o] = 0x0A
                    sMap[o] = Int32(truncatingIfNeeded: s)
                    bMap[o] = Int32(truncatingIfNeeded: i)
                    o &+= 1
                    lines.append(Int32(truncatingIfNeeded: o))
                    if kind == CharKind.carriageReturn && i &+ 1 < n && p[i &+ 1] == 0x0A {
                        i &+= 1
                        s &+= 1
                    }
                } else {
                    out[o] = folded
                    sMap[o] = Int32(truncatingIfNeeded: s)
                    bMap[o] = Int32(truncatingIfNeeded: i)
                    o &+= 1
                }
            }
            i &+= len
            s &+= 1
        }
        if inWord {
            if tone != 0 {
                out[o] = Folded.toneBase &+ UInt8(truncatingIfNeeded: tone)
                sMap[o] = lastScalar
                bMap[o] = lastByte
                o &+= 1
            }
            var f = flags
            if letters >= 2 && uppers == letters { f |= WordFlags.allCaps }
            words.append(Int32(truncatingIfNeeded: wordStart), Int32(truncatingIfNeeded: o), f)
        }
        return (o, s, -1)
       }
      }
    }
}
