/// Finds people (with titles), organisations, places, document references and figures in the
/// article's content lines; never in the page tail.
struct EntityExtractor {
    let a: ArticleText
    /// The entity matches in content lines, ordered by start, longest first at each start:
    /// picked out and sorted once for every kind.
    private var content: [PatternMatcher.Match] = []
    private var personSpans = SpanList()
    private var orgSpans = SpanList()
    private var docSpans = SpanList()

    private init(_ a: ArticleText) { self.a = a }

    static func extract(_ a: consuming ArticleText) -> Entities {
        var x = EntityExtractor(a)
        var e = Entities()
        x.content = x.contentMatches()
        e.people = x.people(Self.titles | Self.honorifics)
        e.documents = x.documents(Self.kinds(.documentType), Self.kinds(.namedDocument))
        e.organizations = x.organisations(Self.kinds(.organisation))
        e.places = x.places(Self.kinds(.placeKind, .placeName))
        e.figures = x.figures()
        return e
    }

    // MARK: Helpers

    private var f: UnsafeBufferPointer<UInt8> { a.f }
    private var w: FoldedText { a.folded }

    /// The kinds of a person's title: offices and occupations.
    private static let titles = kinds(.personTitle, .occupation)
    /// The kinds of words of address before a name: formal and familiar.
    private static let honorifics = kinds(.honorific, .familiarHonorific)

    /// A set of pattern kinds as bits (`1 << rawValue`).
    private static func kinds(_ list: PatternKind...) -> UInt32 {
        list.reduce(0) { $0 | 1 << UInt32($1.rawValue) }
    }

    /// The entity matches in content lines, ordered by start, longest first at each start (the
    /// sort is stable: matches of one span stay in the order found).
    private func contentMatches() -> [PatternMatcher.Match] {
        var list: [PatternMatcher.Match] = []
        var lines = ArticleText.LineCursor()
        for m in a.entityMatches where a.layout.isContent(lines.index(Int(m.start), in: a.layout)) {
            if list.capacity == 0 { list.reserveCapacity(a.entityMatches.count) }
            list.append(m)
        }
        list.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        return list
    }

    /// Whether match `m` is of one of `kinds`.
    @inline(__always)
    private func isKind(_ m: PatternMatcher.Match, _ kinds: UInt32) -> Bool {
        kinds & 1 << UInt32(a.lexicon.info[Int(m.pattern)].kind.rawValue) != 0
    }

    /// Whether folded spans `x` and `y` hold the same bytes (keys compared in place, no copies).
    private func sameText(_ x: (Int, Int), _ y: (Int, Int)) -> Bool {
        let n = x.1 - x.0
        guard n == y.1 - y.0 else { return false }
        var k = 0
        while k < n {
            if f[x.0 + k] != f[y.0 + k] { return false }
            k += 1
        }
        return true
    }

    /// Index of the first span in `keys` with the same text as `key`.
    private func firstIndex(of key: (Int, Int), in keys: [(Int, Int)]) -> Int? {
        keys.firstIndex { sameText($0, key) }
    }

    /// Index of the first span in `keys` with the same text as `key`.
    private func firstIndex(of key: (Int, Int), in keys: SpanKeys) -> Int? {
        keys.firstIndex(of: key, f) { sameText($0, $1) }
    }

    private func isCapitalised(_ word: Int) -> Bool { w.wordFlags[word] & WordFlags.capitalised != 0 }

    /// Whether a capitalised word starts at folded position `pos`.
    private func capitalisedWord(at pos: Int) -> Bool {
        let k = a.wordIndex(atOrAfter: pos)
        return k < w.wordStart.count && Int(w.wordStart[k]) == pos && isCapitalised(k)
    }
    private func isLetterWord(_ word: Int) -> Bool {
        w.wordFlags[word] & (WordFlags.letter | WordFlags.digit) == WordFlags.letter
    }

    /// Whether words `k` and `k + 1` are separated by a single space only.
    private func adjacent(_ k: Int) -> Bool {
        guard k + 1 < w.wordStart.count else { return false }
        let gap = Int(w.wordStart[k + 1]) - Int(w.wordEnd[k])
        return gap == 1 && f[Int(w.wordEnd[k])] == 0x20
    }

    /// Whether words `k` and `k + 1` are a capitalised name word of two syllables ("Đầu tư").
    private func compoundStarts(at k: Int) -> Bool {
        k + 1 < w.wordStart.count && isCapitalised(k) && isLetterWord(k) && isLetterWord(k + 1) && adjacent(k)
            && a.lexicon.nameCompounds.contains(f, Int(w.wordStart[k]), Int(w.wordEnd[k + 1]))
    }

    /// Whether capitalised word `k` more likely opens a new sentence than continues a name
    /// before it ("Ảnh: TTXVN Tổng Bí thư ...", "(TTXVN) Theo ..."): a title or an honorific
    /// begins there, or it is a function word or a connector not followed by another capitalised
    /// word ("quận Nam Từ Liêm" goes on).
    private func startsSentence(_ k: Int) -> Bool {
        let ws = Int(w.wordStart[k])
        let next = adjacent(k) && isCapitalised(k + 1)
        if titleEnd(at: ws) != nil { return true }
        // An honorific only before a surname ("Ông Nguyễn ..."; "quận Hai Bà Trưng" goes on), a
        // familiar one only before a whole name ("Ảnh: TTXVN Em Nguyễn Văn Tám"; "huyện Cô Tô").
        if matchEnd(at: ws, .honorific) != nil {
            return next && a.lexicon.surnames.contains(f, Int(w.wordStart[k + 1]), Int(w.wordEnd[k + 1]))
        }
        if next && adjacent(k + 1) && isCapitalised(k + 2) && matchEnd(at: ws, .familiarHonorific) != nil
            && a.lexicon.surnames.contains(f, Int(w.wordStart[k + 1]), Int(w.wordEnd[k + 1]))
        {
            return true
        }
        return isFunctionWord(k) && !next
    }

    /// Whether word `k` is a function word or a discourse connector ("Theo", "Trong", "Như").
    private func isFunctionWord(_ k: Int) -> Bool {
        let ws = Int(w.wordStart[k])
        let we = Int(w.wordEnd[k])
        return Lexicon.isStopword(f, ws, we) || a.lexicon.discourseConnectors.contains(f, ws, we)
    }

    /// The end of the longest title matched at folded position `pos`, if any.
    private func titleEnd(at pos: Int) -> Int? { matchEnd(at: pos, Self.titles) }

    /// The end of the longest match of `kind` at folded position `pos`, if any.
    private func matchEnd(at pos: Int, _ kind: PatternKind) -> Int? { matchEnd(at: pos, Self.kinds(kind)) }

    /// The end of the longest match of one of `kinds` at folded position `pos`, if any.
    private func matchEnd(at pos: Int, _ kinds: UInt32) -> Int? {
        var end: Int?
        for m in content(from: pos, to: pos + 1) where isKind(m, kinds) {
            end = max(end ?? 0, Int(m.end))
        }
        return end
    }

    /// The content matches that start in `from..<to` (a binary search into `content`).
    private func content(from: Int, to: Int) -> ArraySlice<PatternMatcher.Match> {
        let lo = Self.lowerBound(content.count) { Int(content[$0].start) < from }
        var end = lo
        while end < content.count && Int(content[end].start) < to { end += 1 }
        return content[lo..<end]
    }



    private func folded(_ s: Int, _ e: Int) -> [UInt8] { Array(f[s..<e]) }

    /// The end of the line holding `pos`.
    private func lineEnd(_ pos: Int) -> Int { Int(a.layout.ends[a.lineIndex(pos)]) }

    /// Index of `value` in the ascending array `sorted`, if there.
    private static func sortedIndex(of value: Int, in sorted: [Int32]) -> Int? {
        let lo = lowerBound(sorted.count) { Int(sorted[$0]) < value }
        return lo < sorted.count && Int(sorted[lo]) == value ? lo : nil
    }

