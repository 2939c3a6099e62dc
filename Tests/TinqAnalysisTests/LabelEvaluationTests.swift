import Testing

@testable import TinqAnalysis

/// Precision, recall, F1, macro-F1 and exact-set accuracy.
@Suite struct LabelEvaluationTests {
    @Test func countsAndScores() {
        var e = LabelEvaluation(labels: ["a", "b"])
        e.add(id: "1", predicted: ["a"], gold: ["a"])  // a tp
        e.add(id: "2", predicted: ["a", "b"], gold: ["a"])  // a tp, b fp
        e.add(id: "3", predicted: [], gold: ["b"])  // b fn
        e.add(id: "4", predicted: [], gold: [])
        #expect(e.total == 4)
        #expect(e.exact == 2)
        #expect(e.exactAccuracy == 0.5)
        #expect(e.counts[0] == LabelEvaluation.Counts(truePositives: 2, falsePositives: 0, falseNegatives: 0))
        #expect(e.counts[1] == LabelEvaluation.Counts(truePositives: 0, falsePositives: 1, falseNegatives: 1))
        #expect(e.counts[0].f1 == 1)
        #expect(e.counts[1].precision == 0)
        #expect(e.counts[1].recall == 0)
        #expect(e.counts[1].f1 == 0)
        #expect(e.macroF1 == 0.5)
        #expect(e.misses.map(\.id) == ["2", "3"])
        #expect(e.misses[0].predicted == ["a", "b"])
    }

    @Test func harmonicMean() {
        let c = LabelEvaluation.Counts(truePositives: 3, falsePositives: 1, falseNegatives: 3)
        #expect(c.precision == 0.75)
        #expect(c.recall == 0.5)
        #expect(abs(c.f1 - 0.6) < 1e-12)
    }

    @Test func emptyLabelIsPerfectWhenNeverPredicted() {
        var e = LabelEvaluation(labels: ["x"])
        e.add(id: "1", predicted: [], gold: [])
        #expect(e.counts[0].f1 == 1)
    }

    @Test func reportListsErrorsOnRequest() {
        var e = LabelEvaluation(labels: ["a"])
        e.add(id: "d1", predicted: ["a"], gold: [])
        let plain = e.report()
        let detailed = e.report(errors: true)
        #expect(plain.contains("macro-F1"))
        #expect(!plain.contains("d1"))
        #expect(detailed.contains("d1  predicted a  gold -"))
    }

    @Test func errorListingExplainsTheWrongLabelsOnly() {
        var e = LabelEvaluation(labels: ["a", "b"])
        let cue = TopicExplanation.Cue(
            evidence: Evidence(text: "bằng khen", offset: 10, length: 9), weight: 2.5, factor: 0.7, zone: .body)
        e.add(id: "d2", predicted: ["a"], gold: ["b"], title: "Tiêu đề") {
            [
                TopicExplanation(label: "a", score: 0.6, applies: true, anchored: true, cues: [cue]),
                TopicExplanation(label: "b", score: 0.2, applies: false, anchored: false, cues: []),
            ]
        }
        var explained = false
        e.add(id: "d3", predicted: ["a"], gold: ["a"]) {
            explained = true
            return []
        }
        #expect(!explained)  // only misclassified articles are explained
        let report = e.report(errors: true)
        #expect(report.contains("    title: Tiêu đề"))
        #expect(report.contains(#"    a 0.600: "bằng khen" 2.50x0.70 body"#))
        #expect(report.contains("    b 0.200 (unanchored): no cue"))
    }
}
