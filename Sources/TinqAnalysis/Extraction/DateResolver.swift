/// Finds the event date (from the lead), the year it belongs to, and the publication stamp.
///
/// The year comes, in order of trust, from the date itself, the page's publication stamp, an
/// anniversary of the Party's mass-mobilisation tradition day (15/10/1930: the N-th anniversary
/// falls in 1930 + N), a reporting period ("6 tháng đầu năm 2024"), or the page's header date.
/// Without a year the date is unknown (null): it is never guessed from the page tail.
enum DateResolver {
    struct Result {
        var date: String?
        var basis: String?
        var publishedAt: String?
    }

    static func resolve(_ a: ArticleText, sentences: Sentences, page: HTMLPage?) -> Result {
        let f = a.f
        let layout = a.layout
        var result = Result()

        // Publication stamp: a date-time line between title and body, or the HTML metadata.
        var stamp: DateToken?
        var header: DateToken?
        for i in 0..<layout.count where layout.kinds[i] == .meta || layout.kinds[i] == .header {
            for t in DateToken.all(f, from: Int(layout.starts[i]), to: Int(layout.ends[i])) where t.year != nil {
                if layout.kinds[i] == .meta {
                    if stamp == nil || (stamp?.hour == nil && t.hour != nil) { stamp = t }
                } else if header == nil {
                    header = t
                }
            }
        }
        if let stamp, let y = stamp.year {
            result.publishedAt = stamp.iso(year: y) + (stamp.hour.map { "T" + DateToken.two($0) + ":" + DateToken.two(stamp.minute ?? 0) } ?? "")
        } else if let published = page?.published, let iso = isoPrefix(published) {
            result.publishedAt = iso
        }

        // Event date: the first day-part date in the lead.
        guard let event = leadDate(a, sentences: sentences) else { return result }
        let written = a.string(event.start, event.end)
        if let y = event.year {
            result.date = event.iso(year: y)
            result.basis = "lead " + written
            return result
        }
        if let stamp, let y = stamp.year {
            let year = yearBefore(event, reference: stamp, year: y)
            result.date = event.iso(year: year)
            result.basis = "lead \(written) + publication stamp \(a.string(stamp.start, stamp.end))"
            return result
        }
        if let published = page?.published, let (y, m, d) = isoDate(published) {
            let ref = DateToken(start: 0, end: 0, day: d, month: m, year: y)
            result.date = event.iso(year: yearBefore(event, reference: ref, year: y))
            result.basis = "lead \(written) + page metadata \(published)"
            return result
        }
        if let (n, text) = anniversary(a) {
            result.date = event.iso(year: 1930 + n)
            result.basis = "lead \(written) + anniversary \(text)"
            return result
        }
        if let (y, text) = reportingPeriod(a) {
            result.date = event.iso(year: y)
            result.basis = "lead \(written) + period \(text)"
            return result
        }
        if let header, let y = header.year {
            result.date = event.iso(year: yearBefore(event, reference: header, year: y))
            result.basis = "lead \(written) + page header \(a.string(header.start, header.end))"
        }
        return result
    }

    /// The year of `event` given a later reference date in `year`: the same year unless the
    /// event's day would fall more than a week after the reference.
    static func yearBefore(_ event: DateToken, reference: DateToken, year: Int) -> Int {
        let e = event.month * 31 + event.day
        let r = reference.month * 31 + reference.day
        return e > r + 7 ? year - 1 : year
    }

    /// The first date that follows a day-part word ("Sáng 16/10", "Ngày 15-10", "Sáng nay, 31/7")
    /// in the lead sentences.
    static func leadDate(_ a: ArticleText, sentences: Sentences) -> DateToken? {
        guard let lead = a.layout.lead else { return nil }
        let from = Int(a.layout.starts[lead])
        let to = max(sentences.leadEnd, from)
        var best: DateToken?
        for m in a.dayPartMatches where Int(m.start) >= from && Int(m.end) <= to {
            guard let t = dateFollows(a.f, from: Int(m.end), limit: to) else { continue }
            if best == nil || t.start < best!.start { best = t }
        }
        return best
    }