    /// The first index in `0..<count` where `isBelow` is false (`isBelow` holds on a prefix).
    fileprivate static func lowerBound(_ count: Int, _ isBelow: (Int) -> Bool) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBelow(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    // MARK: People

    private mutating func people(_ titleMatches: UInt32) -> [Person] {
        var out: [Person] = []
        var keys = SpanKeys()
        var titleKeys: [[(Int, Int)]] = []
        var consumedUntil = -1
        for m in content where isKind(m, titleMatches) {
            let s = Int(m.start)
            if s < consumedUntil { continue }
            let kind = a.lexicon.info[Int(m.pattern)].kind
            let honorific = kind == .honorific || kind == .familiarHonorific
            // Most honorifics ("anh", "bà") are followed by no name: a name follows one directly.
            if honorific && !(Int(m.end) < f.count && f[Int(m.end)] == 0x20 && capitalisedWord(at: Int(m.end) + 1)) { continue }
            guard let (ns, found, titleEnd) = findName(after: Int(m.end), from: s, honorific: honorific,
                reach: kind == .occupation ? Self.occupationReach : 16)
            else { continue }
            let ne = hyphenatedSyllableEnd(after: found)
            // "tiền vệ của CLB được HLV Nguyễn Văn A triệu tập": the title is someone else's, and
            // the nearer one names the person.
            let broken = !honorific && titleBroken(from: Int(m.end), to: ns)
            if broken && nearerTitleOrHonorific(from: Int(m.end) + 1, to: ns) { continue }
            consumedUntil = ne
            personSpans.append(ns, ne, roomFor: content.count)
            let key = (ns, ne)
            var titles: [String] = []
            var tkeys: [(Int, Int)] = []
            if !honorific && titleEnd > s && !broken {
                for (ts, te) in splitTitles(s, titleEnd) {
                    titles.append(a.string(ts, te))
                    tkeys.append((ts, te))
                }
            }
            if let k = firstIndex(of: key, in: keys) {
                for (t, tk) in zip(titles, tkeys) where firstIndex(of: tk, in: titleKeys[k]) == nil {
                    out[k].titles.append(t)
                    titleKeys[k].append(tk)
                }
            } else {
                keys.append(key, f)
                titleKeys.append(tkeys, roomFor: content.count)
                out.append(Person(name: a.string(ns, ne), titles: titles, offset: a.offset(ns)), roomFor: content.count)
            }
        }
        return out
    }

    /// How many words may stand between an occupation and the name: a few words of what kind
    /// ("tài xế xe tải", "chuyên gia kinh tế"), never a clause.
    private static let occupationReach = 5

    /// Whether a title starts in folded `from..<to`, or an honorific ends right before `to` (one
    /// further back cannot name the person at `to`).
    private func nearerTitleOrHonorific(from: Int, to: Int) -> Bool {
        content(from: from, to: to).contains { m in
            isKind(m, Self.titles) || (isKind(m, Self.honorifics) && Int(m.end) + 1 == to && f[Int(m.end)] == 0x20)
        }
    }

    /// Finds a personal name after a title or honorific ending at `after`: the first surname
    /// that starts a run of 2–4 capitalised words, within `reach` words. Returns the name span
    /// and where the title ends.
    private func findName(after: Int, from start: Int, honorific: Bool, reach: Int) -> (Int, Int, Int)? {
        let limit = lineEnd(start)
        var k = a.wordIndex(atOrAfter: after)
        let first = k
        // Where a foreign name may start: right after the title, or after a country that follows
        // it ("Tổng thống Mỹ Donald Trump", "Thủ tướng Anh Theresa May").
        var foreignAt = -1
        var foreignAfterCountry = -1
        if first < w.wordStart.count && isCapitalised(first) {
            if isBritain(first) {
                if !honorific { foreignAfterCountry = first + 1 }
            } else {
                foreignAt = first
                if !honorific { foreignAfterCountry = wordAfterPlace(holding: first) ?? -1 }
            }
        }
        var scanned = 0
        while k < w.wordStart.count && Int(w.wordStart[k]) < limit && scanned < reach {
            // Stop at sentence punctuation between the previous word and this one (not at the
            // hyphen inside an abbreviation, "Thứ trưởng Bộ GD-ĐT Bùi Văn Ga", nor at the full
            // stop of "TP.HCM" or "TP. Hà Nội").
            if k > first || Int(w.wordStart[k]) > after {
                let from = k > first ? Int(w.wordEnd[k - 1]) : after
                for p in from..<Int(w.wordStart[k]) {
                    let b = f[p]
                    if b == 0x2E || b == 0x3B || b == 0x3A || b == 0x28 || b == 0x29 || b == 0x22 || b == 0x21
                        || b == 0x3F || b == 0x2D || b == 0x0A
                    {
                        if k > first && (joinsAbbreviations(at: from) || inOnePlaceName(k - 1) || isAbbreviatedPlaceKind(k - 1)) {
                            break
                        }
                        return nil
                    }
                }
            }
            if k == foreignAt || k == foreignAfterCountry, let end = foreignName(at: k) {
                // "Tổng thống Mỹ Donald Trump", "ông Vladimir Putin".
                return (Int(w.wordStart[k]), end, k > first ? Int(w.wordEnd[k - 1]) : after)
            }
            if isCapitalised(k) && isLetterWord(k) && w.wordFlags[k] & WordFlags.allCaps == 0
                && a.lexicon.surnames.contains(f, Int(w.wordStart[k]), Int(w.wordEnd[k]))
            {
                // "Vụ trưởng Vụ châu Âu Lê Dũng", "Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Đức Long": a
                // place name holds the surname, so the name, if any, starts after the place.
                if let next = wordAfterPlace(holding: k) {
                    scanned += next - k
                    k = next
                    continue
                }
                // "Chủ tịch UBND huyện Đăk Hà Đoàn Ngọc Thắng": the place is not listed, but its
                // name has at least two words.
                if continuesPlaceName(k) {
                    k += 1
                    scanned += 1
                    continue
                }
                var run = 1
                while run < 6 && adjacent(k + run - 1) && k + run < w.wordStart.count && isCapitalised(k + run)
                    && isLetterWord(k + run) && w.wordFlags[k + run] & WordFlags.allCaps == 0
                {
                    run += 1
                }
                run = nameLength(k, run)
                let nameEnd = Int(w.wordEnd[k + min(run, 4) - 1])
                if run >= 2 && run <= 4
                    && ((k > 0 && a.lexicon.placeKindWords.contains(f, Int(w.wordStart[k - 1]), Int(w.wordEnd[k - 1])))
                        || a.lexicon.placeNameWords.contains(f, Int(w.wordStart[k]), nameEnd)
                        || followsGenericHead(Int(w.wordStart[k])))
                {
                    // "Chủ tịch UBND phường Nguyễn Cư Trinh", "Chủ tịch UBND TP Hà Nội": places;
                    // "Giám đốc Bệnh viện Bạch Mai": the name of the hospital.
                    k += run
                    scanned += run
                    continue
                }
                if run >= 2 && run <= 4 {
                    // "Hồ Chí Minh" after anything but "Chủ tịch" ends an organisation's name.
                    if a.lexicon.eponyms.contains(f, Int(w.wordStart[k]), Int(w.wordEnd[k + run - 1]))
                        && !(k == first && a.lexicon.eponymTitles.contains(f, start, after))
                    {
                        return nil
                    }
                    let titleEnd = k > 0 ? Int(w.wordEnd[k - 1]) : start
                    return (Int(w.wordStart[k]), Int(w.wordEnd[k + run - 1]), k > first ? titleEnd : after)
                }
            }
            if honorific { return nil }  // a name must follow an honorific directly
            k += 1
            scanned += 1
        }
        return nil
    }

    /// The end of a foreign person's name at word `k`, right after a title or honorific (or a
    /// title and a country): two or three parts standing alone, at least one of them no
    /// Vietnamese syllable ("Donald Trump", "Shinzo Abe", "Bashar al-Assad", "Mohammed bin
    /// Salman"), none of them a Vietnamese surname at the start, and no organisation or place
    /// among them ("Vietnam Airlines", "Samsung Việt Nam"). A part is a capitalised word, with
    /// its Arabic article or its particles; `people` adds a hyphenated lower-case syllable
    /// ("Moon Jae-in") to every name.
    private func foreignName(at k: Int) -> Int? {
        guard k < w.wordStart.count, isCapitalised(k), isLetterWord(k), w.wordFlags[k] & WordFlags.allCaps == 0,
            !a.lexicon.surnames.contains(f, Int(w.wordStart[k]), Int(w.wordEnd[k]))
        else { return nil }
        // The name's parts, each given by its last word: a capitalised word, an Arabic article
        // joined to one ("Bashar al-Assad", "Abdulrahman Al-Thani"), or one after particles
        // ("Mohammed bin Salman", "Ursula von der Leyen").
        var parts = [arabicPartEnd(k) ?? k]
        while parts.count < 4 {
            let previous = parts[parts.count - 1]
            let j = previous + 1
            guard j < w.wordStart.count, adjacent(previous) || parts.count >= 2 && isMiddleInitial(previous) else { break }
            if let partEnd = arabicPartEnd(j) ?? particlePartEnd(j) {
                parts.append(partEnd)
                continue
            }
            guard isCapitalised(j) else { break }
            guard isLetterWord(j), w.wordFlags[j] & WordFlags.allCaps == 0 else { return nil }
            parts.append(j)
        }
        guard parts.count >= 2, parts.count <= 3 else { return nil }
        // Which parts are no Vietnamese syllable (an Arabic one never is); an initial anywhere but
        // inside the name and ``Lexicon/foreignNameBreakers`` make no name ("Richard R.", "The
        // Hague", "Ocean Bank", "Man City"); a middle initial ("George W. Bush") is neither
        // foreign nor Vietnamese.
        var foreign: [Bool] = []
        var first = k
        for (i, lastWord) in parts.enumerated() {
            defer { first = lastWord + 1 }
            guard lastWord == first else {
                foreign.append(true)
                continue
            }
            let ws = Int(w.wordStart[first])
            let we = Int(w.wordEnd[first])
            if we - ws == 1 && !(i > 0 && i < parts.count - 1 && isMiddleInitial(first)) { return nil }
            if a.lexicon.foreignNameBreakers.contains(f, ws, we) { return nil }
            foreign.append(we - ws > 1 && !isVietnameseSyllable(ws, we))
        }
        guard foreign.contains(true) else { return nil }
        // Three parts: a Vietnamese syllable before two foreign ones is a country the lexicon
        // lacks ("Séc Milos Zeman"), and one after a foreign pair opens the next sentence ("Tim
        // Burton Điều ..."); neither is the name's.
        var count = parts.count
        if count == 3 && !foreign[0] && foreign[1] && foreign[2] { return nil }
        if count == 3 && !foreign[2] && (foreign[0] || foreign[1]) { count = 2 }
        let lastWord = parts[count - 1]
        // A name never ends with an initial ("Richard R. Ông ấy ...": the sentence ended there).
        if Int(w.wordEnd[lastWord]) - Int(w.wordStart[lastWord]) == 1 { return nil }
        let end = Int(w.wordEnd[lastWord])
        return content(from: Int(w.wordStart[k]), to: end).contains { isKind($0, Self.notInForeignNames) } ? nil : end
    }

    /// The capitalised word after one or two lower-case name particles starting at word `k`
    /// ("bin Salman", "von der Leyen"), if there is one.
    private func particlePartEnd(_ k: Int) -> Int? {
        var j = k
        while j < w.wordStart.count, j - k < 2, !isCapitalised(j),
            a.lexicon.foreignNameParticles.contains(f, Int(w.wordStart[j]), Int(w.wordEnd[j])), adjacent(j)
        {
            j += 1
        }
        guard j > k, j < w.wordStart.count, isCapitalised(j), isLetterWord(j), w.wordFlags[j] & WordFlags.allCaps == 0
        else { return nil }
        return j
    }

    /// The word after an Arabic article ("al", "el") that a hyphen joins to a capitalised word
    /// at word `k` ("al-Assad", "Al-Thani"), if there is one.
    private func arabicPartEnd(_ k: Int) -> Int? {
        let ws = Int(w.wordStart[k])
        let we = Int(w.wordEnd[k])
        guard we - ws == 2, f[ws] == 0x61 || f[ws] == 0x65, f[ws + 1] == 0x6C, we + 1 < f.count, f[we] == 0x2D,
            k + 1 < w.wordStart.count, Int(w.wordStart[k + 1]) == we + 1, isCapitalised(k + 1), isLetterWord(k + 1)
        else { return nil }
        return k + 1
    }

    /// Whether word `k` is one capital letter with a full stop, one space before a capitalised
    /// word: the middle initial of a foreign name ("George W. Bush", "John F. Kennedy").
    private func isMiddleInitial(_ k: Int) -> Bool {
        let ws = Int(w.wordStart[k])
        let we = Int(w.wordEnd[k])
        guard we - ws == 1, k + 1 < w.wordStart.count, isCapitalised(k), Int(w.wordStart[k + 1]) == we + 2
        else { return false }
        return f[we] == 0x2E && f[we + 1] == 0x20 && isCapitalised(k + 1)
    }

    /// Where a name ending at folded `end` ends with the lower-case syllable a hyphen joins to it
    /// ("Moon Jae-in", "Kim Jong-un"): that syllable's end, else `end`.
    private func hyphenatedSyllableEnd(after end: Int) -> Int {
        guard end + 1 < f.count, f[end] == 0x2D else { return end }
        let next = a.wordIndex(atOrAfter: end + 1)
        guard next < w.wordStart.count, Int(w.wordStart[next]) == end + 1, !isCapitalised(next), isLetterWord(next)
        else { return end }
        return Int(w.wordEnd[next])
    }

    /// Whether word `k` with the full stop after it is a place kind ("TP." of "UBND TP. Hà Nội").
    private func isAbbreviatedPlaceKind(_ k: Int) -> Bool {
        let we = Int(w.wordEnd[k])
        guard we < f.count, f[we] == 0x2E else { return false }
        return content(from: Int(w.wordStart[k]), to: Int(w.wordStart[k]) + 1).contains { m in
            Int(m.end) == we + 1 && a.lexicon.info[Int(m.pattern)].kind == .placeKind
        }
    }

    /// Whether words `k` and `k + 1` lie in one listed place name ("TP.HCM", "TP. Hồ Chí Minh").
    private func inOnePlaceName(_ k: Int) -> Bool {
        guard k + 1 < w.wordStart.count else { return false }
        let s = Int(w.wordStart[k])
        let end = Int(w.wordEnd[k + 1])
        return content(from: max(0, s - 32), to: s + 1).contains { m in
            Int(m.end) >= end && a.lexicon.info[Int(m.pattern)].kind == .placeName
        }
    }

    /// Whether folded position `p` is a hyphen joining two upper-case abbreviations ("GD-ĐT").
    private func joinsAbbreviations(at p: Int) -> Bool {
        guard p + 1 < f.count, f[p] == 0x2D else { return false }
        let k = a.wordIndex(atOrAfter: p + 1)
        guard k > 0, k < w.wordStart.count, Int(w.wordStart[k]) == p + 1, Int(w.wordEnd[k - 1]) == p else { return false }
        return w.wordFlags[k - 1] & WordFlags.allCaps != 0 && w.wordFlags[k] & WordFlags.allCaps != 0
    }

    /// What a foreign person's name may not hold: an organisation, a place, a title.
    private static let notInForeignNames = kinds(.organisation, .placeName, .placeKind, .personTitle, .occupation)

    /// Whether word `k` is "Anh" (Britain) before a foreign name ("Thủ tướng Anh Theresa May"):
    /// the country is no listed place, being a given name too.
    private func isBritain(_ k: Int) -> Bool {
        let s = Int(w.wordStart[k])
        return isCapitalised(k) && Int(w.wordEnd[k]) - s == 3 && f[s] == 0x61 && f[s + 1] == 0x6E && f[s + 2] == 0x68
            && adjacent(k)
    }

    /// Whether an organisation head that needs a name ("Bệnh viện", "Công ty", "Sở") ends one
    /// space before folded position `ws`: the capitalised words there name the organisation.
    private func followsGenericHead(_ ws: Int) -> Bool {
        // Heads are a few words long: look back a short way.
        content(from: ws - 48, to: ws).contains { m in
            Int(m.end) == ws - 1 && f[ws - 1] == 0x20 && a.lexicon.info[Int(m.pattern)].kind == .organisation
                && a.lexicon.info[Int(m.pattern)].a == 0
        }
    }

    /// The word after a listed place name that holds word `k` (begins there or up to three
    /// words before and runs past its start), if one does.
    private func wordAfterPlace(holding k: Int) -> Int? {
        let ws = Int(w.wordStart[k])
        let from = Int(w.wordStart[max(0, k - 3)])
        var end = -1
        for m in content(from: from, to: ws + 1) where Int(m.end) > ws && a.lexicon.info[Int(m.pattern)].kind == .placeName {
            end = max(end, Int(m.end))
        }
        return end < 0 ? nil : a.wordIndex(atOrAfter: end)
    }

    /// Whether word `k` is the second capitalised word after a place kind ("tỉnh", "huyện",
    /// "thành phố"): a place's name has two words or more, so the first cannot be all of it.
    private func continuesPlaceName(_ k: Int) -> Bool {
        guard k >= 2, adjacent(k - 1), adjacent(k - 2), isCapitalised(k - 1), isLetterWord(k - 1),
            w.wordFlags[k - 1] & WordFlags.allCaps == 0  // "TP HCM Đinh La Thăng": a whole name
        else { return false }
        let kindEnd = Int(w.wordEnd[k - 2])
        return content(from: Int(w.wordStart[max(0, k - 4)]), to: Int(w.wordStart[k - 2]) + 1).contains { m in
            Int(m.end) == kindEnd && a.lexicon.info[Int(m.pattern)].kind == .placeKind
        }
    }

    /// How many of the `run` capitalised words at word `k` (a surname) make the name: Vietnamese
    /// names have two to four syllables, so the name stops before a word that begins something
    /// else (``endsName(_:at:run:)``), and a run of five or more with no such word is no name.
    private func nameLength(_ k: Int, _ run: Int) -> Int {
        var j = 1
        while j < min(run, 5) {
            if endsName(k + j, at: j, run: run) { return j }
            j += 1
        }
        return run
    }

    /// Whether word `i`, the `j`-th after a surname in a run of `run` capitalised words, is no
    /// syllable of the name. Anywhere: a title begins there ("Đoàn Chủ tịch", "Nguyễn Tấn Dũng
    /// Thủ tướng"), or, as the second of two, a two-syllable word of an organisation's name
    /// ("Đoàn Thanh niên"). From the third: an honorific before a surname ("... Quang Bà Lan").
    /// After three syllables, the next sentence or phrase: a function word or sentence opener
    /// ("Võ Kim Cự Theo ...", "Nguyễn Xuân Cường Ngày 5/6"; a shorter name may end in one, "Lê Văn
    /// Đang"), an organisation ("Nguyễn Phú Trọng Ban Bí thư") or a place of two words or more
    /// ("... Minh Hà Nội"; "Nga" and "Mỹ" are given names too).
    private func endsName(_ i: Int, at j: Int, run: Int) -> Bool {
        let ws = Int(w.wordStart[i])
        let we = Int(w.wordEnd[i])
        if run == 2 && compoundStarts(at: i) { return true }
        // The matches at the word, read once.
        for m in content(from: ws, to: ws + 1) {
            switch a.lexicon.info[Int(m.pattern)].kind {
            case .personTitle, .occupation:
                // A title in the middle of the run is written with a lower-case syllable, so it
                // runs past the run ("Trương Tiến Sĩ" is a name, "Trương Tiến Sĩ Hùng" too).
                if j >= 3 || Int(m.end) > Int(w.wordEnd[k0(i, j) + run - 1]) { return true }
            case .honorific:
                if j >= 2 && adjacent(i) && isCapitalised(i + 1)
                    && a.lexicon.surnames.contains(f, Int(w.wordStart[i + 1]), Int(w.wordEnd[i + 1]))
                {
                    return true
                }
            case .organisation: if j >= 3 { return true }
            case .placeName: if j >= 3 && Int(m.end) > we { return true }
            default: break
            }
        }
        return j >= 3 && (isFunctionWord(i) || a.lexicon.sentenceOpeners.contains(f, ws, we))
    }

    /// The surname's word, `j` words before word `i`.
    @inline(__always)
    private func k0(_ i: Int, _ j: Int) -> Int { i - j }

    /// Whether a verb or function word between a title's head and a name shows that the title
    /// is someone else's ("Giám đốc Sở ... và bà X"); "và" before a capitalised word joins a
    /// name ("Bộ Kế hoạch và Đầu tư").
    private func titleBroken(from start: Int, to nameStart: Int) -> Bool {
        var k = a.wordIndex(atOrAfter: start)
        while k < w.wordStart.count && Int(w.wordEnd[k]) <= nameStart {
            let ws = Int(w.wordStart[k])
            let we = Int(w.wordEnd[k])
            let two = k + 1 < w.wordStart.count && Int(w.wordEnd[k + 1]) <= nameStart && adjacent(k)
            if !isCapitalised(k) && isLetterWord(k)
                && (a.lexicon.titleBreakers.contains(f, ws, we) || (two && a.lexicon.titleBreakers.contains(f, ws, Int(w.wordEnd[k + 1]))))
            {
                let joins = a.lexicon.nameJoiners.contains(f, ws, we) && k + 1 < w.wordStart.count && isCapitalised(k + 1)
                    && Int(w.wordStart[k + 1]) < nameStart
                if !joins { return true }
            }
            if foreignNameEnds(at: k, before: nameStart) { return true }
            k += 1
        }
        return false
    }

    /// Whether word `k` ends a run of two or more capitalised words with one that is no Vietnamese
    /// syllable, away from the name at `nameStart`: someone else's name ("Thủ tướng Nhật Bản
    /// Shinzo Abe và Thủ tướng ...", "nhà báo Thomas Friedman, tác giả ..."). A run right before
    /// the name or right after a head names a body ("Tổng Giám đốc Vietnam Airlines Dương Trí
    /// Thành", "Công ty Samsung Electronics").
    private func foreignNameEnds(at k: Int, before nameStart: Int) -> Bool {
        guard isCapitalised(k), isLetterWord(k), w.wordFlags[k] & WordFlags.allCaps == 0,
            !(adjacent(k) && isCapitalised(k + 1)), Int(w.wordEnd[k]) + 1 != nameStart
        else { return false }
        var first = k
        var foreign = false
        while true {
            if w.wordFlags[first] & WordFlags.allCaps != 0 || !isLetterWord(first) { return false }
            if !isVietnameseSyllable(Int(w.wordStart[first]), Int(w.wordEnd[first])) { foreign = true }
            guard first > 0, adjacent(first - 1), isCapitalised(first - 1), k - first < 5 else { break }
            first -= 1
        }
        return foreign && first < k && !isHeadEnd(Int(w.wordStart[first]) - 1)
    }

    /// Splits "Ủy viên Trung ương Đảng, Phó Bí thư Thường trực Thành ủy" at its commas, but not
    /// before a capitalised word of an organisation's name ("Bộ trưởng Bộ Văn hóa, Thể thao và Du
    /// lịch"); an honorific before the name is no title ("Giám đốc Sở Y tế, bà").
    private func splitTitles(_ s: Int, _ e: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var a0 = s
        var p = s
        func close(_ end: Int) {
            var b = end
            while b > a0 && (f[b - 1] == 0x20 || f[b - 1] == 0x2C) { b -= 1 }
            if b > a0 && !isHonorific(a0, b) && holdsTitle(a0, b) { out.append((a0, b)) }
        }
        while p < e {
            if f[p] == 0x2C {
                var next = p + 1
                while next < e && f[next] == 0x20 { next += 1 }
                let k = a.wordIndex(atOrAfter: next)
                if !(k < w.wordStart.count && Int(w.wordStart[k]) == next && compoundStarts(at: k)) {
                    close(p)
                    a0 = next
                }
            }
            p += 1
        }
        close(e)
        return out
    }

    /// Whether a title match lies inside `s..<e` (a part of a title span without one, "sáng
    /// 11/5" or "thời gian qua", is no title).
    private func holdsTitle(_ s: Int, _ e: Int) -> Bool {
        content(from: s, to: e).contains { m in
            Int(m.end) <= e && isKind(m, Self.titles)
        }
    }

    /// Whether `s..<e` is exactly an honorific match ("ông", "bà", "đồng chí").
    private func isHonorific(_ s: Int, _ e: Int) -> Bool {
        content(from: s, to: s + 1).contains { m in
            Int(m.end) == e && isKind(m, Self.honorifics)
        }
    }

    // MARK: Organisations

    private mutating func organisations(_ matches: UInt32) -> [Organization] {
        var out: [Organization] = []
        var keys = SpanKeys()
        var consumedUntil = -1
        // Starts of place-kind words, sorted, for binary search.
        var placeKinds: [Int32] = []
        for m in a.entityMatches where a.lexicon.info[Int(m.pattern)].kind == .placeKind {
            placeKinds.append(m.start, roomFor: a.entityMatches.count)
        }
        placeKinds.sort()
        // Organisation heads in content lines: each start once, with its longest end (the list
        // is ordered by start, longest first).
        var headStarts: [Int32] = []
        var headEnds: [Int32] = []
        for m in content where isKind(m, matches) && headStarts.last != m.start {
            if headStarts.capacity == 0 {
                headStarts.reserveCapacity(content.count)
                headEnds.reserveCapacity(content.count)
            }
            headStarts.append(m.start)
            headEnds.append(m.end)
        }
        for m in content where isKind(m, matches) {
            let s = Int(m.start)
            if s < consumedUntil { continue }
            let k0 = a.wordIndex(atOrAfter: s)
            guard k0 < w.wordStart.count, isCapitalised(k0) else { continue }
            if personSpans.overlaps(s, Int(m.end)) { continue }
            var e = Int(m.end)
            var extended = false
            while true {
                // "Bộ GD&ĐT", "Sở NN&PTNT": '&' joins two capitalised abbreviations, and so does
                // '-' between two upper-case ones ("Sở GD-ĐT", "Bộ LĐ-TB&XH").
                if e + 1 < f.count, f[e] == 0x26 || joinsAbbreviations(at: e) {
                    let k = a.wordIndex(atOrAfter: e + 1)
                    guard k < w.wordStart.count, Int(w.wordStart[k]) == e + 1, isCapitalised(k) else { break }
                    e = Int(w.wordEnd[k])
                    extended = true
                    continue
                }
                guard e + 1 < f.count, f[e] == 0x20 else { break }
                // " - " between two parts of one name: a capitalised two-syllable name word ("Bộ
                // Lao động - Thương binh") or two capitalised words ("Bà Rịa - Vũng Tàu").
                if extended, e + 3 < f.count, f[e + 1] == 0x2D, f[e + 2] == 0x20 {
                    let k = a.wordIndex(atOrAfter: e + 3)
                    if k + 1 < w.wordStart.count, Int(w.wordStart[k]) == e + 3 {
                        if compoundStarts(at: k) {
                            e = Int(w.wordEnd[k + 1])
                            continue
                        }
                        // "UBND tỉnh Thừa Thiên - Huế": a place name.
                        if let end = matchEnd(at: e + 3, .placeName) {
                            e = end
                            continue
                        }
                        if isCapitalised(k), isLetterWord(k), adjacent(k), isCapitalised(k + 1), isLetterWord(k + 1),
                            Self.sortedIndex(of: e + 3, in: headStarts) == nil, !personSpans.overlaps(e + 3, Int(w.wordEnd[k + 1]))
                        {
                            e = Int(w.wordEnd[k + 1])
                            continue
                        }
                    }
                    break
                }
                let k = a.wordIndex(atOrAfter: e + 1)
                guard k < w.wordStart.count, Int(w.wordStart[k]) == e + 1 else { break }
                let ws = e + 1
                if let h = Self.sortedIndex(of: ws, in: headStarts), !personSpans.overlaps(ws, Int(headEnds[h])) {
                    e = Int(headEnds[h])
                    extended = true
                    continue
                }
                if Self.sortedIndex(of: ws, in: placeKinds) != nil {
                    // "UBND TP.HCM", "Công an TP. Hồ Chí Minh": a listed city written with its kind.
                    if let end = matchEnd(at: ws, .placeName) {
                        e = end
                        extended = true
                        continue
                    }
                    // "UBND tỉnh Quảng Nam", "Sở Y tế TP. Đà Nẵng": the kind, then the name's words;
                    // "Công an TP.Hải Phòng": the name right after the kind's full stop.
                    if let kindEnd = matchEnd(at: ws, .placeKind), kindEnd + 1 < f.count {
                        let next = a.wordIndex(atOrAfter: kindEnd)
                        if next < w.wordStart.count, isCapitalised(next) {
                            if f[kindEnd] == 0x20 && Int(w.wordStart[next]) == kindEnd + 1 {
                                e = kindEnd
                                continue
                            }
                            if f[kindEnd - 1] == 0x2E && Int(w.wordStart[next]) == kindEnd {
                                e = Int(w.wordEnd[next])
                                extended = true
                                continue
                            }
                        }
                    }
                }
                // "Bộ Tư lệnh", "Văn phòng Chủ tịch nước": right after the head, a title names
                // the body; later, a title or a function word starts the next sentence.
                if !extended, a.lexicon.info[Int(m.pattern)].a == 0, isCapitalised(k), let end = titleEnd(at: ws),
                    !personSpans.overlaps(ws, end)
                {
                    e = end
                    extended = true
                    continue
                }
                if (isCapitalised(k) || w.wordFlags[k] & WordFlags.digit != 0)
                    && !personSpans.overlaps(ws, Int(w.wordEnd[k])) && !startsSentence(k) && !endsWithCountry(e, before: k, placeKinds)
                {
                    e = Int(w.wordEnd[k])
                    extended = true
                    continue
                }
                // "Bộ Kế hoạch và Đầu tư", "Bộ Lao động - Thương binh và Xã hội": a joiner, then a
                // capitalised two-syllable name word ("Bộ Y tế và Bộ Tài chính", "... và Chủ tịch"
                // and "... và Ủy ban" are not one name).
                if extended, isLetterWord(k), adjacent(k), a.lexicon.nameJoiners.contains(f, ws, Int(w.wordEnd[k])),
                    compoundStarts(at: k + 1), Self.sortedIndex(of: Int(w.wordStart[k + 1]), in: headStarts) == nil
                {
                    e = Int(w.wordEnd[k + 2])
                    continue
                }
                // "Trung ương", "Công an", "Chính trị": a lower-case syllable that completes a
                // two-syllable word begun by the name's last, capitalised syllable.
                if k > 0, Int(w.wordEnd[k - 1]) == e, isCapitalised(k - 1), isLetterWord(k), adjacent(k - 1),
                    a.lexicon.nameCompounds.contains(f, Int(w.wordStart[k - 1]), Int(w.wordEnd[k]))
                {
                    e = Int(w.wordEnd[k])
                    extended = true
                    continue
                }
                if extended, k > 0, Int(w.wordEnd[k - 1]) == e, completesLoneSyllable(k) {
                    e = Int(w.wordEnd[k])
                    extended = true
                    continue
                }
                break
            }
            // Generic heads ("Sở", "Văn phòng", "Trung tâm") need a name after them.
            if !extended && a.lexicon.info[Int(m.pattern)].a == 0 { continue }
            consumedUntil = e
            orgSpans.append(s, e, roomFor: content.count)
            let key = (s, e)
            if firstIndex(of: key, in: keys) == nil {
                keys.append(key, f)
                out.append(Organization(name: a.string(s, e), offset: a.offset(s)), roomFor: content.count)
            }
        }
        return out
    }

    /// Whether the organisation's name ends with a country's at folded position `e`, and
    /// capitalised word `k` after it starts a foreign name, a Vietnamese one or the next sentence:
    /// a ministry's or a parliament's name ends with its country ("Bộ Ngoại giao Nga Maria
    /// Zakharova", "Quốc hội Cuba Ngày 7/6", "MTTQ Việt Nam Nguyễn Thiện Nhân"). The country stands
    /// after a lower-case word or an abbreviation, and is not the start of a longer name ("huyện
    /// Yên Mỹ", "Bệnh viện Đa khoa Đức Giang", "Ngân hàng TMCP Việt Nam Thịnh Vượng").
    private func endsWithCountry(_ e: Int, before k: Int, _ placeKinds: [Int32]) -> Bool {
        // What follows first: it is read for every word an organisation's name takes, the
        // matches only when it could start a name or a sentence.
        let ks = Int(w.wordStart[k])
        let ke = Int(w.wordEnd[k])
        if !isLetterWord(k) || w.wordFlags[k] & WordFlags.allCaps != 0 { return false }
        guard !isVietnameseSyllable(ks, ke) || isFunctionWord(k) || a.lexicon.sentenceOpeners.contains(f, ks, ke)
            || (a.lexicon.surnames.contains(f, ks, ke) && adjacent(k) && isCapitalised(k + 1))
        else { return false }
        var country: PatternMatcher.Match?
        for m in content(from: e - 24, to: e) where a.lexicon.info[Int(m.pattern)].kind == .placeName {
            if Int(m.end) == e && a.lexicon.placeKindIsCountry[Int(a.lexicon.info[Int(m.pattern)].b)] { country = m }
        }
        guard let c = country else { return false }
        let c0 = a.wordIndex(atOrAfter: Int(c.start))
        guard isCapitalised(c0), matchEnd(at: Int(c.start), .placeName) == e else { return false }
        if c0 > 0 && adjacent(c0 - 1) {
            let p = c0 - 1
            if isCapitalised(p) && w.wordFlags[p] & WordFlags.allCaps == 0 { return false }
            if Self.sortedIndex(of: Int(w.wordStart[p]), in: placeKinds) != nil { return false }
        }
        return true
    }

    /// Whether lower-case word `k` completes the word begun by the capitalised syllable before
    /// it, the only one since the head or a lower-case word ("Hội đồng Bảo an", "Viện Hàn lâm",
    /// "Cục Điều tra Liên bang"): organisations capitalise only a word's first syllable, and one
    /// syllable alone rarely names one. Not after a place ("Bộ Quốc phòng Nga bác bỏ"), a head
    /// ("Thanh tra Bộ đề nghị"), a brand that is no Vietnamese syllable ("Tập đoàn Vingroup công
    /// bố"), nor before a function word, a verb that ends a title ("Công ty Hòa cho biết") or the
    /// first syllable of a word of a name ("Bệnh viện Nhi trung ương").
    private func completesLoneSyllable(_ k: Int) -> Bool {
        let p = k - 1
        // The cheap tests first: this runs wherever an organisation's name stops.
        guard p > 0, isCapitalised(p), isLetterWord(p), w.wordFlags[p] & WordFlags.allCaps == 0, adjacent(p),
            isLetterWord(k), !isCapitalised(k), w.wordFlags[p - 1] & WordFlags.allCaps == 0
        else { return false }
        let ps = Int(w.wordStart[p])
        let pe = Int(w.wordEnd[p])
        let ks = Int(w.wordStart[k])
        let ke = Int(w.wordEnd[k])
        guard isVietnameseSyllable(ps, pe), isVietnameseSyllable(ks, ke),
            !isFunctionWord(k), !a.lexicon.titleBreakers.contains(f, ks, ke), !a.lexicon.sentenceOpeners.contains(f, ks, ke)
        else { return false }
        // "trung" of "Bệnh viện Nhi trung ương" begins a word of its own.
        if adjacent(k) && a.lexicon.nameCompounds.contains(f, ks, Int(w.wordEnd[k + 1])) { return false }
        // Alone: after the head or a lower-case word.
        if isCapitalised(p - 1) && adjacent(p - 1) && !isHeadEnd(Int(w.wordEnd[p - 1])) { return false }
        // A place, a head's word ("Thanh tra Bộ đề nghị", "Văn phòng Trung ương Đảng nêu") or a
        // word of address ("Quốc hội Anh chính thức ...").
        for m in content(from: ps, to: ps + 1) {
            switch a.lexicon.info[Int(m.pattern)].kind {
            case .placeName, .organisation, .honorific, .familiarHonorific: return false
            default: break
            }
        }
        return !isHeadEnd(pe)
    }

    /// Whether an organisation head ends at folded position `pos`.
    private func isHeadEnd(_ pos: Int) -> Bool {
        content(from: pos - 48, to: pos).contains { Int($0.end) == pos && a.lexicon.info[Int($0.pattern)].kind == .organisation }
    }

    /// Whether folded `s..<e` spells one Vietnamese syllable: an initial consonant or none, one
    /// run of vowels, a final of "c", "ch", "m", "n", "ng", "nh", "p" or "t" or none, a tone
    /// mark anywhere ("Samsung", "Grab" and "Vingroup" are none).
    private func isVietnameseSyllable(_ s: Int, _ e: Int) -> Bool {
        var vowelRuns = 0
        var inVowels = false
        var finalStart = -1
        var letters = 0
        for p in s..<e {
            let b = f[p]
            if Folded.isTone(b) { continue }
            letters += 1
            let vowel = b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75 || b == 0x79
                || (b >= Folded.aCircumflex && b <= Folded.uHorn)
            if vowel {
                if !inVowels { vowelRuns += 1 }
                inVowels = true
            } else {
                guard (b >= 0x61 && b <= 0x7A) || b == Folded.dStroke, b != 0x66, b != 0x6A, b != 0x77, b != 0x7A else { return false }
                if inVowels { finalStart = p }
                inVowels = false
            }
        }
        guard vowelRuns == 1, letters <= 7 else { return false }
        // "p" starts no Vietnamese syllable but as "ph" ("Pen" of "Marine Le Pen" is foreign).
        if f[s] == 0x70 && (e - s < 2 || f[s + 1] != 0x68) { return false }
        guard finalStart >= 0 else { return true }
        var n = 0
        var final: (UInt8, UInt8) = (0, 0)
        for p in finalStart..<e where !Folded.isTone(f[p]) {
            if n == 0 { final.0 = f[p] } else { final.1 = f[p] }
            n += 1
        }
        switch (n, final.0, final.1) {
        case (1, 0x63, _), (1, 0x6D, _), (1, 0x6E, _), (1, 0x70, _), (1, 0x74, _): return true
        case (2, 0x63, 0x68), (2, 0x6E, 0x67), (2, 0x6E, 0x68): return true
        default: return false
        }
    }

    // MARK: Places

    private func places(_ matches: UInt32) -> [Place] {
        var out: [Place] = []
        var keys = SpanKeys()
        var consumedUntil = -1
        for m in content where isKind(m, matches) {
            let s = Int(m.start)
            if s < consumedUntil { continue }
            let info = a.lexicon.info[Int(m.pattern)]
            var e = Int(m.end)
            if info.kind == .placeKind {
                // Kind word + 1–4 capitalised words or a number ("quận Hoàn Kiếm", "Quận 1").
                var k = a.wordIndex(atOrAfter: e)
                var n = 0
                let numbered = a.lexicon.placeKindTakesNumber[Int(info.b)]
                while k < w.wordStart.count, n < 4,
                    Int(w.wordStart[k]) == e + 1 && f[e] == 0x20 || (Int(w.wordStart[k]) == e && f[e - 1] == 0x2E),
                    isCapitalised(k) && isLetterWord(k) || (n == 0 && numbered && w.wordFlags[k] & WordFlags.letter == 0)
                {
                    if personSpans.overlaps(Int(w.wordStart[k]), Int(w.wordEnd[k])) { break }
                    // "thành phố Huế Theo ...": the next sentence, not the name.
                    if n > 0 && startsSentence(k) { break }
                    e = Int(w.wordEnd[k])
                    n += 1
                    k += 1
                    if w.wordFlags[k - 1] & WordFlags.letter == 0 { break }
                }
                if n == 0 { continue }
            } else {
                // Written as a name: its first or last word capitalised ("Hà Nội", "Nam bộ", "miền
                // Trung", "châu Âu").
                let k = a.wordIndex(atOrAfter: s)
                let last = a.wordIndex(atOrAfter: e)
                guard k < last, isCapitalised(k) || isCapitalised(last - 1) || w.wordFlags[k] & WordFlags.allCaps != 0
                else { continue }
                // Not the start of a longer capitalised name ("Nam Định" is fine, "Mỹ Thanh" is a person);
                // nor then a shorter place at the same start ("Thái Bình" of "Thái Bình Dương Mỹ").
                if last < w.wordStart.count, Int(w.wordStart[last]) == e + 1, isCapitalised(last),
                    !a.lexicon.surnames.contains(f, Int(w.wordStart[last]), Int(w.wordEnd[last]))
                {
                    consumedUntil = s + 1
                    continue
                }
            }
            if personSpans.overlaps(s, e) || orgSpans.overlaps(s, e) || docSpans.overlaps(s, e) { continue }
            consumedUntil = e
            let key = (s, e)
            if firstIndex(of: key, in: keys) == nil {
                keys.append(key, f)
                out.append(
                    Place(name: a.string(s, e), kind: a.lexicon.placeKindNames[Int(info.b)], offset: a.offset(s)), roomFor: content.count)
            }
        }
        return out
    }

    // MARK: Documents

    private mutating func documents(_ typeMatches: UInt32, _ namedMatches: UInt32) -> [DocumentReference] {
        var out: [DocumentReference] = []
        var keys = Set<[UInt8]>()
        // Document types before named documents of the same span.
        var list = content.filter { isKind($0, typeMatches | namedMatches) }
        if list.count > 1 {
            list.sort {
                if $0.start != $1.start { return $0.start < $1.start }
                if $0.end != $1.end { return $0.end > $1.end }
                return isKind($0, typeMatches) && !isKind($1, typeMatches)
            }
        }
        for m in list {
            let s = Int(m.start)
            if docSpans.overlaps(s, Int(m.end)) { continue }
            let k0 = a.wordIndex(atOrAfter: s)
            guard k0 < w.wordStart.count, isCapitalised(k0) else { continue }
            let named = a.lexicon.info[Int(m.pattern)].kind == .namedDocument
            let limit = lineEnd(s)
            var p = Int(m.end)
            while p < limit && f[p] == 0x20 { p += 1 }
            // Optional "số".
            if p + 3 <= limit, f[p] == 0x73, f[p + 1] == Folded.oCircumflex, f[p + 2] == 0x92 {
                p += 3
                while p < limit && f[p] == 0x20 { p += 1 }
            }
            if p < limit && DateToken.isDigit(f[p]) {
                var q = p
                var letterAt = -1
                while q < limit {
                    let b = f[q]
                    if DateToken.isDigit(b) || b == 0x2F || b == 0x2D || b == 0x2E {
                        q += 1
                    } else if Folded.isLetter(b) || Folded.isTone(b) {
                        if letterAt < 0 { letterAt = q }
                        q += 1
                    } else {
                        break
                    }
                }
                while q > p && (f[q - 1] == 0x2E || f[q - 1] == 0x2D || f[q - 1] == 0x2F) { q -= 1 }
                var numberEnd = letterAt < 0 ? q : letterAt
                while numberEnd > p && (f[numberEnd - 1] == 0x2D || f[numberEnd - 1] == 0x2F) { numberEnd -= 1 }
                guard numberEnd > p else { continue }
                let number = a.string(p, numberEnd)
                let issuer = letterAt >= 0 && letterAt < q ? a.string(letterAt, q) : nil
                let typeText = a.string(s, Int(m.end))
                docSpans.append(s, q, roomFor: content.count)
                var key = folded(s, Int(m.end))
                key.append(0)
                key += folded(p, numberEnd)
                key.append(0)
                if letterAt >= 0 { key += normalisedIssuer(letterAt, q) }
                if keys.insert(key).inserted {
                    out.append(
                        DocumentReference(
                            text: a.string(s, q), type: typeText, number: number, issuerCode: issuer, offset: a.offset(s)))
                }
            } else if named {
                // A named document: up to the next punctuation, at least two words; not a word of
                // an institution's name ("Đại học Kinh tế - Luật TP.HCM", "báo Pháp Luật").
                if partOfAName(k0, placeAfter: Int(w.wordEnd[k0]) == Int(m.end)) { continue }
                let typeText = a.string(s, Int(m.end))
                let isLaw = !typeText.hasPrefix("Quy") && !typeText.hasPrefix("quy")
                let isConstitution = typeText.hasPrefix("Hiến") || typeText.hasPrefix("hiến")
                var k = a.wordIndex(atOrAfter: Int(m.end))
                var e = Int(m.end)
                var words = 0
                while k < w.wordStart.count && words < (isLaw ? 6 : 12) {
                    let ws = Int(w.wordStart[k])
                    guard ws < limit else { break }
                    var stop = false
                    for q in e..<ws where f[q] != 0x20 { stop = true }
                    if stop { break }
                    let we = Int(w.wordEnd[k])
                    if isLaw && (Lexicon.isStopword(f, ws, we) || Lexicon.lawNameEndingWords.contains(f, ws, we)
                        || (k + 1 < w.wordStart.count && Lexicon.isLawNameEnder(f, ws, Int(w.wordEnd[k + 1]))))
                    {
                        break
                    }
                    // A law is named in Vietnamese words or abbreviations ("Luật TDTT"): a foreign
                    // word after "Luật" names a firm or a school ("Luật Themis"), unlike a
                    // constitution's country ("Hiến pháp Iraq"); a code with digits ends the name
                    // (a year stays: "Luật Xây dựng 2014").
                    let caps = w.wordFlags[k] & WordFlags.allCaps != 0
                    if isLaw && words == 0 && !isCapitalised(k) { break }
                    if isLaw && words == 0 && !isConstitution && !caps && isLetterWord(k) && !isVietnameseSyllable(ws, we) { break }
                    if isLaw && w.wordFlags[k] & WordFlags.digit != 0 && w.wordFlags[k] & WordFlags.letter != 0 { break }
                    e = Int(w.wordEnd[k])
                    words += 1
                    k += 1
                }
                guard words >= (isLaw ? 1 : 2) else { continue }
                docSpans.append(s, e, roomFor: content.count)
                let key = folded(s, e)
                if keys.insert(key).inserted {
                    out.append(DocumentReference(text: a.string(s, e), type: typeText, number: nil, issuerCode: nil, offset: a.offset(s)))
                }
            }
        }
        return out
    }

    /// Whether word `k` continues a capitalised name begun before it on its line, directly or
    /// after " - " ("Kinh tế - Luật", "Pháp Luật", "ĐH Luật"), or, when `placeAfter`, is followed
    /// by a place ("Luật TP.HCM"; a law is not named after a place, a constitution is).
    private func partOfAName(_ k: Int, placeAfter: Bool) -> Bool {
        if placeAfter && k + 1 < w.wordStart.count && adjacent(k) {
            let next = Int(w.wordStart[k + 1])
            if content(from: next, to: next + 1).contains(where: { [.placeKind, .placeName].contains(a.lexicon.info[Int($0.pattern)].kind) }) {
                return true
            }
        }
        guard k > 0 else { return false }
        let pe = Int(w.wordEnd[k - 1])
        let ws = Int(w.wordStart[k])
        // A capitalised word, but not one that opens the sentence ("Theo Luật ...").
        guard isLetterWord(k - 1), isCapitalised(k - 1) || w.wordFlags[k - 1] & WordFlags.allCaps != 0,
            !Lexicon.isStopword(f, Int(w.wordStart[k - 1]), pe)
        else { return false }
        // Only a space, or " - ", between the two.
        for q in pe..<ws where f[q] != 0x20 && !(f[q] == 0x2D && ws - pe == 3) { return false }
        return true
    }

    /// Folded issuer code with "TƯ" read as "TW".
    private func normalisedIssuer(_ s: Int, _ e: Int) -> [UInt8] {
        var out = folded(s, e)
        for i in 0..<out.count where out[i] == Folded.uHorn && i > 0 && out[i - 1] == 0x74 { out[i] = 0x77 }
        return out
    }

    // MARK: Figures

    private func figures() -> [Figure] {
        var out: [Figure] = []
        var seenFigures: [(Int, Int)] = []
        var k = 0
        let count = w.wordStart.count
        var lines = ArticleText.LineCursor()
        while out.count < 40 {
            // Straight to the next number word.
            k = w.numberWord(atOrAfter: k)
            guard k < count else { break }
            defer { k += 1 }
            let s = Int(w.wordStart[k])
            if s > 0 && (f[s - 1] == 0x2E || f[s - 1] == 0x2C || f[s - 1] == 0x2F || f[s - 1] == 0x2D || DateToken.isDigit(f[s - 1])) {
                continue
            }
            let line = lines.index(s, in: a.layout)
            guard a.layout.isContent(line) else { continue }
            let limit = Int(a.layout.ends[line])
            if DateToken.read(f, at: s, limit: limit) != nil { continue }
            if docSpans.overlaps(s, s + 1) { continue }
            if k > 0 && Lexicon.isIdentifierWord(f, Int(w.wordStart[k - 1]), Int(w.wordEnd[k - 1])) { continue }
            // The number: digit groups with '.' thousands and ',' decimals.
            var value = 0.0
            var p = s
            var digits = 0
            while p < limit && DateToken.isDigit(f[p]) {
                value = value * 10 + Double(f[p] - 0x30)
                p += 1
                digits += 1
            }
            var groupsOK = true
            while p + 3 < limit + 1 && p < limit && f[p] == 0x2E {
                var g = 0
                var q = p + 1
                while q < limit && DateToken.isDigit(f[q]) { q += 1; g += 1 }
                if g != 3 { groupsOK = false; break }
                for r in (p + 1)..<q { value = value * 10 + Double(f[r] - 0x30) }
                p = q
            }
            if !groupsOK { continue }
            if p < limit && f[p] == 0x2C && p + 1 < limit && DateToken.isDigit(f[p + 1]) {
                var q = p + 1
                var scale = 0.1
                while q < limit && DateToken.isDigit(f[q]) {
                    value += Double(f[q] - 0x30) * scale
                    scale /= 10
                    q += 1
                }
                p = q
            }
            if p < limit && (f[p] == 0x2F || f[p] == 0x2D || f[p] == 0x3A || Folded.isWord(f[p])) { continue }
            // Years are dates, not quantities.
            if digits == 4 && value >= 1900 && value <= 2100 && p == s + 4 { continue }
            // Unit: "%", an optional multiplier, then one or two lower-case words.
            if p < limit && f[p] == 0x25 {
                out.append(Figure(text: a.string(s, p + 1), value: value, unit: "%", offset: a.offset(s)), roomFor: 16)
                continue
            }
            guard p + 1 < limit, f[p] == 0x20 else { continue }
            var u = a.wordIndex(atOrAfter: p + 1)
            guard u < count, Int(w.wordStart[u]) == p + 1 else { continue }
            if let m = Lexicon.multiplier(f, Int(w.wordStart[u]), Int(w.wordEnd[u])) {
                value *= m
                guard adjacent(u) else {
                    out.append(Figure(text: a.string(s, Int(w.wordEnd[u])), value: value, unit: "", offset: a.offset(s)), roomFor: 16)
                    continue
                }
                u += 1
            }
            guard u < count, isLetterWord(u), !isCapitalised(u) || w.wordFlags[u] & WordFlags.allCaps != 0,
                !Lexicon.isStopword(f, Int(w.wordStart[u]), Int(w.wordEnd[u]))
            else { continue }
            var ue = Int(w.wordEnd[u])
            // A listed three-word unit, else a listed two-word one, else two syllables unless the
            // first is a one-word unit or the second cannot continue a noun.
            var n = 2
            while n >= 1 {
                if u + n < count && adjacent(u + n - 1) && (n == 1 || adjacent(u))
                    && Lexicon.isUnit(f, Int(w.wordStart[u]), Int(w.wordEnd[u + n]))
                {
                    ue = Int(w.wordEnd[u + n])
                    break
                }
                n -= 1
            }
            if n == 0 && adjacent(u) && isLetterWord(u + 1) && !isCapitalised(u + 1)
                && !Lexicon.isSingleWordUnit(f, Int(w.wordStart[u]), Int(w.wordEnd[u]))
                && !Lexicon.isStopword(f, Int(w.wordStart[u + 1]), Int(w.wordEnd[u + 1]))
                && !Lexicon.isUnitEnder(f, Int(w.wordStart[u + 1]), Int(w.wordEnd[u + 1]))
            {
                ue = Int(w.wordEnd[u + 1])
            }
            let key = (s, ue)
            if firstIndex(of: key, in: seenFigures) != nil { continue }
            seenFigures.append(key, roomFor: 16)
            out.append(
                Figure(text: a.string(s, ue), value: value, unit: a.string(Int(w.wordStart[u]), ue), offset: a.offset(s)),
                roomFor: 16)
        }
        return out
    }
}

/// Spans found so far, for "does this span overlap one of them?" in O(log n): the extractors
/// append them in ascending start order (they walk the text forwards), so a binary search finds
/// the spans that start before a query's end, and the largest end among them says whether one
/// reaches past its start. A span appended out of order turns the lookup into a plain scan,
/// never a wrong answer. (A scan of every span per query was quadratic on a page listing
/// thousands of documents.)
struct SpanList {
    /// A span and the largest end among it and every span before it.
    private struct Entry {
        var start: Int
        var end: Int
        var maxEnd: Int
    }

