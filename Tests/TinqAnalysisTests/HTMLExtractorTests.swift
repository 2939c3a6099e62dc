import Foundation
import Testing
import TinqTesting

@testable import TinqAnalysis

/// HTML pages built from the seeds analyse like the plain-text seeds.
@Suite struct HTMLExtractorTests {
    static func escape(_ s: Substring) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The seed as a web page: title in `<title>` and `<h1>`, each run of lines a `<p>` with
    /// `<br>` between lines, plus navigation, scripts and a comment form that must be ignored.
    static func html(fromSeed text: String, published: String?) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Title: first line that is not a header date (seed 004 starts with one).
        var header: Substring?
        if lines.first?.hasPrefix("Hà Nội, ngày") == true { header = lines.removeFirst() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        let title = lines.removeFirst()
        var html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escape(title)) | Báo Mẫu</title>"
        if let published { html += "<meta property=\"article:published_time\" content=\"\(published)\">" }
        html += "<script>document.write('<p>Dân vận khéo</p>')</script><style>p{color:red}</style></head><body>"
        html += "<nav><ul><li>Trang chủ</li><li>Tin khác</li></ul></nav>"
        if let header { html += "<div class=\"date\">\(escape(header))</div>" }
        html += "<article><h1>\(escape(title))</h1>\n"
        var run: [Substring] = []
        func flush() {
            if !run.isEmpty { html += "<p>" + run.map(escape).joined(separator: "<br>\n") + "</p>\n" }
            run = []
        }
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { flush() } else { run.append(line) }
        }
        flush()
        html += "</article><form><textarea>Bình luận</textarea><button>Gửi</button></form></body></html>"
        return html
    }

    static func results(_ name: String, published: String? = nil) throws -> (ArticleAnalysis, ArticleAnalysis) {
        let text = String(decoding: try Data(contentsOf: RepositoryPaths.seeds.appendingPathComponent(name)), as: UTF8.self)
        let analyzer = Analyzer()
        let plain = try analyzer.analyze(ArticleInput(id: name, url: nil, source: nil, contentType: .text, body: Array(text.utf8)))
        let page = Array(html(fromSeed: text, published: published).utf8)
        let html = try analyzer.analyze(ArticleInput(id: name, url: nil, source: nil, contentType: .html, body: page))
        return (plain, html)
    }

    @Test(arguments: SeedTests.seedNames)
    func seedAsHTMLAnalysesLikeText(_ name: String) throws {
        let (plain, html) = try Self.results(name)
        #expect(html.title == plain.title)
        #expect(html.labels == plain.labels)
        #expect(html.entities.people.map(\.name) == plain.entities.people.map(\.name))
        #expect(html.entities.documents.map(\.text) == plain.entities.documents.map(\.text))
        #expect(html.byline == plain.byline)
        #expect(html.date == plain.date)
    }

    @Test func metadataGivesTheYear() throws {
        // Seed 003 has no stamp of its own; the page metadata dates it.
        let (_, html) = try Self.results("003_d45ce154916dd954.txt", published: "2024-10-16T11:05:00+07:00")
        #expect(html.publishedAt == "2024-10-16T11:05")
        #expect(html.date == "2024-10-16")
        #expect(html.dateBasis?.contains("page metadata") == true)
    }

    @Test func scriptsStylesAndFormsAreNotText() throws {
        let page = HTMLExtractor.self
        let result = try page.extract(Array("<html><head><title>T</title><script>var a = 1;</script></head><body><p>Một <b>hai</b>\nba</p><form>Gửi</form><p>bốn</p></body></html>".utf8))
        let text = String(decoding: result.text, as: UTF8.self)
        #expect(text == "T\n\nMột hai ba\n\nbốn")
        #expect(result.title == "T")
    }

    @Test func brokenMarkupStillGivesText() throws {
        let result = try HTMLExtractor.extract(Array("<p>Sáng 16/10, <b>Quận ủy<p>tổ chức hội nghị</div></i>".utf8))
        let text = String(decoding: result.text, as: UTF8.self)
        #expect(text.contains("Quận ủy"))
        #expect(text.contains("tổ chức hội nghị"))
    }

    /// A tag keeps its first `maximumAttributes` attributes; the rest are blanked out before
    /// libxml2 reads the page (it takes time growing with the square of their number).
    @Test func aTagWithThousandsOfAttributesIsCut() throws {
        let many = (0..<1000).map { "data-a\($0)=\"v>\($0)\"" }.joined(separator: " ")
        let html = "<html><head><meta property=\"article:published_time\" content=\"2024-10-16T11:05:00+07:00\"></head><body><p \(many)>Sáng 16/10, Quận ủy tổ chức hội nghị.</p></body></html>"
        let capped = try #require(HTMLExtractor.capAttributes(Array(html.utf8)))
        let text = String(decoding: capped, as: UTF8.self)
        #expect(capped.count == html.utf8.count)
        #expect(text.contains("data-a255=\"v>255\"") && !text.contains("data-a256"))
        let page = try HTMLExtractor.extract(Array(html.utf8))
        #expect(String(decoding: page.text, as: UTF8.self) == "Sáng 16/10, Quận ủy tổ chức hội nghị.")
        #expect(page.published == "2024-10-16T11:05:00+07:00")
    }

    /// Ordinary pages pass untouched, and what only looks like attributes (in a comment, a
    /// script, a quoted value) is not counted.
    @Test func attributesAreCountedOnlyInTags() {
        let crowd = (0..<400).map { "a\($0)=1" }.joined(separator: " ")
        let pages = [
            "<p class=\"x\" id=y>Một hai</p>",
            "<!-- <p \(crowd)> --><p>Một</p>",
            "<script>if (a <b \(crowd)) {}</script><p>Một</p>",
            "<p title=\"\(crowd)\">Một</p>",
        ]
        for page in pages { #expect(HTMLExtractor.capAttributes(Array(page.utf8)) == nil, "\(page.prefix(40))") }
        #expect(HTMLExtractor.capAttributes(Array("<p \(crowd)>Một</p>".utf8)) != nil)
    }
}
