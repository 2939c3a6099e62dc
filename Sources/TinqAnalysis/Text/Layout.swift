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
    /// Photo captions running on inside paragraph lines ("... phát biểu tại hội nghị. Ảnh: TTXVN
    /// Tiếp đó, ..."): folded start and end of each, in text order, flattened as pairs.
    var inlineCaptions: [Int32] = []

    var count: Int { kinds.count }

    /// Whether folded position `pos` lies in a caption that runs on inside a paragraph line.
    func inInlineCaption(_ pos: Int) -> Bool {
        let pairs = inlineCaptions.count / 2
        guard pairs > 0 else { return false }
        // The last caption starting at or before pos.
        var lo = 0
        var hi = pairs
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(inlineCaptions[2 * mid]) <= pos { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && pos < Int(inlineCaptions[2 * (lo - 1) + 1])
    }

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
    /// (`folded` is borrowed, not copied to be passed owned.)
    init(folded: borrowing FoldedText, f: UnsafeBufferPointer<UInt8>, matches: [PatternMatcher.Match], lexicon: CompiledLexicon) {
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

        // Layout markers by line: whole-line tail markers, tail prefixes, noise prefixes (bits
        // 0-1: 1 tail, 2 noise), and bit 2 for a person's title opening the line (one array,
        // not two).
        var marker = [UInt8](repeating: 0, count: lineCount)
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
                if e == lineEnd { marker[l] = marker[l] & ~3 | 1 }
            case .tailPrefix:
                marker[l] = marker[l] & ~3 | 1
            case .noisePrefix:
                if lineEnd - s <= 60 && marker[l] & 3 == 0 { marker[l] = marker[l] & ~3 | 2 }
            default:
                marker[l] |= 4
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
            if marker[i] & 3 == 2 || isDateLine(i) {
                kinds[i] = marker[i] & 3 == 2 ? .noise : .header
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
        // The title's span (compared in place, not copied).
        let titleStart = title.map { Int(starts[$0]) } ?? 0
        let titleCount = title.map { Int(ends[$0]) - Int(starts[$0]) } ?? 0
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
            if marker[k] & 3 == 1 && seenParagraph {
                tail = k
                break
            }
            let s = Int(starts[k])
            let e = Int(ends[k])
            if marker[k] & 3 != 0 {
                kinds[k] = .noise
                previous = .noise
                continue
            }
            if titleCount > 0 && e - s == titleCount && f[s..<e].elementsEqual(f[titleStart..<(titleStart + titleCount)]) {
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
            } else if spaced && seenParagraph && marker[k] & 4 != 0 && e - s <= 250 && isOneSentence(f, s, e) {
                kinds[k] = .caption
            } else if seenParagraph && e - s <= 400 && Layout.opensWithPhotoDescription(f, s, e) {
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

        var inlineCaptions: [Int32] = []
        for k in 0..<tail where kinds[k] == .paragraph {
            Layout.findInlineCaptions(f, Int(starts[k]), Int(ends[k]), into: &inlineCaptions)
        }
        self.init(
            starts: starts, ends: ends, kinds: kinds, title: title, tail: tail, lead: lead, byline: byline,
            inlineCaptions: inlineCaptions)
    }

    /// Photo captions inside the paragraph line `[s, e)`: a credit ("Ảnh: TTXVN", "(Ảnh: X)",
    /// "- Ảnh: X", "Nguồn: Reuters") closes the caption, which is the sentence right before it.
    /// Scraped pages glue the caption and its credit into the body text, so the caption reads like
    /// a paragraph sentence; it is still a caption (it describes the photo, often the event itself).
    /// "Trong ảnh:" opens a caption instead of closing one and is not taken.
    static func findInlineCaptions(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, into out: inout [Int32]) {
        // Where the next caption may start: the line start, then the end of the last credit word.
        var floor = s
        var p = s
        guard let base = f.baseAddress else { return }
        while p < e {
            // Eight bytes at a time while none of them is ':' (credits are rare, and this runs
            // over every paragraph byte).
            if p &+ 8 <= e && ByteScan.matches(ByteScan.word(base, p), 0x3A) == 0 {
                p &+= 8
                continue
            }
            guard f[p] == 0x3A else {
                p += 1
                continue
            }
            defer { p += 1 }
            // The word before ':' must be "ảnh" (a n h + hỏi) or "nguồn" (n g u ô n + huyền).
            var w = p
            while w > s && f[w - 1] == 0x20 { w -= 1 }
            let wordEnd = w
            while w > s && Folded.isWord(f[w - 1]) { w -= 1 }
            let word = f[w..<wordEnd]
            let isSource = word.elementsEqual(CreditWords.nguon)
            guard isSource || word.elementsEqual(CreditWords.anh) else { continue }
            // What joins the credit to the caption: "(", "-".
            var c = w
            while c > s && (f[c - 1] == 0x20 || f[c - 1] == 0x28 || f[c - 1] == 0x2D) { c -= 1 }
            let parenthesised = c < w && f[c..<w].contains(0x28)
            // "Trong ảnh:" opens a caption; "Tin-ảnh:" credits a whole story (a byline).
            if Layout.wordBefore(f, c, s, is: CreditWords.trong) || Layout.wordBefore(f, c, s, is: CreditWords.tin) {
                continue
            }
            // A bare "Nguồn: X" ending the line names the story's source, not a photo's.
            if isSource && !parenthesised && e - p < 40 { continue }
            // The caption: back to the previous sentence end (". ", "! ", "? "), the previous
            // credit or the line start; a caption is one sentence, so a long run is no caption.
            guard c - max(s, floor) >= 12 else {
                floor = p + 1
                continue
            }
            var b = c - 1
            while b > floor && c - b <= 400 {
                let x = f[b - 1]
                if (x == 0x2E || x == 0x21 || x == 0x3F) && f[b] == 0x20 && b < c - 1 { break }
                b -= 1
            }
            while b < c && f[b] == 0x20 { b += 1 }
            if c - b >= 12 && c - b <= 400 && !Layout.isArchiveCaption(f, b, c) {
                out.append(Int32(b))
                out.append(Int32(c))
            }
            floor = p + 1
        }
    }

    /// Whether the line `[s, e)` is "Ảnh:" followed by a description of six words or more (a
    /// caption set before its photo's text: "Ảnh: Lãnh đạo huyện trao Bằng khen cho các hộ"),
    /// not by a credit ("Ảnh: TTXVN", "Ảnh: Nguyễn Văn A").
    static func opensWithPhotoDescription(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = CreditWords.anh.count
        guard e - s > n, f[s..<(s + n)].elementsEqual(CreditWords.anh) else { return false }
        var p = s + n
        while p < e && f[p] == 0x20 { p += 1 }
        guard p < e, f[p] == 0x3A else { return false }
        var words = 0
        var inWord = false
        for q in (p + 1)..<e {
            let w = Folded.isWord(f[q])
            if w && !inWord { words += 1 }
            inWord = w
        }
        return words >= 6
    }

    /// Whether the caption `[s, e)` shows an earlier event: it carries a year ("năm 1996",
    /// "tháng 6/2017") or a date that no time of day introduces ("ngày 15/4"). A photo of the
    /// reported event is captioned without a date or with the day's time ("chiều 21-6").
    static func isArchiveCaption(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var p = s
        while p < e {
            guard DateToken.isDigit(f[p]), p == s || !DateToken.isDigit(f[p - 1]) else {
                p += 1
                continue
            }
            var q = p
            while q < e && DateToken.isDigit(f[q]) { q += 1 }
            if q - p == 4 && (f[p] == 0x31 && f[p + 1] == 0x39 || f[p] == 0x32 && f[p + 1] == 0x30) { return true }
            if DateToken.read(f, at: p, limit: e) != nil && !Layout.dayPartBefore(f, p, s) { return true }
            p = q
        }
        return false
    }

    /// Whether the word before the number at `p` is a time of day (sáng, trưa, chiều, tối, đêm).
    private static func dayPartBefore(_ f: UnsafeBufferPointer<UInt8>, _ p: Int, _ s: Int) -> Bool {
        var w = p
        while w > s && f[w - 1] == 0x20 { w -= 1 }
        let end = w
        while w > s && Folded.isWord(f[w - 1]) { w -= 1 }
        let word = f[w..<end]
        return CreditWords.dayParts.contains { word.elementsEqual($0) }
    }

    /// Whether the word ending at `c` (before the credit word at `w`) is `word`.
    private static func wordBefore(_ f: UnsafeBufferPointer<UInt8>, _ c: Int, _ s: Int, is word: [UInt8]) -> Bool {
        let n = word.count
        guard c - n >= s, f[(c - n)..<c].elementsEqual(word) else { return false }
        return c - n == s || !Folded.isWord(f[c - n - 1])
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

/// Folded words around photo credits.
private enum CreditWords {
    /// "ảnh": a n h + hỏi.
    static let anh: [UInt8] = [0x61, 0x6E, 0x68, 0x93]
    /// "nguồn": n g u ô n + huyền.
    static let nguon: [UInt8] = [0x6E, 0x67, 0x75, Folded.oCircumflex, 0x6E, 0x91]
    /// "trong".
    static let trong: [UInt8] = [0x74, 0x72, 0x6F, 0x6E, 0x67]
    /// "tin".
    static let tin: [UInt8] = [0x74, 0x69, 0x6E]
    /// sáng, trưa, chiều, tối, đêm.
    static let dayParts: [[UInt8]] = [
        [0x73, 0x61, 0x6E, 0x67, 0x92], [0x74, 0x72, Folded.uHorn, 0x61], [0x63, 0x68, 0x69, Folded.eCircumflex, 0x75, 0x91],
        [0x74, Folded.oCircumflex, 0x69, 0x92], [Folded.dStroke, Folded.eCircumflex, 0x6D],
    ]
}

private func isOneSentence(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
    Layout.isOneSentenceImpl(f, s, e)
}
