/// Accumulates predicted versus gold label sets and reports per-label precision, recall and F1,
/// macro-F1 and exact label-set accuracy.
public struct LabelEvaluation: Sendable {
    /// Counts for one label.
    public struct Counts: Sendable, Equatable {
        /// True positives.
        public var truePositives = 0
        /// False positives.
        public var falsePositives = 0
        /// False negatives.
        public var falseNegatives = 0

        /// tp / (tp + fp); 1 when nothing was predicted and nothing was expected, else 0 when nothing was predicted.
        public var precision: Double {
            let d = truePositives + falsePositives
            if d == 0 { return falseNegatives == 0 ? 1 : 0 }
            return Double(truePositives) / Double(d)
        }

        /// tp / (tp + fn); 1 when nothing was expected and nothing was predicted.
        public var recall: Double {
            let d = truePositives + falseNegatives
            if d == 0 { return falsePositives == 0 ? 1 : 0 }
            return Double(truePositives) / Double(d)
        }

        /// Harmonic mean of precision and recall (0 when both are 0).
        public var f1: Double {
            let p = precision
            let r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    /// An article whose predicted set differs from the gold set.
    public struct Miss: Sendable {
        /// The article id.
        public var id: String
        /// Predicted labels, in label order.
        public var predicted: [String]
        /// Gold labels, in label order.
        public var gold: [String]
        /// The headline, when known.
        public var title: String?
        /// For each wrongly decided label, why it scored as it did (empty when not given).
        public var explanations: [TopicExplanation] = []
    }

    /// The labels evaluated, in report order.
    public let labels: [String]
    /// Counts per label, in `labels` order.
    public private(set) var counts: [Counts]
    /// Articles seen.
    public private(set) var total = 0
    /// Articles whose predicted set equals the gold set.
    public private(set) var exact = 0
    /// Articles whose sets differ, in the order added.
    public private(set) var misses: [Miss] = []

    /// Starts an empty evaluation over `labels`; labels outside it are ignored.
    public init(labels: [String]) {
        self.labels = labels
        counts = Array(repeating: Counts(), count: labels.count)
    }

    /// Adds one article. `title` and `explain` only serve the error listing: `explain` is called
    /// for a misclassified article only, and its explanations of the wrongly decided labels are kept.
    public mutating func add(
        id: String, predicted: [String], gold: [String], title: String? = nil,
        explain: () -> [TopicExplanation] = { [] }
    ) {
        total += 1
        let p = Set(predicted)
        let g = Set(gold)
        var same = true
        for (i, label) in labels.enumerated() {
            switch (p.contains(label), g.contains(label)) {
            case (true, true): counts[i].truePositives += 1
            case (true, false):
                counts[i].falsePositives += 1
                same = false
            case (false, true):
                counts[i].falseNegatives += 1
                same = false
            case (false, false): break
            }
        }
        if same {
            exact += 1
        } else {
            let wrong = p.symmetricDifference(g)
            misses.append(
                Miss(
                    id: id, predicted: labels.filter { p.contains($0) }, gold: labels.filter { g.contains($0) },
                    title: title, explanations: explain().filter { wrong.contains($0.label) }))
        }
    }

    /// Mean of the per-label F1 scores.
    public var macroF1: Double {
        counts.isEmpty ? 0 : counts.map(\.f1).reduce(0, +) / Double(counts.count)
    }

    /// Share of articles with exactly the gold label set.
    public var exactAccuracy: Double { total == 0 ? 0 : Double(exact) / Double(total) }

    /// A printable table; with `errors`, the misclassified ids follow.
    public func report(errors: Bool = false) -> String {
        var lines: [String] = []
        lines.append("label          precision  recall     F1   (tp  fp  fn)")
        for (label, c) in zip(labels, counts) {
            lines.append(
                pad(label, 14) + pad(fixed(c.precision), 11, left: true) + pad(fixed(c.recall), 8, left: true)
                    + pad(fixed(c.f1), 7, left: true) + "   (\(c.truePositives) \(c.falsePositives) \(c.falseNegatives))")
        }
        lines.append("macro-F1  \(fixed(macroF1))")
        lines.append("exact label set  \(fixed(exactAccuracy))  (\(exact) of \(total))")
        if errors {
            lines.append("misclassified: \(misses.count)")
            for m in misses {
                let p = m.predicted.isEmpty ? "-" : m.predicted.joined(separator: ",")
                let g = m.gold.isEmpty ? "-" : m.gold.joined(separator: ",")
                lines.append("  \(m.id)  predicted \(p)  gold \(g)")
                if let title = m.title { lines.append("    title: \(title)") }
                for e in m.explanations { lines.append("    " + describe(e)) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "award 0.39 (unanchored): "trao giải" 2.5x0.70 body, ..." with the strongest cues first.
    private func describe(_ e: TopicExplanation) -> String {
        var head = "\(e.label) \(fixed(e.score))"
        if !e.anchored { head += " (unanchored)" }
        guard !e.cues.isEmpty else { return head + ": no cue" }
        let strongest = e.cues.sorted { $0.contribution > $1.contribution }.prefix(6)
        let cues = strongest.map { c in
            "\"\(c.evidence.text)\" \(decimal(c.weight))x\(decimal(c.factor)) \(c.zone.rawValue)"
        }
        let more = e.cues.count > strongest.count ? ", +\(e.cues.count - strongest.count) more" : ""
        return head + ": " + cues.joined(separator: ", ") + more
    }

    /// Two decimals.
    private func decimal(_ v: Double) -> String {
        let t = Int((v * 100).rounded())
        let frac = String(t % 100)
        return "\(t / 100)." + String(repeating: "0", count: 2 - frac.count) + frac
    }

    private func fixed(_ v: Double) -> String {
        let t = Int((v * 1000).rounded())
        let frac = String(t % 1000)
        return "\(t / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    private func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, n - s.count))
        return left ? fill + s : s + fill
    }
}
