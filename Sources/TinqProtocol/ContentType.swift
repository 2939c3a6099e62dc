/// The kinds of body a producer may submit.
public enum SubmitContentType: String, Sendable, Codable {
    /// A scraped page as plain text (lines separated by LF).
    case text = "text/plain"
    /// A raw HTML page.
    case html = "text/html"
}
