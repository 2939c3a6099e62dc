import Testing

@testable import TinqAnalysis

/// The classifier's structural rules, each against a small taxonomy of its own so the checks do
/// not move when the built-in weights are tuned.
@Suite struct TopicClassifierTests {
    /// One label "x" with flat zone weights and the given extra fields and modifiers.
    private static func taxonomy(cues: String, extra: String = "", modifiers: String = "[]") throws -> Taxonomy {
        let json = """
            {"version": 1, "lead_sentences": 1,
             "zone_weights": {"title": 1, "lead": 1, "body": 1, "caption": 1},
             "labels": [{"label": "x", "threshold": 2, "list_factor": 0.25, \(extra)
                         "cues": \(cues), "modifiers": \(modifiers)}]}
            """
        return try Taxonomy(jsonBytes: Array(json.utf8))
    }

    private static func labels(_ text: String, _ taxonomy: Taxonomy) throws -> [String] {
        try Analyzer(taxonomy: taxonomy).analyze(
            ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8))
        ).labels
    }

    private static let filler = "Thời tiết hôm nay có mưa rào ở nhiều nơi trong thành phố và các vùng lân cận."

    @Test func aCueOpeningASemicolonClauseIsAListItem() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 2.5, "phrases": ["công tác dân vận"]}]"#)
        let list = "Tin tức\n\n\(Self.filler)\n\nTăng cường công tác dân vận; phát huy vai trò giám sát của nhân dân."
        #expect(try Self.labels(list, t) == [])
        let plain = "Tin tức\n\n\(Self.filler)\n\nTỉnh tăng cường công tác dân vận trong năm nay ở các xã vùng cao."
        #expect(try Self.labels(plain, t) == ["x"])
        // Inside a clause a semicolon only joins clauses: the cue is no list item.
        let clause = "Tin tức\n\n\(Self.filler)\n\nTỉnh ủy đã báo cáo kết quả thực hiện công tác dân vận; nêu một số kiến nghị."
        #expect(try Self.labels(clause, t) == ["x"])
    }

    @Test func aTopicTheOpeningNeverNamesIsDiscounted() throws {
        let cues = #"[{"weight": 2.5, "phrases": ["bằng khen"]}]"#
        let deep = "Tin tức\n\n\(Self.filler)\n\nCuối buổi, đơn vị được tặng bằng khen vì thành tích trong năm."
        let lead = "Tin tức\n\nCuối buổi, đơn vị được tặng bằng khen vì thành tích trong năm.\n\n\(Self.filler)"
        let anchored = try Self.taxonomy(cues: cues, extra: #""unanchored_factor": 0.5,"#)
        #expect(try Self.labels(deep, anchored) == [])
        #expect(try Self.labels(lead, anchored) == ["x"])
        // Without the factor (the default 1) the deep mention still counts.
        #expect(try Self.labels(deep, try Self.taxonomy(cues: cues)) == ["x"])
        // A weak cue in the lead does not anchor when a least anchoring weight is set.
        let weak = #"[{"weight": 2.5, "phrases": ["bằng khen"]}, {"weight": 0.1, "phrases": ["thời tiết"]}]"#
        let weakLead = "Tin tức\n\n\(Self.filler)\n\nCuối buổi, đơn vị được tặng bằng khen vì thành tích trong năm."
        let strict = try Self.taxonomy(cues: weak, extra: #""unanchored_factor": 0.5, "anchor_min_weight": 1,"#)
        #expect(try Self.labels(weakLead, strict) == [])
        let loose = try Self.taxonomy(cues: weak, extra: #""unanchored_factor": 0.5,"#)
        #expect(try Self.labels(weakLead, loose) == ["x"])
    }

    @Test func modifiersApplyWithinTheTitleLine() throws {
        let t = try Self.taxonomy(
            cues: #"[{"weight": 3, "phrases": ["hội nghị"]}]"#,
            modifiers: #"[{"phrases": ["sẽ"], "before": 4, "factor": 0}]"#)
        #expect(try Self.labels("Tỉnh sẽ tổ chức hội nghị về nông thôn mới\n\n\(Self.filler)", t) == [])
        #expect(try Self.labels("Tỉnh tổ chức hội nghị về nông thôn mới\n\n\(Self.filler)", t) == ["x"])
    }

    @Test func anExplanationListsEveryCueThatCounted() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 3, "phrases": ["hội nghị"]}, {"weight": 1, "phrases": ["đại biểu"]}]"#)
        let text = "Tỉnh tổ chức hội nghị về nông thôn mới\n\n\(Self.filler)\n\nCác đại biểu đã thảo luận sôi nổi."
        let input = ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8))
        let analyzer = Analyzer(taxonomy: t)
        let explained = try analyzer.explainTopics(input)
        #expect(explained.map(\.label) == ["x"])
        #expect(explained[0].applies == (try analyzer.analyze(input).labels == ["x"]))
        #expect(explained[0].cues.map(\.evidence.text) == ["hội nghị", "đại biểu"])
        #expect(explained[0].cues.map(\.zone) == [.title, .body])
        #expect(explained[0].cues.map(\.contribution) == [3, 1])
    }
}
