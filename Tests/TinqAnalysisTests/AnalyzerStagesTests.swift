import Testing

@testable import TinqAnalysis

/// `Analyzer.run(upTo:)`, what `tinq bench analysis --stages` times: every prefix of the
/// pipeline runs on what `analyze` accepts and rejects what it rejects.
@Suite struct AnalyzerStagesTests {
    private static func input(_ text: String, _ type: ContentType = .text) -> ArticleInput {
        ArticleInput(id: "t", url: nil, source: nil, contentType: type, body: Array(text.utf8))
    }

    private static let article = """
        Tỉnh ủy tổng kết công tác dân vận năm 2023
        Sáng 20/12/2023, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận. Phó Bí thư Tỉnh ủy Nguyễn Văn An trao Bằng khen cho 12 tập thể.
        """

    @Test(arguments: Analyzer.Stage.allCases)
    func everyStageRunsOnAnArticle(_ stage: Analyzer.Stage) {
        let analyzer = Analyzer()
        #expect(analyzer.run(upTo: stage, Self.input(Self.article)) > 0)
        #expect(analyzer.run(upTo: stage, Self.input("<p>\(Self.article)</p>", .html)) > 0)
    }

    @Test(arguments: Analyzer.Stage.allCases)
    func everyStageRejectsWhatTheAnalysisRejects(_ stage: Analyzer.Stage) {
        let analyzer = Analyzer(maximumBodyBytes: 1000)
        let notUTF8 = ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: [0x41, 0xFF, 0x42])
        #expect(analyzer.run(upTo: stage, notUTF8) == -1)
        #expect(analyzer.run(upTo: stage, Self.input(" \n ")) == -1)
        #expect(analyzer.run(upTo: stage, Self.input(String(repeating: "a ", count: 600))) == -1)
    }

    @Test func theLastStageIsTheWholeAnalysis() throws {
        let whole = try Analyzer().analyze(Self.input(Self.article))
        #expect(Analyzer().run(upTo: .result, Self.input(Self.article)) == whole.entities.people.count)
        #expect(whole.entities.people.count == 1)
    }
}
