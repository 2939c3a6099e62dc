/// Scores every taxonomy label from the cue phrases found in the article's content lines (title,
/// paragraphs, captions; never the tail).
///
/// Zones: the title; the lead (the lead sentences, and the first sentence of the next paragraph);
/// captions (caption lines, and captions running on inside a paragraph before a photo credit);
/// the rest of the body. Each cue counts its weight times its zone factor, times the
/// factors of context modifiers found around it in the same sentence, times the label's list
/// factor when it is one item of a comma-separated list and its dated factor when its sentence
/// carries an event date; each repeat of a cue counts `repeatDecay` times the previous one.
/// Overlapping cues of a label: the longest wins (so zero-weight cues mask shorter ones).
struct TopicClassifier {
    /// One label's outcome.
    struct Outcome {
        var raw: Double
        var applies: Bool
        var score: Double
        /// Whether a counted cue lies in the title, lead or a caption (else the sum was
        /// multiplied by the label's unanchored factor).
        var anchored = true
        /// Folded spans of the deciding cues, in text order.
        var evidence: [(Int, Int)]
        /// Every counted cue, in text order; filled only when explaining (`tinq eval --errors`).
        var trace: [Counted] = []
    }

    /// One cue that counted: its folded span, weight, the product of its factors (zone,
    /// modifiers, list, date, repeats) and its zone.
    struct Counted {
        var start: Int
        var end: Int
        var weight: Double
        var factor: Double
        var zone: CueZone
    }

    private struct Hit {
        var start: Int
        var end: Int
        var cue: Int
        var zone: Double
        var zoneKind: CueZone
        /// In the title or the lead.
        var anchored: Bool
        /// In the title line (which is no sentence: modifiers look within the line).
        var inTitle: Bool
    }

    private struct Context {
        var start: Int
        var end: Int
        var modifier: Int
    }

