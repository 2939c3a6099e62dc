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
        // The body's first sentence belongs to the lead: the cue comes after it.
        let deep = "Tin tức\n\n\(Self.filler)\n\n\(Self.filler) Cuối buổi, đơn vị được tặng bằng khen vì thành tích trong năm."
        let lead = "Tin tức\n\nCuối buổi, đơn vị được tặng bằng khen vì thành tích trong năm.\n\n\(Self.filler)"
        let anchored = try Self.taxonomy(cues: cues, extra: #""unanchored_factor": 0.5,"#)
        #expect(try Self.labels(deep, anchored) == [])
        #expect(try Self.labels(lead, anchored) == ["x"])
        // Without the factor (the default 1) the deep mention still counts.
        #expect(try Self.labels(deep, try Self.taxonomy(cues: cues)) == ["x"])
        // A weak cue in the lead does not anchor when a least anchoring weight is set.
        let weak = #"[{"weight": 2.5, "phrases": ["bằng khen"]}, {"weight": 0.1, "phrases": ["thời tiết"]}]"#
        let weakLead = "Tin tức\n\n\(Self.filler)\n\n\(Self.filler) Cuối buổi, đơn vị được tặng bằng khen vì thành tích trong năm."
        let strict = try Self.taxonomy(cues: weak, extra: #""unanchored_factor": 0.5, "anchor_min_weight": 1,"#)
        #expect(try Self.labels(weakLead, strict) == [])
        let loose = try Self.taxonomy(cues: weak, extra: #""unanchored_factor": 0.5,"#)
        #expect(try Self.labels(weakLead, loose) == ["x"])
    }

    @Test func aCueDeepInTheBodyCountsTheDeepZoneWeight() throws {
        let cues = #"[{"weight": 2.5, "phrases": ["bằng khen"]}]"#
        let cue = "Cuối buổi, đơn vị được tặng bằng khen vì thành tích trong năm."
        // Lead: the first paragraph and the body's first sentence; then two body sentences.
        let near = "Tin tức\n\n\(Self.filler)\n\n\(Self.filler) \(Self.filler) \(cue)"
        let deep = "Tin tức\n\n\(Self.filler)\n\n\(Self.filler) \(Self.filler) \(Self.filler) \(cue)"
        let t = try Self.taxonomy(
            cues: cues, extra: #""deep_after_sentences": 2, "zone_weights": {"body": 1, "deep": 0.5},"#)
        #expect(try Self.labels(near, t) == ["x"])
        #expect(try Self.labels(deep, t) == [])
        // Without deep_after_sentences the deep body is the body.
        #expect(try Self.labels(deep, try Self.taxonomy(cues: cues)) == ["x"])
        // A label's zone weights without "deep" give the deep body the body weight.
        let bodyOnly = try Self.taxonomy(
            cues: cues, extra: #""deep_after_sentences": 2, "zone_weights": {"body": 1},"#)
        #expect(try Self.labels(deep, bodyOnly) == ["x"])
    }

    @Test func aDateWrittenWithADotDatesTheSentence() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 1.5, "phrases": ["bằng khen"]}]"#, extra: #""dated_factor": 2,"#)
        #expect(try Self.labels("Tin tức\n\nChiều 2.6, đơn vị được tặng bằng khen.\n\n\(Self.filler)", t) == ["x"])
        #expect(try Self.labels("Tin tức\n\nChiều 2/6, đơn vị được tặng bằng khen.\n\n\(Self.filler)", t) == ["x"])
        #expect(try Self.labels("Tin tức\n\nSáng ngày 28.5.2017, đơn vị được tặng bằng khen.\n\n\(Self.filler)", t) == ["x"])
        // A number, no date.
        #expect(try Self.labels("Tin tức\n\nChiều 2.600 người xem đơn vị được tặng bằng khen.\n\n\(Self.filler)", t) == [])
        #expect(try Self.labels("Tin tức\n\nCuối buổi, đơn vị được tặng bằng khen.\n\n\(Self.filler)", t) == [])
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
        let text = "Tỉnh tổ chức hội nghị về nông thôn mới\n\n\(Self.filler)\n\n\(Self.filler) Các đại biểu đã thảo luận sôi nổi."
        let input = ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8))
        let analyzer = Analyzer(taxonomy: t)
        let explained = try analyzer.explainTopics(input)
        #expect(explained.map(\.label) == ["x"])
        #expect(explained[0].applies == (try analyzer.analyze(input).labels == ["x"]))
        #expect(explained[0].cues.map(\.evidence.text) == ["hội nghị", "đại biểu"])
        #expect(explained[0].cues.map(\.zone) == [.title, .body])
        #expect(explained[0].cues.map(\.contribution) == [3, 1])
    }

    /// The zone of each counted cue of label "x" in `text`.
    private static func zones(_ text: String, _ taxonomy: Taxonomy) throws -> [CueZone] {
        let input = ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8))
        return try Analyzer(taxonomy: taxonomy).explainTopics(input)[0].cues.map(\.zone)
    }

    @Test func aCaptionRunningOnInsideAParagraphIsACaption() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 3, "phrases": ["hội nghị"]}]"#)
        func body(_ caption: String) -> String {
            "Tin tức\n\(Self.filler)\n\(Self.filler) \(caption) Tiếp đó, bà con tiếp tục thu hoạch lúa trên đồng."
        }
        #expect(try Self.zones(body("Ông Nguyễn Văn A phát biểu tại hội nghị. Ảnh: TTXVN"), t) == [.caption])
        #expect(try Self.zones(body("Ông Nguyễn Văn A phát biểu tại hội nghị - Ảnh: MINH ANH."), t) == [.caption])
        #expect(try Self.zones(body("Ông Nguyễn Văn A phát biểu tại hội nghị. (Nguồn: Reuters)"), t) == [.caption])
        // The time of the day dates the photo to the reported event.
        #expect(try Self.zones(body("Ông Nguyễn Văn A phát biểu tại hội nghị chiều 21-6. Ảnh: TTXVN"), t) == [.caption])
        // A year or a bare date marks an archive photo: the sentence stays body text.
        #expect(try Self.zones(body("Ông Nguyễn Văn A tại hội nghị tháng 6/2017. Ảnh: TTXVN"), t) == [.body])
        #expect(try Self.zones(body("Ông Nguyễn Văn A tại hội nghị ngày 15/4. Ảnh: TTXVN"), t) == [.body])
        // "Trong ảnh:" opens a caption rather than closing one; "Tin-ảnh:" credits the story.
        #expect(try Self.zones(body("Ông Nguyễn Văn A phát biểu tại hội nghị. Trong ảnh: ông A."), t) == [.body])
        #expect(try Self.zones(body("Ông Nguyễn Văn A phát biểu tại hội nghị. Tin-ảnh: Minh Anh"), t) == [.body])
        // Without a credit there is no caption.
        #expect(try Self.zones(body("Ông Nguyễn Văn A phát biểu tại hội nghị."), t) == [.body])
    }

    @Test func aLineOpeningWithAnhAndADescriptionIsACaption() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 3, "phrases": ["hội nghị"]}]"#)
        func page(_ line: String) -> String { "Tin tức\n\(Self.filler)\n\(Self.filler)\n\(line)\n\(Self.filler)" }
        #expect(try Self.zones(page("Ảnh: Lãnh đạo tỉnh phát biểu tại hội nghị tổng kết năm."), t) == [.caption])
        // A paragraph that only mentions a photo is none.
        #expect(try Self.zones(page("Ảnh chụp tại hội nghị cho thấy nhiều đại biểu vắng mặt."), t) == [.body])
    }

    @Test func theBodysFirstSentenceBelongsToTheLead() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 3, "phrases": ["hội nghị"]}]"#)
        let first = "Tin tức\n\(Self.filler)\nSáng 7/4, tỉnh tổ chức hội nghị về nông thôn mới. \(Self.filler)"
        #expect(try Self.zones(first, t) == [.lead])
        let second = "Tin tức\n\(Self.filler)\nSáng 7/4, trời mưa to ở nhiều nơi. Tỉnh tổ chức hội nghị về nông thôn mới."
        #expect(try Self.zones(second, t) == [.body])
        // A caption opening that paragraph is skipped: the lead runs to the next sentence.
        let captioned =
            "Tin tức\n\(Self.filler)\nQuang cảnh buổi sáng. Ảnh: TTXVN Sáng 7/4, tỉnh tổ chức hội nghị về nông thôn mới."
        #expect(try Self.zones(captioned, t) == [.lead])
    }

    @Test func aModifierMaySharePartOfTheCue() throws {
        // "2 lần được" (a past tally) shares its last word with the cue "được trao tặng".
        let t = try Self.taxonomy(
            cues: #"[{"weight": 3, "phrases": ["được trao tặng"]}]"#,
            modifiers: #"[{"phrases": ["lần được"], "before": 4, "factor": 0}]"#)
        #expect(try Self.labels("Tin tức\n\nÔng A 2 lần được trao tặng huân chương.\n\n\(Self.filler)", t) == [])
        #expect(try Self.labels("Tin tức\n\nÔng A vừa được trao tặng huân chương.\n\n\(Self.filler)", t) == ["x"])
    }

    @Test func aLongClauseAfterTheCommaIsNoListItem() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 2.5, "phrases": ["công tác dân vận"]}]"#)
        let list = "Tin tức\n\nTỉnh chú trọng công tác dân vận, công tác mặt trận, công tác thanh niên ở cơ sở.\n\n\(Self.filler)"
        #expect(try Self.labels(list, t) == [])
        let clause =
            "Tin tức\n\nBản chất của lực lượng là công tác dân vận, tuyên truyền vận động nhân dân chấp hành pháp luật, trong đó, báo chí giữ vai trò lớn.\n\n\(Self.filler)"
        #expect(try Self.labels(clause, t) == ["x"])
    }

    @Test func theCommaAfterAnOpeningDateIsNoListSeparator() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 2.5, "phrases": ["ban dân vận"]}]"#)
        let dated = "Tin tức\n\nSáng 8/3, Ban Dân vận tỉnh tập huấn cho cán bộ cơ sở.\n\n\(Self.filler)"
        #expect(try Self.labels(dated, t) == ["x"])
        // After any other opening the comma still marks an item.
        let listed = "Tin tức\n\nSở Nội vụ, Ban Dân vận tỉnh tập huấn cho cán bộ cơ sở.\n\n\(Self.filler)"
        #expect(try Self.labels(listed, t) == [])
    }

    @Test func aDotAfterAnAbbreviationEndsNoSentence() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 3, "phrases": ["hội nghị"]}]"#)
        // "TP. HCM" and an initial ("Q. 1") inside the body's first sentence: the cue stays in the lead.
        let city = "Tin tức\n\(Self.filler)\nSáng 7/4, Thành ủy TP. HCM tổ chức hội nghị về cải cách hành chính. \(Self.filler)"
        #expect(try Self.zones(city, t) == [.lead])
        let district = "Tin tức\n\(Self.filler)\nSáng 7/4, phường Bến Nghé, Q. 1 tổ chức hội nghị về cải cách hành chính."
        #expect(try Self.zones(district, t) == [.lead])
        // A sentence closed by an ordinary word ends there, and so does one closed by a person's initial.
        let two = "Tin tức\n\(Self.filler)\nSáng 7/4, trời mưa to ở Hà Nội. Thành phố tổ chức hội nghị về cải cách."
        #expect(try Self.zones(two, t) == [.body])
        let initial = "Tin tức\n\(Self.filler)\nSáng 7/4, người bị thương là anh Nguyễn Văn A. Thành phố tổ chức hội nghị về an toàn."
        #expect(try Self.zones(initial, t) == [.body])
    }

    @Test func aModifierMarkedNotInTitleLeavesTitleCuesAlone() throws {
        let cues = #"[{"weight": 3, "phrases": ["hội nghị"]}]"#
        let text = "Cần tổ chức hội nghị về nông thôn mới\n\n\(Self.filler)"
        let everywhere = try Self.taxonomy(cues: cues, modifiers: #"[{"phrases": ["cần"], "before": 4, "factor": 0}]"#)
        #expect(try Self.labels(text, everywhere) == [])
        let bodyOnly = try Self.taxonomy(
            cues: cues, modifiers: #"[{"phrases": ["cần"], "before": 4, "factor": 0, "in_title": false}]"#)
        #expect(try Self.labels(text, bodyOnly) == ["x"])
        // In the body it still applies.
        #expect(try Self.labels("Tin tức\n\nTỉnh cần tổ chức hội nghị về nông thôn mới.\n\n\(Self.filler)", bodyOnly) == [])
    }

    @Test func aQuestionTitleScalesTheSum() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 2, "phrases": ["bằng khen"]}]"#, extra: #""question_factor": 0.5,"#)
        #expect(try Self.labels("Ai sẽ nhận bằng khen năm nay?\n\n\(Self.filler)", t) == [])
        #expect(try Self.labels("Ai sẽ nhận bằng khen năm nay?\"\n\n\(Self.filler)", t) == [])
        #expect(try Self.labels("Đơn vị nhận bằng khen năm nay\n\n\(Self.filler)", t) == ["x"])
    }

    @Test func theCommaAfterAnOpeningConnectorIsNoListSeparator() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 2.5, "phrases": ["công tác dân vận"]}]"#)
        let connector = "Tin tức\n\nVì thế, công tác dân vận của lực lượng vũ trang rất quan trọng.\n\n\(Self.filler)"
        #expect(try Self.labels(connector, t) == ["x"])
        let listed = "Tin tức\n\nCông tác mặt trận, công tác dân vận của lực lượng vũ trang rất quan trọng.\n\n\(Self.filler)"
        #expect(try Self.labels(listed, t) == [])
    }

    @Test func aCommaClosingAnAdverbialOpeningIsNoListSeparatorBeforeAClause() throws {
        let t = try Self.taxonomy(cues: #"[{"weight": 2.5, "phrases": ["khối dân vận"]}]"#)
        // "Để ...," opens the sentence; the cue then runs on as its subject.
        let subject =
            "Tin tức\n\nĐể có con đường, khối dân vận của xã đã kiên trì vận động từng hộ gia đình trong nhiều tháng.\n\n\(Self.filler)"
        #expect(try Self.labels(subject, t) == ["x"])
        // After the same opening, a short item followed by more items is still one of a list.
        let listed =
            "Tin tức\n\nĐể làm tốt công việc, khối dân vận, khối mặt trận và khối nội chính cùng vào cuộc.\n\n\(Self.filler)"
        #expect(try Self.labels(listed, t) == [])
        // Any other phrase before the comma is an item, however long the cue's clause.
        let noun =
            "Tin tức\n\nCác đoàn thể, khối dân vận của xã đã kiên trì vận động từng hộ gia đình trong nhiều tháng.\n\n\(Self.filler)"
        #expect(try Self.labels(noun, t) == [])
    }

    @Test func aModifierMarkedAnchorsAnchorsTheCueItAppliesTo() throws {
        let cues = #"[{"weight": 2.5, "phrases": ["bằng khen"]}]"#
        let text =
            "Tin tức\n\n\(Self.filler)\n\n\(Self.filler) Dịp này, đơn vị được tặng bằng khen vì thành tích trong năm."
        let plain = try Self.taxonomy(
            cues: cues, extra: #""unanchored_factor": 0.5,"#,
            modifiers: #"[{"phrases": ["dịp này"], "before": 8, "factor": 1}]"#)
        #expect(try Self.labels(text, plain) == [])
        let anchoring = try Self.taxonomy(
            cues: cues, extra: #""unanchored_factor": 0.5,"#,
            modifiers: #"[{"phrases": ["dịp này"], "before": 8, "factor": 1, "anchors": true}]"#)
        #expect(try Self.labels(text, anchoring) == ["x"])
        // Out of the modifier's reach the cue stays unanchored.
        let far =
            "Tin tức\n\n\(Self.filler)\n\n\(Self.filler) Dịp này, sau nhiều năm phấn đấu bền bỉ trong mọi lĩnh vực công tác, đơn vị được tặng bằng khen."
        #expect(try Self.labels(far, anchoring) == [])
    }
}
