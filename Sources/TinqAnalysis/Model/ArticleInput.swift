/// One article to analyse: its body bytes and what the scraper knows about it.
public struct ArticleInput: Sendable {
    /// The producer's id for the article, echoed in the result.
    public var id: String?
    /// The page URL, echoed in the result.
    public var url: String?
    /// The source (site or feed name), echoed in the result.
    public var source: String?
    /// How `body` is encoded.
    public var contentType: ContentType
    /// The body as UTF-8 bytes.
    public var body: [UInt8]

    /// Creates an input; `body` is the page as UTF-8 bytes.
    public init(id: String?, url: String?, source: String?, contentType: ContentType, body: [UInt8]) {
        self.id = id
        self.url = url
        self.source = source
        self.contentType = contentType
        self.body = body
    }
}