    /// Scores every label; with `explain`, each outcome also lists every cue that counted.
    static func classify(_ a: ArticleText, sentences: Sentences, taxonomy: Taxonomy, explain: Bool = false) -> [Outcome] {
        // The labels through a pointer: reading a field of `definitions[l]` would copy the
        // whole label (a dozen references retained and released) at every cue.
        taxonomy.definitions.withUnsafeBufferPointer { defs in
            var hits = [[Hit]](repeating: [], count: defs.count)
            var contexts = [[Context]](repeating: [], count: defs.count)
            var nextStarts: [(Int, UInt8)] = []
            // Room for every match at once (the lists would otherwise grow, one allocation per
            // step), made at a list's first append: a label without cues or modifiers in the
            // article allocates nothing.
            nextStarts.reserveCapacity(a.entityMatches.count)
            let layout = a.layout
            let info = a.lexicon.info
            let leadEnd = Self.leadEnd(layout, sentences)
            // The deep body starts `deepAfter` sentences after the lead's last sentence.
            let leadSentence = leadEnd > 0 ? sentences.index(of: leadEnd - 1) ?? -1 : -1
            // Listed place names, by start: a modifier's word inside one is part of the name
            // ("Cần Thơ" holds "cần", "need"), not a modifier.
            var placeNames = SpanList()
            for m in a.entityMatches {
                switch info[Int(m.pattern)].kind {
                case .personTitle, .honorific: nextStarts.append((Int(m.start), NextCondition.title))
                case .organisation: nextStarts.append((Int(m.start), NextCondition.organisation))
                case .placeName:
                    nextStarts.append((Int(m.start), NextCondition.place))
                    placeNames.append(Int(m.start), Int(m.end), roomFor: a.entityMatches.count)
                case .placeKind: nextStarts.append((Int(m.start), NextCondition.place))
                default: break
                }
            }
            var lines = ArticleText.LineCursor()
            for m in a.cueMatches {
                let pi = info[Int(m.pattern)]
                let s = Int(m.start)
                let line = lines.index(s, in: layout)
                guard layout.isContent(line) else { continue }
                let label = Int(pi.a)
                if pi.kind == .modifier {
                    if placeNames.overlaps(s, Int(m.end)) { continue }
                    if contexts[label].capacity == 0 { contexts[label].reserveCapacity(a.cueMatches.count) }
                    contexts[label].append(Context(start: s, end: Int(m.end), modifier: Int(pi.b)))
                    continue
                }
                let zones = defs[label].zoneWeights
                let kind: CueZone
                switch layout.kinds[line] {
                case .title: kind = .title
                case .caption: kind = .caption
                default:
                    if layout.inInlineCaption(s) {
                        kind = .caption
                    } else {
                        kind = s < leadEnd ? .lead : .body
                    }
                }
                let zone: Double
                switch kind {
                case .title: zone = zones.title
                case .lead: zone = zones.lead
                case .body:
                    let deepAfter = defs[label].deepAfter
                    if deepAfter > 0, let si = sentences.index(of: s), si - leadSentence > deepAfter {
                        zone = zones.deep.isNaN ? zones.body : zones.deep
                    } else {
                        zone = zones.body
                    }
                case .caption: zone = zones.caption
                }
                if hits[label].capacity == 0 { hits[label].reserveCapacity(a.cueMatches.count) }
                hits[label].append(
                    Hit(
                        start: s, end: Int(m.end), cue: Int(pi.b), zone: zone, zoneKind: kind, anchored: kind != .body,
                        inTitle: kind == .title))
            }
            nextStarts.sort { $0.0 < $1.0 }
            let questionTitle = Self.titleIsQuestion(a.f, layout)

            var outcomes: [Outcome] = []
            outcomes.reserveCapacity(defs.count)
            // Shared by the labels, emptied for each (not allocated per label).
            var seen = [Int](repeating: 0, count: defs.map { $0.cues.count }.max() ?? 0)
            // repeat_decay to the power of each cue's repeats so far (a product kept, not a loop
            // per repeat: a page repeating one cue thousands of times stays linear).
            var decay = [Double](repeating: 1, count: seen.count)
            var contributions: [(Double, Int, Int)] = []
            contributions.reserveCapacity(a.cueMatches.count)
            for l in 0..<defs.count {
                let def = defs.baseAddress! + l
                // Moved out, not copied: `hits[l]` is not needed again.
                var list: [Hit] = []
                swap(&list, &hits[l])
                // Longest first at each start; among equal spans the conditional (more specific)
                // cue and then the heavier one come first.
                let weights = a.lexicon.cueWeights[l]
                let conditions = a.lexicon.cueNext[l]
                list.sort {
                    if $0.start != $1.start { return $0.start < $1.start }
                    if $0.end != $1.end { return $0.end > $1.end }
                    let c0 = conditions[$0.cue] != 0
                    let c1 = conditions[$1.cue] != 0
                    if c0 != c1 { return c0 }
                    return weights[$0.cue] > weights[$1.cue]
                }
                var coveredUntil = -1
                for c in 0..<def.pointee.cues.count {
                    seen[c] = 0
                    decay[c] = 1
                }
                // How far a modifier reaches, in words before and after a cue, and its longest
                // match: what bounds the contexts read for each cue (see `contextWindow`).
                var reachBefore = 0
                var reachAfter = 0
                for m in def.pointee.modifiers {
                    reachBefore = max(reachBefore, m.before)
                    reachAfter = max(reachAfter, m.after)
                }
                var longestContext = 0
                for c in contexts[l] { longestContext = max(longestContext, c.end - c.start) }
                var raw = 0.0
                var distinct = 0
                var anchored = false
                var vetoed = false
                contributions.removeAll(keepingCapacity: true)
                var trace: [Counted] = []
                for h in list {
                    if h.end <= coveredUntil { continue }
                    // A cue whose conditions fail is not there at all: it masks nothing.
                    let need = a.lexicon.cueNext[l][h.cue]
                    if need != 0 && !nextSatisfied(a, after: h.end, need: need, starts: nextStarts) { continue }
                    let sentence = sentences.index(of: h.start)
                    if a.lexicon.cueLowercase[l][h.cue], let si = sentence, h.start > Int(sentences.starts[si]) + 1 {
                        let w = a.wordIndex(atOrAfter: h.start)
                        if w < a.folded.wordFlags.count && a.folded.wordFlags[w] & WordFlags.capitalised != 0 { continue }
                    }
                    coveredUntil = max(coveredUntil, h.end)
                    if h.inTitle && def.pointee.titleVeto[h.cue] { vetoed = true }
                    let weight = a.lexicon.cueWeights[l][h.cue]
                    guard weight > 0 else { continue }
                    var factor = max(h.zone, a.lexicon.cueMinimumZone[l][h.cue])
                    var anchoredByContext = false
                    var span: (Int, Int)?
                    if let si = sentence {
                        span = (Int(sentences.starts[si]), Int(sentences.ends[si]))
                    } else if h.inTitle, let t = layout.title {
                        span = (Int(layout.starts[t]), Int(layout.ends[t]))
                    }
                    if let (ss, se) = span {
                        // A modifier before the cue may share its first word ("2 lần được" + "được trao tặng").
                        let window = contextWindow(
                            a, contexts[l], cueStart: h.start, cueEnd: h.end, reachBefore: reachBefore, reachAfter: reachAfter,
                            longest: longestContext)
                        for c in contexts[l][window] where c.start < h.start ? c.start >= ss : (c.start >= h.end && c.end <= se) {
                            let m = def.pointee.modifiers[c.modifier]
                            if h.inTitle && !m.inTitle { continue }
                            let applies =
                                c.start < h.start
                                ? c.end >= h.start || wordsBetween(a.f, c.end, h.start) <= m.before
                                : wordsBetween(a.f, h.end, c.start) < m.after
                            if applies {
                                factor *= m.factor
                                if m.anchors { anchoredByContext = true }
                            }
                        }
                        if let si = sentence, sentences.dated[si] { factor *= def.pointee.datedFactor }
                    }
                    if factor == 0 { continue }
                    if def.pointee.listFactor != 1 {
                        let dated = sentence.map { sentences.dated[$0] } ?? false
                        if inList(a.f, h.start, h.end, datedSentence: dated, a.lexicon) { factor *= def.pointee.listFactor }
                    }
                    factor *= decay[h.cue]
                    if seen[h.cue] == 0 { distinct += 1 }
                    seen[h.cue] += 1
                    decay[h.cue] *= def.pointee.repeatDecay
                    let c = weight * factor
                    raw += c
                    if (h.anchored || anchoredByContext || def.pointee.anchorsAnywhere[h.cue])
                        && weight >= def.pointee.anchorMinimumWeight
                    {
                        anchored = true
                    }
                    contributions.append((c, h.start, h.end))
                    if explain {
                        trace.append(Counted(start: h.start, end: h.end, weight: weight, factor: factor, zone: h.zoneKind))
                    }
                }
                if !anchored { raw *= def.pointee.unanchoredFactor }
                if questionTitle { raw *= def.pointee.questionFactor }
                if vetoed { raw = min(raw, def.pointee.threshold * 0.99) }
                let applies = raw >= def.pointee.threshold && distinct >= def.pointee.minimumCues
                var evidence: [(Int, Int)] = []
                if applies {
                    contributions.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
                    evidence = contributions.prefix(5).map { ($0.1, $0.2) }
                    evidence.sort { $0.0 < $1.0 }
                }
                let score = raw / (raw + def.pointee.threshold)
                outcomes.append(
                    Outcome(raw: raw, applies: applies, score: score, anchored: anchored, evidence: evidence, trace: trace))
            }
            return outcomes
        }
    }