    private var entries: [Entry] = []
    private var ordered = true

    mutating func append(_ s: Int, _ e: Int, roomFor expected: Int) {
        if let last = entries.last, s < last.start { ordered = false }
        entries.append(Entry(start: s, end: e, maxEnd: max(e, entries.last?.maxEnd ?? e)), roomFor: expected)
    }

    /// Whether `[s, e)` overlaps a span of the list.
    func overlaps(_ s: Int, _ e: Int) -> Bool {
        guard ordered else { return entries.contains { s < $0.end && $0.start < e } }
        // The spans starting before `e` are a prefix.
        let n = EntityExtractor.lowerBound(entries.count) { entries[$0].start < e }
        return n > 0 && entries[n - 1].maxEnd > s
    }
}

/// Distinct texts of folded spans seen so far (one entry per name), looked up by text: a scan
/// while they are few, as in nearly every article, and through a hash of the bytes once there
/// are many (a page listing thousands of names would otherwise take quadratic time).
struct SpanKeys {
    private(set) var spans: [(Int, Int)] = []
    /// Hash of a span's bytes → indices into `spans`; built at `indexFrom` entries.
    private var index: [UInt64: [Int]] = [:]
    private static let indexFrom = 32

    func firstIndex(of key: (Int, Int), _ f: UnsafeBufferPointer<UInt8>, _ same: ((Int, Int), (Int, Int)) -> Bool) -> Int? {
        if spans.count < Self.indexFrom { return spans.firstIndex { same($0, key) } }
        return index[Self.hash(key, f)]?.first { same(spans[$0], key) }
    }

    mutating func append(_ key: (Int, Int), _ f: UnsafeBufferPointer<UInt8>) {
        spans.append(key)
        if spans.count == Self.indexFrom {
            for (i, k) in spans.enumerated() { index[Self.hash(k, f), default: []].append(i) }
        } else if spans.count > Self.indexFrom {
            index[Self.hash(key, f), default: []].append(spans.count - 1)
        }
    }

    /// The span's bytes hashed as ``FoldedWordSet`` hashes words.
    private static func hash(_ key: (Int, Int), _ f: UnsafeBufferPointer<UInt8>) -> UInt64 {
        FoldedWordSet.hash(f.baseAddress! + key.0, key.1 - key.0, readable: f.count - key.0)
    }
}

extension Array {
    /// Appends `element`, making room for `expected` elements at the first append: one
    /// allocation for a list that would otherwise grow in steps, and none for one that stays
    /// empty (most of an article's lists).
    @inline(__always)
    fileprivate mutating func append(_ element: Element, roomFor expected: Int) {
        if capacity == 0 { reserveCapacity(expected) }
        append(element)
    }
}
