/// What a line of the page is.
enum LineKind: UInt8, Sendable {
    case blank
    /// Site header before the title (a date line).
    case header
    case title
    /// Publication stamp or other metadata between title and body.
    case meta
    case paragraph
    case caption
    /// UI text, image alt text, related-article links inside the body.
    case noise
    case byline
    /// The page tail after the article.
    case tail
}

/// The page's lines, what each one is, and where the article starts and ends.
struct Layout {
    /// Trimmed folded span of each line.
    var starts: [Int32]
    var ends: [Int32]
    var kinds: [LineKind]
    /// Index of the title line.
    var title: Int?
    /// Index of the first tail line (`kinds.count` when there is no tail).
    var tail: Int
    /// The first paragraph (the lead).
    var lead: Int?
    /// The byline line.
    var byline: Int?

    var count: Int { kinds.count }

    /// Whether line `i` is article content to classify and extract from.
    @inline(__always)
    func isContent(_ i: Int) -> Bool {
        switch kinds[i] {
        case .title, .paragraph, .caption: true
        default: false
        }
    }
}

extension Layout {
    /// Reads the page structure from the folded text and the layout markers among `matches`.
    init(folded: FoldedText, f: UnsafeBufferPointer<UInt8>, matches: [PatternMatcher.Match], lexicon: CompiledLexicon) {
        let lineCount = folded.lineStarts.count - 1
        var starts = [Int32](repeating: 0, count: lineCount)
        var ends = [Int32](repeating: 0, count: lineCount)
        var kinds = [LineKind](repeating: .blank, count: lineCount)
        for i in 0..<lineCount {
            var s = Int(folded.lineStarts[i])
            var e = Int(folded.lineStarts[i + 1]) - 1
            while s < e, f[s] == 0x20 { s += 1 }
            while e > s, f[e - 1] == 0x20 { e -= 1 }
            starts[i] = Int32(s)
            ends[i] = Int32(e)
            kinds[i] = s < e ? .paragraph : .blank
        }

        // Layout markers by line: whole-line tail markers, tail prefixes, noise prefixes.
        var marker = [UInt8](repeating: 0, count: lineCount)  // 1 tail, 2 noise
        var personAtStart = [Bool](repeating: false, count: lineCount)
        for m in matches {
            let kind = lexicon.info[Int(m.pattern)].kind
            switch kind {
            case .tailLine, .tailPrefix, .noisePrefix, .personTitle: break
            default: continue
            }
            let s = Int(m.start)
            var lo = 0
            var hi = lineCount - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if Int(folded.lineStarts[mid]) <= s { lo = mid } else { hi = mid - 1 }
            }
            let l = lo
            guard s == Int(starts[l]) else { continue }
            var e = Int(m.end)
            let lineEnd = Int(ends[l])
            switch kind {
            case .tailLine:
                while e < lineEnd, f[e] == 0x3A || f[e] == 0x20 || f[e] == 0x2E { e += 1 }
                if e == lineEnd { marker[l] = 1 }
            case .tailPrefix:
                marker[l] = 1
            case .noisePrefix:
                if lineEnd - s <= 60 && marker[l] == 0 { marker[l] = 2 }
            default:
                personAtStart[l] = true
            }
        }

        func isDateLine(_ i: Int) -> Bool {
            let s = Int(starts[i])
            let e = Int(ends[i])
            guard e - s <= 80 else { return false }
            let dates = DateToken.all(f, from: s, to: e)
            guard dates.contains(where: { $0.year != nil }) else { return false }
            var words = 0
            var p = s
            while p < e {
                if Folded.isWord(f[p]) && (p == s || !Folded.isWord(f[p - 1])) { words += 1 }
                p += 1
            }
            return words <= 10
        }

        // Header lines before the title, then the title.
        var i = 0
        var title: Int?
        while i < lineCount {
            if kinds[i] == .blank {
                i += 1
                continue
            }
            if marker[i] == 2 || isDateLine(i) {
                kinds[i] = marker[i] == 2 ? .noise : .header
                i += 1
                continue
            }
            title = i
            kinds[i] = .title
            i += 1
            break
        }

