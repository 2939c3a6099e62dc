/// A calendar date written with digits in folded text: `16/10`, `15-10-2020`, `31.7.2024`, or
/// `15 tháng 10 năm 2020`.
struct DateToken: Sendable {
    var start: Int
    var end: Int
    var day: Int
    var month: Int
    /// Four-digit year, or nil when not written.
    var year: Int?
    /// Hour and minute when a time follows (`15/10/2020 12:12`).
    var hour: Int?
    var minute: Int?

    /// Reads a date starting at folded position `i` (which must start a number), or nil.
    /// With `afterRangeStart` the date may follow a day and a dash ("8/11" in "7-8/11", see
    /// `readRange`).
    static func read(_ f: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int, afterRangeStart: Bool = false) -> DateToken? {
        guard let (day, p1) = number(f, i, limit, maxDigits: 2), day >= 1, day <= 31, p1 < limit else { return nil }
        if !afterRangeStart, i > 0, isDigitOrSep(f[i - 1]) && i > 1 && isDigit(f[i - 2]) { return nil }
        let sep = f[p1]
        var month = 0
        var p = p1
        var year: Int?
        if sep == 0x2F || sep == 0x2D || sep == 0x2E {
            guard let (m, p2) = number(f, p1 + 1, limit, maxDigits: 2), m >= 1, m <= 12 else { return nil }
            month = m
            p = p2
            if p < limit, f[p] == sep, let (y, p3) = number(f, p + 1, limit, maxDigits: 4), p3 - (p + 1) == 4 {
                guard y >= 1900 && y <= 2100 else { return nil }
                year = y
                p = p3
            } else if p < limit, isDigitOrSep(f[p]), p + 1 < limit, isDigit(f[p + 1]) {
                return nil  // 1/2/3 or a version number
            }
            // "16/10" followed by letters glued on, or "1.000": not a date.
            if sep == 0x2E && year == nil { return nil }
        } else if sep == 0x20 {
            // "15 tháng 10 năm 2020"
            let thang: [UInt8] = [0x74, 0x68, 0x61, 0x6E, 0x67, 0x92]
            guard matchWord(f, p1 + 1, limit, thang), let (m, p2) = number(f, p1 + 2 + thang.count, limit, maxDigits: 2),
                m >= 1, m <= 12
            else { return nil }
            month = m
            p = p2
            let nam: [UInt8] = [0x6E, Folded.aBreve, 0x6D]
            if p + 1 < limit, f[p] == 0x20, matchWord(f, p + 1, limit, nam),
                let (y, p3) = number(f, p + 2 + nam.count, limit, maxDigits: 4), p3 - (p + 2 + nam.count) == 4,
                y >= 1900 && y <= 2100
            {
                year = y
                p = p3
            }
        } else {
            return nil
        }
        if p < limit, Folded.isWord(f[p]) { return nil }
        var token = DateToken(start: i, end: p, day: day, month: month, year: year)
        // Optional time "12:12" after a space.
        if year != nil, p + 1 < limit, f[p] == 0x20, let (h, q1) = number(f, p + 1, limit, maxDigits: 2), h < 24,
            q1 < limit, f[q1] == 0x3A, let (mi, q2) = number(f, q1 + 1, limit, maxDigits: 2), mi < 60, q2 - q1 == 3
        {
            token.hour = h
            token.minute = mi
            token.end = q2
        }
        return token
    }

    /// Reads a run of days in one month written with the month once, starting at `i`: "7-8/11",
    /// "7 - 9/11/2024", "7 và 8/11", "7 đến 9 tháng 11" (a meeting over several days). The token
    /// is the first day, with the month and year written after the last; nil unless the last day
    /// is a date of its own (`read`) later in the month than the first.
    static func readRange(_ f: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int) -> DateToken? {
        guard let (first, p1) = number(f, i, limit, maxDigits: 2), first >= 1, first <= 31 else { return nil }
        if i > 0, isDigitOrSep(f[i - 1]) && i > 1 && isDigit(f[i - 2]) { return nil }
        var p = p1
        if p < limit && f[p] == 0x2D {
            p += 1
        } else if p + 2 < limit && f[p] == 0x20 && f[p + 1] == 0x2D && f[p + 2] == 0x20 {
            p += 3
        } else if p < limit && f[p] == 0x20, let w = rangeWords.first(where: { matchWord(f, p + 1, limit, $0) }) {
            p += 2 + w.count
        } else {
            return nil
        }
        guard p < limit, isDigit(f[p]), var last = read(f, at: p, limit: limit, afterRangeStart: true),
            last.day > first
        else { return nil }
        last.start = i
        last.day = first
        return last
    }

    /// The words that join the first and the last day of a range: "và", "đến", "tới".
    private static let rangeWords: [[UInt8]] = ["và", "đến", "tới"].map { FoldedText.fold($0) }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isDigitOrSep(_ b: UInt8) -> Bool { isDigit(b) || b == 0x2F || b == 0x2D || b == 0x2E }

    static func number(_ f: UnsafeBufferPointer<UInt8>, _ i: Int, _ limit: Int, maxDigits: Int) -> (Int, Int)? {
        var p = i
        var v = 0
        while p < limit, isDigit(f[p]), p - i < maxDigits {
            v = v * 10 + Int(f[p] - 0x30)
            p += 1
        }
        guard p > i, p == limit || !isDigit(f[p]) else { return nil }
        return (v, p)
    }

    static func matchWord(_ f: UnsafeBufferPointer<UInt8>, _ i: Int, _ limit: Int, _ w: [UInt8]) -> Bool {
        guard i + w.count < limit else { return false }
        for k in 0..<w.count where f[i + k] != w[k] { return false }
        return f[i + w.count] == 0x20
    }

    /// Every date token in folded range `[from, to)`.
    static func all(_ f: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> [DateToken] {
        var out: [DateToken] = []
        var i = from
        while i < to {
            if isDigit(f[i]) && (i == 0 || !Folded.isWord(f[i - 1])) {
                if let t = read(f, at: i, limit: to) {
                    out.append(t)
                    i = t.end
                    continue
                }
                while i < to, isDigit(f[i]) { i += 1 }
                continue
            }
            i += 1
        }
        return out
    }

    /// ISO `YYYY-MM-DD` (needs a year).
    func iso(year y: Int) -> String {
        String(y) + "-" + Self.two(month) + "-" + Self.two(day)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
}
