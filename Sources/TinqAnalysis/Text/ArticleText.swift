/// One article during analysis: the original bytes, their folded form, every pattern match and
/// the page layout. Lives only inside `Analyzer.analyze` (it holds raw pointers).
struct ArticleText {
    /// The analysed text as UTF-8.
    let original: UnsafeBufferPointer<UInt8>
    /// Folded text and offset maps.
    let folded: FoldedText
    /// Folded bytes.
    let f: UnsafeBufferPointer<UInt8>
    /// Cue and modifier matches, ordered by end.
    let cueMatches: [PatternMatcher.Match]
    /// Entity vocabulary matches (titles, honorifics, organisations, places, documents), ordered by end.
    let entityMatches: [PatternMatcher.Match]
    /// Day-part words ("sáng", "ngày", "hôm nay"), ordered by end.
    let dayPartMatches: [PatternMatcher.Match]
    /// The compiled lexicon.
    let lexicon: CompiledLexicon
    /// Line kinds and article extent.
    var layout: Layout

    /// Splits matches by the consumers that need them.
    static func buckets(_ matches: [PatternMatcher.Match], _ lexicon: CompiledLexicon) -> (
        cues: [PatternMatcher.Match], layout: [PatternMatcher.Match], entities: [PatternMatcher.Match],
        dayParts: [PatternMatcher.Match]
    ) {
        var cues: [PatternMatcher.Match] = []
        var layout: [PatternMatcher.Match] = []
        var entities: [PatternMatcher.Match] = []
        var dayParts: [PatternMatcher.Match] = []
        cues.reserveCapacity(matches.count)
        entities.reserveCapacity(matches.count)
        layout.reserveCapacity(matches.count)
        dayParts.reserveCapacity(matches.count)
        lexicon.info.withUnsafeBufferPointer { info in
            for m in matches {
                switch info[Int(m.pattern)].kind {
                case .cue, .modifier: cues.append(m)
                case .tailLine, .tailPrefix, .noisePrefix: layout.append(m)
                case .personTitle:
                    layout.append(m)
                    entities.append(m)
                case .dayPart: dayParts.append(m)
                default: entities.append(m)
                }
            }
        }
        return (cues, layout, entities, dayParts)
    }

    /// The original text of folded span `[fs, fe)` as a String.
    func string(_ fs: Int, _ fe: Int) -> String {
        let a = Int(folded.byteAt[fs])
        var b = Int(folded.byteAt[fe])
        // Never include the line break or space that follows the span.
        while b > a, original[b - 1] == 0x0A || original[b - 1] == 0x0D || original[b - 1] == 0x20 { b -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: original[a..<b]), as: UTF8.self)
    }

    /// Scalar offset of folded position `fs`.
    @inline(__always)
    func offset(_ fs: Int) -> Int { folded.scalarOffset(ofByte: Int(folded.byteAt[fs]), in: original) }

    /// Scalar length of folded span `[fs, fe)`.
    func length(_ fs: Int, _ fe: Int) -> Int {
        let a = Int(folded.byteAt[fs])
        var b = Int(folded.byteAt[fe])
        var n = folded.scalarOffset(ofByte: b, in: original) - folded.scalarOffset(ofByte: a, in: original)
        while b > a, original[b - 1] == 0x0A || original[b - 1] == 0x0D || original[b - 1] == 0x20 {
            b -= 1
            n -= 1
        }
        return n
    }

    /// Evidence for folded span `[fs, fe)`.
    func evidence(_ fs: Int, _ fe: Int) -> Evidence {
        Evidence(text: string(fs, fe), offset: offset(fs), length: length(fs, fe))
    }

    /// Index of the word that starts at or after folded position `pos`.
    @inline(__always)
    func wordIndex(atOrAfter pos: Int) -> Int { folded.wordIndex(atOrAfter: pos) }

    /// `lineIndex` for a run of positions that mostly ascend (matches in text order): a few
    /// steps from the last answer instead of a binary search that mispredicts at every step.
    struct LineCursor {
        private var line = 0

        /// Index of the line holding folded position `pos` (as `lineIndex(pos)`).
        @inline(__always)
        mutating func index(_ pos: Int, in layout: Layout) -> Int {
            layout.starts.withUnsafeBufferPointer { starts in
                while line > 0 && Int(starts[line]) > pos { line -= 1 }
                while line + 1 < starts.count && Int(starts[line + 1]) <= pos { line += 1 }
            }
            return line
        }
    }

    /// Index of the line holding folded position `pos`.
    func lineIndex(_ pos: Int) -> Int {
        var lo = 0
        var hi = layout.starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(layout.starts[mid]) <= pos { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
