/// Finds the event date, its basis and the publication stamp.
enum DateResolver {
    struct Result {
        var date: String?
        var basis: String?
        var publishedAt: String?
    }

    static func resolve(_ a: ArticleText, page: HTMLPage?) -> Result {
        Result()
    }
}
