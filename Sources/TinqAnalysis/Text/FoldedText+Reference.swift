/// The fold written plainly, one scalar at a time, with an explicit scalar map: the
/// specification that the fast loop in `FoldedText+Folding.swift` is tested against (see
/// FoldedTextTests). Not used by the analysis.
struct ReferenceFold: Equatable {
    var bytes: [UInt8] = []
    /// For folded byte `i`, the scalar index of its source character; the last entry is the total.
    var scalarAt: [Int32] = []
    var byteAt: [Int32] = []
    var wordStart: [Int32] = []
    var wordEnd: [Int32] = []
    var wordFlags: [UInt8] = []
    var lineStarts: [Int32] = [0]
    /// Offset of the first byte that is not valid UTF-8, or nil.
    var invalidByte: Int?

    init(utf8 p: [UInt8]) {
        let n = p.count
        var i = 0
        var s = 0
        var inWord = false
        var currentWordStart = 0
        var tone: UInt16 = 0
        var letters = 0
        var uppers = 0
        var flags: UInt8 = 0
        var lastScalar: Int32 = 0
        var lastByte: Int32 = 0

        func emit(_ b: UInt8, _ scalar: Int32, _ byte: Int32) {
            bytes.append(b)
            scalarAt.append(scalar)
            byteAt.append(byte)
        }
        func endWord() {
            if tone != 0 { emit(Folded.toneBase &+ UInt8(tone), lastScalar, lastByte) }
            var f = flags
            if letters >= 2 && uppers == letters { f |= WordFlags.allCaps }
            wordStart.append(Int32(currentWordStart))
            wordEnd.append(Int32(bytes.count))
            wordFlags.append(f)
            inWord = false
        }

        while i < n {
            guard let (v, len) = Self.decode(p, i) else {
                invalidByte = i
                return
            }
            let entry = FoldTable.entry(v)
            let kind = entry >> 12
            let folded = UInt8(truncatingIfNeeded: entry)
            if kind == CharKind.letter || kind == CharKind.digit {
                if !inWord {
                    inWord = true
                    currentWordStart = bytes.count
                    tone = 0
                    letters = 0
                    uppers = 0
                    flags = kind == CharKind.letter && entry & 0x800 != 0 ? WordFlags.capitalised : 0
                }
                if kind == CharKind.letter {
                    flags |= WordFlags.letter
                    letters += 1
                    if entry & 0x800 != 0 { uppers += 1 }
                    let t = (entry >> 8) & 7
                    if t != 0 { tone = t }
                } else {
                    flags |= WordFlags.digit
                }
                emit(folded, Int32(s), Int32(i))
                lastScalar = Int32(s)
                lastByte = Int32(i)
            } else if kind == CharKind.combining {
                if inWord {
                    let last = bytes[bytes.count - 1]
                    switch entry & 0xFF {
                    case 0x00: tone = 1
                    case 0x01: tone = 2
                    case 0x09: tone = 3
                    case 0x03: tone = 4
                    case 0x23: tone = 5
                    case 0x02:
                        if last == 0x61 { bytes[bytes.count - 1] = Folded.aCircumflex }
                        else if last == 0x65 { bytes[bytes.count - 1] = Folded.eCircumflex }
                        else if last == 0x6F { bytes[bytes.count - 1] = Folded.oCircumflex }
                    case 0x06:
                        if last == 0x61 { bytes[bytes.count - 1] = Folded.aBreve }
                    case 0x1B:
                        if last == 0x6F { bytes[bytes.count - 1] = Folded.oHorn }
                        else if last == 0x75 { bytes[bytes.count - 1] = Folded.uHorn }
                    default: break
                    }
                    lastScalar = Int32(s)
                    lastByte = Int32(i)
                }
            } else if kind != CharKind.skip {
                if inWord { endWord() }
                if kind == CharKind.space {
                    if let last = bytes.last, last != 0x20 && last != 0x0A { emit(0x20, Int32(s), Int32(i)) }
                } else if kind == CharKind.newline || kind == CharKind.carriageReturn {
                    if bytes.last == 0x20 {
                        bytes.removeLast()
                        scalarAt.removeLast()
                        byteAt.removeLast()
                    }
                    emit(0x0A, Int32(s), Int32(i))
                    lineStarts.append(Int32(bytes.count))
                    if kind == CharKind.carriageReturn && i + 1 < n && p[i + 1] == 0x0A {
                        i += 1
                        s += 1
                    }
                } else {
                    emit(folded, Int32(s), Int32(i))
                }
            }
            i += len
            s += 1
        }
        if inWord { endWord() }
        scalarAt.append(Int32(s))
        byteAt.append(Int32(n))
        lineStarts.append(Int32(bytes.count + 1))
    }

    /// The scalar at `i` and its length in bytes, or nil where the bytes are not valid UTF-8.
    static func decode(_ p: [UInt8], _ i: Int) -> (UInt32, Int)? {
        let n = p.count
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 >= 0xC2 && b0 <= 0xDF {
            guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard i + 2 < n else { return nil }
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard p[i + 1] >= lo && p[i + 1] <= hi, p[i + 2] & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard i + 3 < n else { return nil }
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard p[i + 1] >= lo && p[i + 1] <= hi, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F), 4)
        }
        return nil
    }
}
