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

        // Each tone byte follows a syllable that took at least two input bytes for its toned
        // letter, so the folded text is never longer than the input.
        var scalarMap = [Int32](repeating: 0, count: n + 1)
        var byteMap = [Int32](repeating: 0, count: n + 1)
        let out = [UInt8](unsafeUninitializedCapacity: n + 1) { outBuf, initialized in
            scalarMap.withUnsafeMutableBufferPointer { sMap in
                byteMap.withUnsafeMutableBufferPointer { bMap in
                    var folder = Folder(
                        input: input, out: outBuf.baseAddress!, sMap: sMap.baseAddress!, bMap: bMap.baseAddress!)
                    folder.run(words: &words, lines: &lines)
                    folded = folder.o
                    scalars = folder.scalarIndex
                    failure = folder.failure
                    sMap[folded] = Int32(scalars)
                    bMap[folded] = Int32(n)
                }
            }
            initialized = folded
        }
        if failure >= 0 { throw .notUTF8(byteOffset: failure) }
        scalarMap.removeSubrange((folded + 1)...)
        byteMap.removeSubrange((folded + 1)...)
        lines.append(Int32(folded + 1))
        self.init(
            bytes: out, scalarAt: scalarMap, byteAt: byteMap,
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

/// The folding loop over raw pointers (the analysis hot path).
private struct Folder {
    let input: UnsafeBufferPointer<UInt8>
    let out: UnsafeMutablePointer<UInt8>
    let sMap: UnsafeMutablePointer<Int32>
    let bMap: UnsafeMutablePointer<Int32>
    var o = 0
    var scalarIndex = 0
    var failure = -1

    // Current word.
    var inWord = false
    var wordStart = 0
    var tone: UInt8 = 0
    var letters = 0
    var uppers = 0
    var flags: UInt8 = 0
    var lastScalar: Int32 = 0
    var lastByte: Int32 = 0

    init(
        input: UnsafeBufferPointer<UInt8>, out: UnsafeMutablePointer<UInt8>, sMap: UnsafeMutablePointer<Int32>,
        bMap: UnsafeMutablePointer<Int32>
    ) {
        self.input = input
        self.out = out
        self.sMap = sMap
        self.bMap = bMap
    }

    @inline(__always)
    mutating func emit(_ b: UInt8, _ s: Int, _ i: Int) {
        out[o] = b
        sMap[o] = Int32(truncatingIfNeeded: s)
        bMap[o] = Int32(truncatingIfNeeded: i)
        o += 1
    }

    @inline(__always)
    mutating func endWord(_ words: inout WordCollector) {
        guard inWord else { return }
        if tone != 0 {
            out[o] = Folded.toneBase + tone
            sMap[o] = lastScalar
            bMap[o] = lastByte
            o += 1
        }
        var f = flags
        if letters >= 2 && uppers == letters { f |= WordFlags.allCaps }
        words.append(Int32(truncatingIfNeeded: wordStart), Int32(truncatingIfNeeded: o), f)
        inWord = false
    }

    @inline(__always)
    mutating func letter(_ b: UInt8, upper: Bool, tone t: UInt8, _ s: Int, _ i: Int, _ words: inout WordCollector) {
        if !inWord {
            inWord = true
            wordStart = o
            tone = 0
            letters = 0
            uppers = 0
            flags = upper ? WordFlags.capitalised | WordFlags.letter : WordFlags.letter
        }
        flags |= WordFlags.letter
        letters += 1
        if upper { uppers += 1 }
        if t != 0 { tone = t }
        emit(b, s, i)
        lastScalar = Int32(truncatingIfNeeded: s)
        lastByte = Int32(truncatingIfNeeded: i)
    }

    @inline(__always)
    mutating func digit(_ b: UInt8, _ s: Int, _ i: Int) {
        if !inWord {
            inWord = true
            wordStart = o
            tone = 0
            letters = 0
            uppers = 0
            flags = 0
        }
        flags |= WordFlags.digit
        emit(b, s, i)
        lastScalar = Int32(truncatingIfNeeded: s)
        lastByte = Int32(truncatingIfNeeded: i)
    }

    @inline(__always)
    mutating func space(_ s: Int, _ i: Int, _ words: inout WordCollector) {
        endWord(&words)
        if o == 0 { return }
        let prev = out[o - 1]
        if prev == 0x20 || prev == 0x0A { return }
        emit(0x20, s, i)
    }

    @inline(__always)
    mutating func newline(_ s: Int, _ i: Int, _ words: inout WordCollector, _ lines: inout LineCollector) {
        endWord(&words)
        // Drop a space right before the break: lines never end with a folded space.
        if o > 0 && out[o - 1] == 0x20 { o -= 1 }
        emit(0x0A, s, i)
        lines.append(Int32(truncatingIfNeeded: o))
    }

    @inline(__always)
    mutating func other(_ b: UInt8, _ s: Int, _ i: Int, _ words: inout WordCollector) {
        endWord(&words)
        emit(b, s, i)
    }

    mutating func run(words: inout WordCollector, lines: inout LineCollector) {
        let p = input.baseAddress
        let n = input.count
        guard let p else { return }
        var i = 0
        var s = 0
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 {
                switch b0 {
                case 0x61...0x7A: letter(b0, upper: false, tone: 0, s, i, &words)
                case 0x41...0x5A: letter(b0 | 0x20, upper: true, tone: 0, s, i, &words)
                case 0x30...0x39: digit(b0, s, i)
                case 0x20, 0x09, 0x0B, 0x0C: space(s, i, &words)
                case 0x0A: newline(s, i, &words, &lines)
                case 0x0D:
                    newline(s, i, &words, &lines)
                    if i + 1 < n && p[i + 1] == 0x0A {
                        i += 1
                        s += 1
                    }
                case 0x00...0x1F, 0x7F: space(s, i, &words)
                default: other(b0, s, i, &words)
                }
                i += 1
                s += 1
                continue
            }
            // Multi-byte scalar: decode with full validation.
            var v: UInt32
            var len: Int
            if b0 >= 0xC2 && b0 <= 0xDF {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { failure = i; return }
                v = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                len = 2
            } else if b0 >= 0xE0 && b0 <= 0xEF {
                guard i + 2 < n else { failure = i; return }
                let b1 = p[i + 1]
                let b2 = p[i + 2]
                let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
                let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                guard b1 >= lo && b1 <= hi, b2 & 0xC0 == 0x80 else { failure = i; return }
                v = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                len = 3
            } else if b0 >= 0xF0 && b0 <= 0xF4 {
                guard i + 3 < n else { failure = i; return }
                let b1 = p[i + 1]
                let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
                let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                guard b1 >= lo && b1 <= hi, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else {
                    failure = i
                    return
                }
                v = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F)
                len = 4
            } else {
                failure = i
                return
            }
            scalar(v, s, i, &words, &lines)
            i += len
            s += 1
        }
        endWord(&words)
        scalarIndex = s
    }

    @inline(__always)
    mutating func scalar(_ v: UInt32, _ s: Int, _ i: Int, _ words: inout WordCollector, _ lines: inout LineCollector) {
        var entry: UInt16 = 0
        if v >= 0xC0 && v <= 0x24F {
            entry = FoldTable.latin[Int(v - 0xC0)]
        } else if v >= 0x1E00 && v <= 0x1EFF {
            entry = FoldTable.extended[Int(v - 0x1E00)]
        }
        if entry != 0 {
            letter(
                UInt8(truncatingIfNeeded: entry), upper: entry & 0x800 != 0,
                tone: UInt8(truncatingIfNeeded: (entry >> 8) & 7), s, i, &words)
            return
        }
        switch v {
        case 0x300...0x36F:
            combining(v, s, i)
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            space(s, i, &words)
        case 0x85, 0x2028, 0x2029:
            newline(s, i, &words, &lines)
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF, 0x80...0x84, 0x86...0x9F:
            break  // invisible: dropped
        case 0x2018...0x201B, 0x2032, 0x2039, 0x203A:
            other(0x27, s, i, &words)
        case 0x201C...0x201F, 0xAB, 0xBB, 0x2033:
            other(0x22, s, i, &words)
        case 0x2010...0x2015, 0x2212:
            other(0x2D, s, i, &words)
        case 0x2026:
            other(0x2E, s, i, &words)
        case 0x2022, 0xB7, 0x2023, 0x25CF, 0x25AA, 0x25BA:
            other(0x2A, s, i, &words)
        case 0xFF0C:
            other(0x2C, s, i, &words)
        default:
            if v < 0x370 {
                other(Folded.symbol, s, i, &words)
            } else if let u = Unicode.Scalar(v), u.properties.isAlphabetic {
                letter(Folded.otherLetter, upper: u.properties.isUppercase, tone: 0, s, i, &words)
            } else {
                other(Folded.symbol, s, i, &words)
            }
        }
    }

    /// A combining mark after a letter (decomposed input): a tone joins the syllable's tone, a
    /// circumflex, breve or horn turns the base letter into its Vietnamese letter.
    @inline(__always)
    mutating func combining(_ v: UInt32, _ s: Int, _ i: Int) {
        guard inWord, o > 0 else { return }
        let last = out[o - 1]
        switch v {
        case 0x300: tone = 1
        case 0x301: tone = 2
        case 0x309: tone = 3
        case 0x303: tone = 4
        case 0x323: tone = 5
        case 0x302:
            if last == 0x61 { out[o - 1] = Folded.aCircumflex }
            else if last == 0x65 { out[o - 1] = Folded.eCircumflex }
            else if last == 0x6F { out[o - 1] = Folded.oCircumflex }
        case 0x306:
            if last == 0x61 { out[o - 1] = Folded.aBreve }
        case 0x31B:
            if last == 0x6F { out[o - 1] = Folded.oHorn }
            else if last == 0x75 { out[o - 1] = Folded.uHorn }
        default:
            break
        }
        lastScalar = Int32(truncatingIfNeeded: s)
        lastByte = Int32(truncatingIfNeeded: i)
    }
}
