import Testing

@testable import TinqAnalysis

/// The event date read from the lead (`DateResolver`, `DateToken`), with sentences written for
/// the test.
@Suite struct EventDateTests {
    private static func analyze(lead: String) throws -> ArticleAnalysis {
        let text = "Hội thảo về giống lúa chịu mặn\n\(lead)\nCác đại biểu đã thảo luận nhiều giải pháp cho vùng ven biển.\n"
        return try Analyzer().analyze(ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8)))
    }

    @Test func aDayPartDateWithItsYear() throws {
        let r = try Self.analyze(lead: "Sáng 7/11/2024, Viện Lúa tổ chức hội thảo khoa học về giống lúa chịu mặn.")
        #expect(r.date == "2024-11-07")
        #expect(r.dateBasis == "lead 7/11/2024")
    }

    @Test func aDateWithoutAYearIsUnknown() throws {
        let r = try Self.analyze(lead: "Sáng 7/11, Viện Lúa tổ chức hội thảo khoa học về giống lúa chịu mặn.")
        #expect(r.date == nil)
        #expect(r.dateBasis == nil)
    }

    /// A meeting over several days: the month written once, after the last day.
    @Test(arguments: [
        ("Ngày 7-8/11/2024, Viện Lúa tổ chức hội thảo.", "7-8/11/2024"),
        ("Trong hai ngày 7 - 8/11/2024, Viện Lúa tổ chức hội thảo.", "7 - 8/11/2024"),
        ("Trong hai ngày 7 và 8/11/2024, Viện Lúa tổ chức hội thảo.", "7 và 8/11/2024"),
        ("Từ ngày 7 đến 9/11/2024, Viện Lúa tổ chức hội thảo.", "7 đến 9/11/2024"),
        ("Ngày 7 tới 9 tháng 11 năm 2024, Viện Lúa tổ chức hội thảo.", "7 tới 9 tháng 11 năm 2024"),
    ])
    func aRunOfDaysDatesTheEventByItsFirstDay(_ lead: String, _ written: String) throws {
        let r = try Self.analyze(lead: lead)
        #expect(r.date == "2024-11-07")
        #expect(r.dateBasis == "lead " + written)
    }

    @Test func aRunOfDaysBackwardsIsNoDate() throws {
        #expect(try Self.analyze(lead: "Ngày 9-8/11/2024, Viện Lúa tổ chức hội thảo.").date == nil)
        // "1-2/3/4" reads as numbers, not days.
        #expect(try Self.analyze(lead: "Ngày 1-2/3/4, Viện Lúa tổ chức hội thảo.").date == nil)
    }

    /// A run of days dates its sentence as a single day does, and the event cue in it counts the
    /// taxonomy's dated factor.
    @Test func aRunOfDaysDatesItsSentence() throws {
        let undated = try Self.analyze(lead: "Vừa qua, Viện Lúa tổ chức hội thảo khoa học về giống lúa chịu mặn.")
        let ranged = try Self.analyze(lead: "Trong hai ngày 7 và 8/11, Viện Lúa tổ chức hội thảo khoa học về giống lúa chịu mặn.")
        let single = try Self.analyze(lead: "Ngày 7/11, Viện Lúa tổ chức hội thảo khoa học về giống lúa chịu mặn.")
        let score = { (r: ArticleAnalysis) in r.scores.first { $0.label == "conference" }?.score ?? 0 }
        #expect(score(ranged) > score(undated))
        #expect(score(ranged) == score(single))
    }
}
