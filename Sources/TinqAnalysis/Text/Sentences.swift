/// Sentence spans over the article's content lines, and which of them carry an event date
/// ("Sáng 16/10, ...", "Ngày 15-10, ...", "Sáng nay, ...").
struct Sentences {
    /// Folded start of each sentence.
    var starts: [Int32] = []
    /// Folded end of each sentence.
    var ends: [Int32] = []
    /// Whether the sentence has a day-part date expression.
    var dated: [Bool] = []
    /// Folded position where the lead ends (after the first `leadCount` sentences).
    var leadEnd = 0

    /// `a` is borrowed: an initializer takes its arguments owned, and the caller would copy the
    /// article (retaining each of its arrays) to pass it.
    init(_ a: borrowing ArticleText, leadCount: Int) {
        let layout = a.layout
        let f = a.f
        let base = f.baseAddress ?? UnsafePointer(bitPattern: 1)!
        // About one sentence per 100 folded bytes: room for all of them at once.
        starts.reserveCapacity(f.count / 64 + 8)
        ends.reserveCapacity(f.count / 64 + 8)
        for line in 0..<layout.count where layout.kinds[line] == .paragraph || layout.kinds[line] == .caption {
            var s = Int(layout.starts[line])
            let e = Int(layout.ends[line])
            var p = s
            while p < e {
                // Eight bytes at a time while none of them is '.', '!' or '?'; then straight to
                // the first one.
                if p + 8 <= e {
                    let x = ByteScan.word(base, p)
                    let bits = ByteScan.matches(x, 0x2E) | ByteScan.matches(x, 0x21) | ByteScan.matches(x, 0x3F)
                    if bits == 0 {
                        p += 8
                        continue
                    }
                    p += bits.trailingZeroBitCount >> 3
                }
                let b = f[p]
                if (b == 0x2E || b == 0x21 || b == 0x3F) && p + 1 < e && f[p + 1] == 0x20 {
                    // "TP. HCM", "v.v. " and initials are not sentence ends: need a long enough run.
                    if p - s > 12 && !Sentences.abbreviationEnds(f, at: p, lineStart: Int(layout.starts[line]), a.lexicon) {
                        starts.append(Int32(s))
                        ends.append(Int32(p + 1))
                        s = p + 2
                        p = s
                        continue
                    }
                }
                p += 1
            }
            if e > s {
                starts.append(Int32(s))
                ends.append(Int32(e))
            }
        }
        dated = [Bool](repeating: false, count: starts.count)
        // Lead: the first sentences after the title, within the first paragraphs.
        if let lead = layout.lead {
            let first = Int(layout.starts[lead])
            var k = 0
            var end = first
            for i in 0..<starts.count where Int(starts[i]) >= first {
                end = Int(ends[i])
                k += 1
                if k >= leadCount { break }
            }
            leadEnd = min(end, first + 160 * leadCount)
        }
        // Dated sentences: a day-part word followed within two words by a date or "nay"/"qua".
        for m in a.dayPartMatches {
            let e = Int(m.end)
            guard let si = index(of: Int(m.start)) else { continue }
            let limit = Int(ends[si])
            // A dotted date counts after a time of day only: the phrase starts with neither "ngày" (n) nor "hôm" (h).
            let timeOfDay = f[Int(m.start)] != 0x6E && f[Int(m.start)] != 0x68
            if DateResolver.dateFollows(f, from: e, limit: limit) != nil || endsWithNayQua(f, Int(m.start), e)
                || (timeOfDay && Self.dotDateFollows(f, from: e, limit: limit))
            {
                dated[si] = true
            }
        }
    }

    /// Whether the '.' at `dot` closes an abbreviation rather than a sentence: a place or degree
    /// prefix (``Lexicon/sentenceAbbreviations``: "TP. HCM", "Q. 1", "PGS. Lê"). A person's
    /// initial is not taken: "anh Nguyễn Văn A." often ends a sentence.
    static func abbreviationEnds(_ f: UnsafeBufferPointer<UInt8>, at dot: Int, lineStart: Int, _ lexicon: CompiledLexicon) -> Bool {
        guard f[dot] == 0x2E else { return false }
        var w = dot
        while w > lineStart && Folded.isWord(f[w - 1]) { w -= 1 }
        return lexicon.sentenceAbbreviations.contains(f, w, dot)
    }

    /// Whether a day and month written with a dot follow a time of day ("Chiều 2.6, ...", "sáng
    /// ngày 28.5"; not a bare "ngày 15.5" or "hôm 5.5", which as often date a background fact), as
    /// some papers write dates: one or two digits, a dot, one or two digits (a day of 1-31, a month
    /// of 1-12), then no further digit ("2.600" is a number) unless a dot and a year follow.
    static func dotDateFollows(_ f: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Bool {
        var p = from
        while p < limit && f[p] == 0x20 { p += 1 }
        // "ngày" = 6E 67 61 79 91 (huyền)
        if p + 5 <= limit, f[p] == 0x6E, f[p + 1] == 0x67, f[p + 2] == 0x61, f[p + 3] == 0x79, f[p + 4] == 0x91 {
            p += 5
            while p < limit && f[p] == 0x20 { p += 1 }
        }
        @inline(__always) func number(_ p: inout Int) -> Int? {
            var v = 0
            var n = 0
            while p < limit && DateToken.isDigit(f[p]) && n < 3 {
                v = v * 10 + Int(f[p] - 0x30)
                p += 1
                n += 1
            }
            return n >= 1 && n <= 2 ? v : nil
        }
        guard let day = number(&p), day >= 1, day <= 31, p < limit, f[p] == 0x2E else { return false }
        p += 1
        guard let month = number(&p), month >= 1, month <= 12 else { return false }
        guard p < limit else { return true }
        if DateToken.isDigit(f[p]) { return false }
        if f[p] == 0x2E && p + 1 < limit && DateToken.isDigit(f[p + 1]) {
            // "2.6.2017": a year after the second dot.
            var q = p + 1
            var n = 0
            while q < limit && DateToken.isDigit(f[q]) {
                q += 1
                n += 1
            }
            return n == 4
        }
        return true
    }

    /// Whether the day-part phrase is "sáng nay", "hôm qua" and the like.
    private func endsWithNayQua(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard e - s >= 4 else { return false }
        // "nay" = 6E 61 79, "qua" = 71 75 61
        let a = f[e - 3]
        let b = f[e - 2]
        let c = f[e - 1]
        return (a == 0x6E && b == 0x61 && c == 0x79) || (a == 0x71 && b == 0x75 && c == 0x61)
    }

    /// The sentence holding folded position `pos`, if any.
    func index(of pos: Int) -> Int? {
        var lo = 0
        var hi = starts.count - 1
        guard hi >= 0 else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(starts[mid]) <= pos { lo = mid } else { hi = mid - 1 }
        }
        return pos >= Int(starts[lo]) && pos < Int(ends[lo]) ? lo : nil
    }
}
