import Testing

@testable import TinqAnalysis

/// Pages built to make a careless scan quadratic: one phrase repeated over two megabytes, in
/// one endless sentence. Each must be analysed like any page; the time limit catches a scan that
/// grows with the square of the page (these took from 9 s to several minutes before the scans
/// were bounded). Not a performance figure: `tinq bench analysis` gives those.
@Suite struct PathologicalInputTests {
    static let pages: [(String, String)] = [
        ("a cue and its list commas", "hội nghị, "),
        ("a planned event", "sẽ tổ chức hội nghị "),
        ("one document", "Nghị quyết 25-NQ/TW "),
        ("a law's name", "Luật Đất đai "),
        ("one honour", "tặng Bằng khen "),
        ("an official's title", "Trưởng Ban Dân vận Tỉnh ủy "),
        ("a run of days", "ngày 7 và 8/11, "),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: pages)
    func aPhraseRepeatedOverTwoMegabytesIsAnalysed(_ what: String, _ phrase: String) throws {
        let count = 2_000_000 / phrase.utf8.count
        let text = "Tiêu đề\n" + String(repeating: phrase, count: count)
        let result = try Analyzer().analyze(ArticleInput(id: what, url: nil, source: nil, contentType: .text, body: Array(text.utf8)))
        #expect(result.body.chars > 1_000_000, "\(what)")
    }

    /// HTML built to find libxml2's slow corners and the extractor's: each one megabyte page is
    /// parsed and analysed within the limit, and keeps the text it holds (`minimum` characters
    /// of body at least; the title alone where libxml2 stops at its nesting limit of 256 or a
    /// comment runs to the end). A sweep of 35 such shapes at two megabytes found none slower
    /// than a second in a release build.
    static let htmlPages: [(String, String, String, Int)] = [
        ("nested blocks", String(repeating: "<div>", count: 100_000), "Hội nghị tổng kết.", 1),
        ("misnested formatting", "", String(repeating: "<b><i>Hội nghị</b></i> ", count: 40_000), 300_000),
        ("unclosed list items", "<ul>", String(repeating: "<li>Hội nghị tổng kết", count: 50_000), 800_000),
        ("unclosed table cells", "<table>", String(repeating: "<tr><td>Bằng khen", count: 50_000), 400_000),
        ("nested tables", String(repeating: "<table><tr><td>", count: 30_000), "Hội nghị tổng kết.", 1),
        ("an unclosed comment", "<!--", String(repeating: "Hội nghị ", count: 100_000), 1),
        ("entities", "<p>", String(repeating: "&amp;&#x1EA1;&nbsp;&bogus;&#99999999; ", count: 30_000), 300_000),
        ("time and meta elements", "", String(repeating: "<time datetime=\"2024-01-01\">Sáng 3/4</time><meta name=\"description\" content=\"x\">", count: 10_000), 50_000),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: htmlPages)
    func aPathologicalHTMLPageIsAnalysed(_ what: String, _ open: String, _ body: String, _ minimum: Int) throws {
        let html = "<html><head><title>Tiêu đề</title></head><body>" + open + body + "</body></html>"
        let result = try Analyzer().analyze(ArticleInput(id: what, url: nil, source: nil, contentType: .html, body: Array(html.utf8)))
        #expect(result.body.chars >= minimum, "\(what): \(result.body.chars) characters")
    }

    /// Thousands of distinct names, documents and organisations: each list is deduplicated by
    /// text, and every entry is kept.
    @Test(.timeLimit(.minutes(1)))
    func thousandsOfDistinctEntitiesAreListed() throws {
        let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
        let middles = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc"]
        let given = ["An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Tuấn", "Vinh"]
        var names: [String] = []
        for s in surnames { for m in middles { for g in given { names.append("\(s) \(m) \(g)") } } }
        var text = "Tiêu đề\n"
        for (i, n) in names.enumerated() {
            text += "Bộ trưởng \(n) ký Quyết định số \(i + 1)/QĐ-UBND. "
        }
        // The same people and documents again: listed once each.
        for (i, n) in names.enumerated() {
            text += "Bộ trưởng \(n) ký Quyết định số \(i + 1)/QĐ-UBND. "
        }
        let result = try Analyzer().analyze(ArticleInput(id: "many", url: nil, source: nil, contentType: .text, body: Array(text.utf8)))
        #expect(result.entities.people.count == names.count)
        #expect(result.entities.documents.count == names.count)
    }
}
