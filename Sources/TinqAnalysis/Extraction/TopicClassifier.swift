/// Scores every taxonomy label from the cue phrases found in the article's content lines.
struct TopicClassifier {
    /// One label's outcome.
    struct Outcome {
        var raw: Double
        var applies: Bool
        var score: Double
        /// Folded spans of the deciding cues, in text order.
        var evidence: [(Int, Int)]
    }

    private struct Hit {
        var start: Int
        var end: Int
        var cue: Int
        var zone: Double
    }

    static func classify(_ text: ArticleText, taxonomy: Taxonomy) -> [Outcome] {
        let defs = taxonomy.definitions
        var hits = [[Hit]](repeating: [], count: defs.count)
        var negators = [[(Int, Int)]](repeating: [], count: defs.count)
        let layout = text.layout
        let info = text.lexicon.info
        for m in text.matches {
            let pi = info[Int(m.pattern)]
            guard pi.kind == .cue || pi.kind == .negator else { continue }
            let s = Int(m.start)
            let line = text.lineIndex(s)
            guard layout.isContent(line) else { continue }
            let label = Int(pi.a)
            if pi.kind == .negator {
                negators[label].append((s, Int(m.end)))
                continue
            }
            let zones = defs[label].zoneWeights
            let zone: Double
            switch layout.kinds[line] {
            case .title: zone = zones.title
            case .caption: zone = zones.caption
            default: zone = line == layout.lead ? zones.lead : zones.body
            }
            hits[label].append(Hit(start: s, end: Int(m.end), cue: Int(pi.b), zone: zone))
        }

        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(defs.count)
        for (l, def) in defs.enumerated() {
            var list = hits[l]
            list.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
            var coveredUntil = -1
            var seen = [Int](repeating: 0, count: def.cues.count)
            var raw = 0.0
            var distinct = 0
            var contributions: [(Double, Int, Int)] = []
            for h in list {
                if h.end <= coveredUntil { continue }
                coveredUntil = max(coveredUntil, h.end)
                let weight = text.lexicon.cueWeights[l][h.cue]
                guard weight > 0 else { continue }
                if negated(h.start, negators[l], window: def.negatorWindow, f: text.f) { continue }
                var factor = 1.0
                for _ in 0..<seen[h.cue] { factor *= def.repeatDecay }
                if seen[h.cue] == 0 { distinct += 1 }
                seen[h.cue] += 1
                let c = weight * h.zone * factor
                raw += c
                contributions.append((c, h.start, h.end))
            }
            let applies = raw >= def.threshold && distinct >= def.minimumCues
            var evidence: [(Int, Int)] = []
            if applies {
                contributions.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
                evidence = contributions.prefix(5).map { ($0.1, $0.2) }.sorted { $0.0 < $1.0 }
            }
            let score = raw / (raw + def.threshold)
            outcomes.append(Outcome(raw: raw, applies: applies, score: score, evidence: evidence))
        }
        return outcomes
    }

    /// Whether a negator ends within `window` words before `start`, in the same sentence.
    private static func negated(_ start: Int, _ negators: [(Int, Int)], window: Int, f: UnsafeBufferPointer<UInt8>) -> Bool {
        for (ns, ne) in negators where ne <= start && start - ne <= window * 12 + 2 {
            _ = ns
            var words = 0
            var ok = true
            var p = ne
            while p < start {
                let b = f[p]
                if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3B || b == 0x0A {
                    ok = false
                    break
                }
                if Folded.isWord(b) && !Folded.isWord(f[p - 1]) { words += 1 }
                p += 1
            }
            if ok && words <= window { return true }
        }
        return false
    }
}