    /// A date, or a run of days ("7-8/11", see `DateToken.readRange`), starting within a few bytes
    /// after `from`: skips spaces, commas, "(" and the word "ngày".
    static func dateFollows(_ f: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> DateToken? {
        var p = from
        var skipped = 0
        while p < limit && skipped < 3 {
            let b = f[p]
            if b == 0x20 || b == 0x2C || b == 0x28 {
                p += 1
                continue
            }
            if DateToken.isDigit(b) { return DateToken.read(f, at: p, limit: limit) ?? DateToken.readRange(f, at: p, limit: limit) }
            // "ngày" = 6E 67 61 79 91 (huyền)
            if p + 5 <= limit, f[p] == 0x6E, f[p + 1] == 0x67, f[p + 2] == 0x61, f[p + 3] == 0x79, f[p + 4] == 0x91 {
                p += 5
                skipped += 1
                continue
            }
            return nil
        }
        return nil
    }

    /// "N năm Ngày truyền thống ... Dân vận" in the content: N and the phrase as written.
    static func anniversary(_ a: ArticleText) -> (Int, String)? {
        let f = a.f
        let key = anniversaryKey
        let danVan = danVanKey
        for line in 0..<a.layout.count where a.layout.isContent(line) {
            let s = Int(a.layout.starts[line])
            let e = Int(a.layout.ends[line])
            var p = s
            while p + key.count <= e {
                // Skip eight start positions at once when none is followed by the key's second
                // byte ("ă" of "năm", rare in text).
                if p + 9 <= e {
                    if ByteScan.matches(ByteScan.word(f.baseAddress!, p + 1), key[1]) == 0 {
                        p += 8
                        continue
                    }
                }
                if f[p] == key[0], f[p..<(p + key.count)].elementsEqual(key) {
                    // The number before: "94 năm".
                    var q = p - 1
                    while q > s && f[q] == 0x20 { q -= 1 }
                    var n = 0
                    var mul = 1
                    var digits = 0
                    while q >= s && DateToken.isDigit(f[q]) && digits < 3 {
                        n += Int(f[q] - 0x30) * mul
                        mul *= 10
                        digits += 1
                        q -= 1
                    }
                    // "dân vận" within the next 60 bytes.
                    let windowEnd = min(e, p + key.count + 60)
                    var found = false
                    var r = p + key.count
                    while r + danVan.count <= windowEnd {
                        if f[r..<(r + danVan.count)].elementsEqual(danVan) {
                            found = true
                            break
                        }
                        r += 1
                    }
                    if digits > 0 && n > 0 && n < 200 && found {
                        return (n, a.string(q + 1, p + 3) )
                    }
                }
                p += 1
            }
        }
        return nil
    }

    // Folded once, not per article.
    private static let anniversaryKey = FoldedText.fold("năm ngày truyền thống")
    private static let danVanKey = FoldedText.fold("dân vận")
    private static let thangKey = FoldedText.fold("tháng")
    private static let namKey = FoldedText.fold("năm")

    /// "N tháng (đầu|cuối) năm YYYY" in the content: the year and the phrase as written.
    static func reportingPeriod(_ a: ArticleText) -> (Int, String)? {
        let w = a.folded
        let f = a.f
        let thang = thangKey
        let nam = namKey
        var i = 2
        while true {
            // Digit-only words first: rare, found eight words at a time.
            i = w.numberWord(atOrAfter: i)
            guard i < w.wordStart.count else { break }
            defer { i += 1 }
            let s = Int(w.wordStart[i])
            let e = Int(w.wordEnd[i])
            guard e - s == 4 else { continue }
            guard a.layout.isContent(a.lineIndex(s)) else { continue }
            var year = 0
            for p in s..<e { year = year * 10 + Int(f[p] - 0x30) }
            guard year >= 1990 && year <= 2100 else { continue }
            guard f[Int(w.wordStart[i - 1])..<Int(w.wordEnd[i - 1])].elementsEqual(nam) else { continue }
            for k in max(0, i - 4)..<(i - 1) where f[Int(w.wordStart[k])..<Int(w.wordEnd[k])].elementsEqual(thang) {
                let first = k > 0 && w.wordFlags[k - 1] & WordFlags.digit != 0 ? k - 1 : k
                return (year, a.string(Int(w.wordStart[first]), e))
            }
        }
        return nil
    }

    /// "2020-10-15T12:12:00+07:00" → "2020-10-15T12:12"; a bare date → "2020-10-15".
    static func isoPrefix(_ s: String) -> String? {
        let u = Array(s.utf8)
        guard isoDate(s) != nil else { return nil }
        if u.count >= 16, u[10] == UInt8(ascii: "T") || u[10] == 0x20, u[13] == UInt8(ascii: ":") {
            return String(decoding: u[0..<10], as: UTF8.self) + "T" + String(decoding: u[11..<16], as: UTF8.self)
        }
        return String(decoding: u[0..<10], as: UTF8.self)
    }

    static func isoDate(_ s: String) -> (Int, Int, Int)? {
        let u = Array(s.utf8)
        guard u.count >= 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard DateToken.isDigit(u[i]) else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), m >= 1, m <= 12, d >= 1, d <= 31 else {
            return nil
        }
        return (y, m, d)
    }
}
