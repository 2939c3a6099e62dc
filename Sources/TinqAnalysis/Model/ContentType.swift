/// How an article body is encoded.
public enum ContentType: String, Sendable, CaseIterable {
    /// Plain UTF-8 text, one paragraph or block per line.
    case text = "text/plain"
    /// A UTF-8 HTML page.
    case html = "text/html"
}