        // Metadata right after the title: publication stamps.
        while i < lineCount {
            if kinds[i] == .blank {
                i += 1
                continue
            }
            if isDateLine(i) {
                kinds[i] = .meta
                i += 1
                continue
            }
            break
        }

        // Body up to the first tail marker.
        let titleBytes: ArraySlice<UInt8> = title.map { f[Int(starts[$0])..<Int(ends[$0])] }.map { ArraySlice($0) } ?? []
        var blankLines = 0
        for k in i..<lineCount where kinds[k] == .blank { blankLines += 1 }
        let spaced = blankLines >= 2
        var tail = lineCount
        var seenParagraph = false
        var afterAlt = false
        var previous = LineKind.blank
        var lead: Int?
        var k = i
        while k < lineCount {
            defer { k += 1 }
            if kinds[k] == .blank {
                previous = .blank
                continue
            }
            if marker[k] == 1 && seenParagraph {
                tail = k
                break
            }
            let s = Int(starts[k])
            let e = Int(ends[k])
            if marker[k] != 0 {
                kinds[k] = .noise
                previous = .noise
                continue
            }
            if !titleBytes.isEmpty && e - s == titleBytes.count && f[s..<e].elementsEqual(titleBytes) {
                kinds[k] = .noise  // image alt text repeating the title
                afterAlt = true
                previous = .noise
                continue
            }
            let last = f[e - 1]
            let terminal =
                last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3A || last == 0x3B || last == 0x22
                || last == 0x27 || last == 0x29
            if afterAlt {
                kinds[k] = .caption
            } else if spaced && seenParagraph && previous == .paragraph
                && !(last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3A || last == 0x3B)
            {
                kinds[k] = .noise  // related-article headlines glued under a paragraph
            } else if spaced && seenParagraph && !terminal && e - s <= 300 {
                kinds[k] = .caption
            } else if spaced && seenParagraph && personAtStart[k] && e - s <= 250 && isOneSentence(f, s, e) {
                kinds[k] = .caption
            } else {
                kinds[k] = .paragraph
                if lead == nil { lead = k }
                seenParagraph = true
            }
            afterAlt = false
            previous = kinds[k]
        }
        for t in tail..<lineCount { kinds[t] = .tail }

        // Byline: a short line of capitalised words closing the body.
        var byline: Int?
        var b = tail - 1
        while b > i && kinds[b] == .blank { b -= 1 }
        if b > i, kinds[b] == .paragraph || kinds[b] == .caption, b != lead,
            Layout.looksLikeByline(folded: folded, f: f, s: Int(starts[b]), e: Int(ends[b]))
        {
            kinds[b] = .byline
            byline = b
        }

        self.init(starts: starts, ends: ends, kinds: kinds, title: title, tail: tail, lead: lead, byline: byline)
    }

    /// One sentence: no ". " inside.
    static func isOneSentenceImpl(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var p = s
        while p + 1 < e - 1 {
            if f[p] == 0x2E && f[p + 1] == 0x20 { return false }
            p += 1
        }
        return true
    }

    /// 1–5 capitalised words, no digits, at most 40 folded bytes ("Trần Vũ", "Nguyệt Ánh").
    static func looksLikeByline(folded: FoldedText, f: UnsafeBufferPointer<UInt8>, s: Int, e: Int) -> Bool {
        guard e - s <= 40 else { return false }
        var words = 0
        var w = 0
        // Find the first word at or after s.
        var lo = 0
        var hi = folded.wordStart.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(folded.wordStart[mid]) < s { lo = mid + 1 } else { hi = mid }
        }
        w = lo
        while w < folded.wordStart.count && Int(folded.wordStart[w]) < e {
            let flags = folded.wordFlags[w]
            if flags & WordFlags.digit != 0 || flags & WordFlags.capitalised == 0 { return false }
            words += 1
            w += 1
        }
        guard words >= 1 && words <= 5 else { return false }
        for p in s..<e {
            let c = f[p]
            if c == 0x2E || c == 0x2C || c == 0x3A || c == 0x3F || c == 0x21 || c == 0x22 { return false }
        }
        return true
    }
}

private func isOneSentence(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
    Layout.isOneSentenceImpl(f, s, e)
}