    /// The contexts (ordered by end) that can apply to the cue at `[cueStart, cueEnd)`: a modifier
    /// counts `before` words back from the cue or `after` words on, so one that ends before the
    /// start of the word `reachBefore + 1` words ahead of the cue, or ends more than `longest`
    /// bytes after the start of the word `reachAfter` words past it, is out of reach. Without this
    /// window every cue would read every modifier of its label: quadratic on a page that
    /// repeats both thousands of times. The same contexts apply, read in the same order.
    private static func contextWindow(
        _ a: ArticleText, _ contexts: [Context], cueStart: Int, cueEnd: Int, reachBefore: Int, reachAfter: Int, longest: Int
    ) -> Range<Int> {
        let starts = a.folded.wordStart
        let first = a.wordIndex(atOrAfter: cueStart) - reachBefore - 1
        let lowEnd = first > 0 ? Int(starts[first]) : 0
        let last = a.wordIndex(atOrAfter: cueEnd) + reachAfter
        let highEnd = last < starts.count ? Int(starts[last]) + longest : Int.max
        var lo = 0
        var hi = contexts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if contexts[mid].end < lowEnd { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < contexts.count && contexts[end].end <= highEnd { end += 1 }
        return lo..<end
    }

    /// Whether the title line ends with a question mark (closing quotes and spaces skipped).
    static func titleIsQuestion(_ f: UnsafeBufferPointer<UInt8>, _ layout: Layout) -> Bool {
        guard let t = layout.title else { return false }
        let s = Int(layout.starts[t])
        var e = Int(layout.ends[t])
        while e > s && (f[e - 1] == 0x20 || f[e - 1] == 0x22 || f[e - 1] == 0x27) { e -= 1 }
        return e > s && f[e - 1] == 0x3F
    }

    /// Where the lead zone ends: after the lead sentences, or after the first sentence of the
    /// paragraph that follows the lead paragraph when that is later (photo captions opening that
    /// paragraph skipped). A news page opens with a summary paragraph (the sapo); the body's first
    /// sentence then states the event itself ("Sáng 7/4, tại Hà Nội, Bộ Y tế tổ chức ...") and
    /// belongs to the opening as much as the sapo.
    private static func leadEnd(_ layout: Layout, _ sentences: Sentences) -> Int {
        let end = sentences.leadEnd
        guard let lead = layout.lead else { return end }
        var k = lead + 1
        while k < layout.tail && layout.kinds[k] != .paragraph { k += 1 }
        guard k < layout.tail, var si = sentences.index(of: Int(layout.starts[k])) else { return end }
        let lineEnd = Int(layout.ends[k])
        while si + 1 < sentences.starts.count && Int(sentences.starts[si + 1]) < lineEnd
            && layout.inInlineCaption(Int(sentences.starts[si]))
        {
            si += 1
        }
        return max(end, Int(sentences.ends[si]))
    }

    /// Words between folded positions `from` and `to` (0 when adjacent); large when a sentence
    /// boundary lies between.
    private static func wordsBetween(_ f: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var words = 0
        var p = from
        while p < to {
            let b = f[p]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3B || b == 0x0A { return Int.max / 2 }
            if Folded.isWord(b) && (p == 0 || !Folded.isWord(f[p - 1])) { words += 1 }
            p += 1
        }
        return words
    }

    /// Whether the word after `end` starts a match of the required kind (or, for `name`, is capitalised).
    private static func nextSatisfied(_ a: ArticleText, after end: Int, need: UInt8, starts: [(Int, UInt8)]) -> Bool {
        var p = end
        while p < a.f.count && (a.f[p] == 0x20 || a.f[p] == 0x22 || a.f[p] == 0x27) { p += 1 }
        guard p < a.f.count else { return false }
        var lo = 0
        var hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid].0 < p { lo = mid + 1 } else { hi = mid }
        }
        while lo < starts.count && starts[lo].0 == p {
            if starts[lo].1 & need != 0 { return true }
            lo += 1
        }
        if need & NextCondition.number != 0 && DateToken.isDigit(a.f[p]) { return true }
        if need & NextCondition.name != 0 {
            let w = a.wordIndex(atOrAfter: p)
            if w < a.folded.wordStart.count && Int(a.folded.wordStart[w]) == p
                && a.folded.wordFlags[w] & WordFlags.capitalised != 0
            {
                return true
            }
        }
        return false
    }

    /// One item of a comma-separated list: a comma or semicolon right before the cue (not the comma
    /// closing a dated sentence's opening date), or right
    /// after it when a comma-separated run of at least three items surrounds it and the item right
    /// after it is short (at most four words); or a clause of a
    /// semicolon-separated enumeration (a list of tasks or activities, one sentence long).
    private static func inList(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, datedSentence: Bool, _ lexicon: CompiledLexicon) -> Bool {
        var p = s - 1
        while p >= 0 && f[p] == 0x20 { p -= 1 }
        if p >= 0 && f[p] == 0x3B { return true }
        if p >= 0 && f[p] == 0x2C && !(datedSentence && closesOpening(f, p)) && !closesConnector(f, p, lexicon)
            && !(closesAdverbialOpening(f, p, lexicon) && !itemEndsSoon(f, e))
        {
            return true
        }
        if inSemicolonRun(f, s, e) { return true }
        var q = e
        while q < f.count && f[q] == 0x20 { q += 1 }
        if q < f.count && (f[q] == 0x2C || f[q] == 0x3B) {
            // "X, Y, Z" after the cue: count commas in the next 60 bytes of the sentence. The item
            // right after the cue must be short: a longer clause after the comma ("công tác dân
            // vận, tuyên truyền vận động nhân dân, trong đó, ...") goes on the sentence, no list.
            var commas = 0
            var r = q
            var wordsInNext = 0
            while r < min(f.count, q + 60) {
                let b = f[r]
                if b == 0x2E || b == 0x0A { break }
                if b == 0x2C { commas += 1 }
                if commas == 1 && Folded.isWord(b) && !Folded.isWord(f[r - 1]) { wordsInNext += 1 }
                r += 1
            }
            return commas >= 2 && wordsInNext <= 4
        }
        return false
    }

    /// Words an item of a comma-separated list may run on after the cue before the item ends.
    static let listItemWords = 6

    /// Whether the comma at `comma` closes a phrase (back to the previous comma or the sentence
    /// start) whose first word or first two words are one of ``Lexicon/adverbialOpenings``: then
    /// what follows may be the sentence's subject rather than the next item of a list.
    private static func closesAdverbialOpening(_ f: UnsafeBufferPointer<UInt8>, _ comma: Int, _ lexicon: CompiledLexicon) -> Bool {
        var s = comma
        while s > 0 {
            let b = f[s - 1]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A || b == 0x3A || b == 0x22 || b == 0x2C || b == 0x3B
                || b == 0x28
            {
                break
            }
            s -= 1
        }
        while s < comma && f[s] == 0x20 { s += 1 }
        var first = s
        while first < comma && Folded.isWord(f[first]) { first += 1 }
        guard first > s else { return false }
        if lexicon.adverbialOpenings.contains(f, s, first) { return true }
        guard first < comma && f[first] == 0x20 else { return false }
        var second = first + 1
        while second < comma && Folded.isWord(f[second]) { second += 1 }
        return second > first + 1 && lexicon.adverbialOpenings.contains(f, s, second)
    }

    /// Whether the item the cue starts ends within ``listItemWords`` words: at a comma,
    /// semicolon, colon, bracket, quote, "và" or the sentence end. List items are short ("tuyên
    /// giáo, dân vận, tổ chức"); after an adverbial opening ("Theo ông A, để có con đường, khối
    /// dân vận của xã đã về ở cùng dân nhiều tuần, ...") a cue that goes on as a clause is the
    /// sentence's subject, no list item.
    private static func itemEndsSoon(_ f: UnsafeBufferPointer<UInt8>, _ e: Int) -> Bool {
        var q = e
        var words = 0
        while q < f.count {
            let b = f[q]
            switch b {
            case 0x2C, 0x3B, 0x2E, 0x21, 0x3F, 0x0A, 0x3A, 0x28, 0x29, 0x22: return true
            default: break
            }
            if Folded.isWord(b) && (q == 0 || !Folded.isWord(f[q - 1])) {
                // "và" (folded v, a, tone huyền) closes the last item of a list.
                if q + 3 <= f.count && f[q] == 0x76 && f[q + 1] == 0x61 && f[q + 2] == 0x91
                    && (q + 3 == f.count || !Folded.isWord(f[q + 3]))
                {
                    return true
                }
                words += 1
                if words > listItemWords { return false }
            }
            q += 1
        }
        return true
    }

    /// Whether the comma at `comma` closes a short opening phrase of its sentence: at most three
    /// words back to the sentence start and no other comma. In a dated sentence that phrase is the
    /// date ("Sáng 8/3, Ban Dân vận ... tổ chức"), and what follows is the subject, no list item.
    private static func closesOpening(_ f: UnsafeBufferPointer<UInt8>, _ comma: Int) -> Bool {
        var p = comma - 1
        var words = 0
        while p >= 0 {
            let b = f[p]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A || b == 0x3A || b == 0x22 { break }
            if b == 0x2C || b == 0x3B { return false }
            if Folded.isWord(b) && (p == 0 || !Folded.isWord(f[p - 1])) {
                words += 1
                if words > 3 { return false }
            }
            p -= 1
        }
        return words > 0
    }

    /// Whether the comma at `comma` closes a discourse connector opening its sentence ("Vì thế,
    /// công tác dân vận ...", ``Lexicon/discourseConnectors``): what follows is the sentence's
    /// subject, no list item.
    private static func closesConnector(_ f: UnsafeBufferPointer<UInt8>, _ comma: Int, _ lexicon: CompiledLexicon) -> Bool {
        var e = comma
        while e > 0 && f[e - 1] == 0x20 { e -= 1 }
        var s = e
        while s > 0 {
            let b = f[s - 1]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A || b == 0x3A || b == 0x22 || b == 0x2C || b == 0x3B { break }
            s -= 1
            if e - s > 24 { return false }
        }
        while s < e && f[s] == 0x20 { s += 1 }
        return lexicon.discourseConnectors.contains(f, s, e)
    }

    /// Whether the cue opens a clause of a semicolon-separated enumeration (a list of tasks or
    /// activities: "Tăng cường X; phát huy Y; ..."): at most two words before it back to the
    /// sentence start or a semicolon, and a semicolon on one side of its clause. A cue inside a
    /// clause is not taken for an item: semicolons also join ordinary clauses.
    private static func inSemicolonRun(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var p = s - 1
        var words = 0
        var semicolon = false
        while p >= 0 {
            let b = f[p]
            if b == 0x3B { semicolon = true; break }
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A || b == 0x3A { break }
            if Folded.isWord(b) && (p == 0 || !Folded.isWord(f[p - 1])) {
                words += 1
                if words > 2 { return false }
            }
            p -= 1
        }
        if semicolon { return true }
        var q = e
        while q < f.count {
            let b = f[q]
            if b == 0x3B { return true }
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A { break }
            q += 1
        }
        return false
    }
}
