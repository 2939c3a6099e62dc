/// The analysis of one article: what `tinq classify` prints and workers publish.
///
/// Offsets and lengths count Unicode scalars (code points) in the analysed text: the input as
/// given, or for HTML the text extracted from it. Names and evidence are as written there.
public struct ArticleAnalysis: Sendable {
    /// The producer's id, echoed.
    public var id: String?
    /// The page URL, echoed.
    public var url: String?
    /// The source, echoed.
    public var source: String?
    /// The headline.
    public var title: String?
    /// The event date, `YYYY-MM-DD`, or nil when the article does not tell.
    public var date: String?
    /// How the date was found, e.g. "lead 16/10 + anniversary 94 năm".
    public var dateBasis: String?
    /// The publication stamp, `YYYY-MM-DDTHH:MM`, when the page shows one.
    public var publishedAt: String?
    /// The author line at the end of the body.
    public var byline: String?
    /// The labels that apply, in taxonomy order, each with its score and evidence.
    public var topics: [Topic]
    /// Every taxonomy label's score, in taxonomy order.
    public var scores: [LabelScore]
    /// Named things found in the body.
    public var entities: Entities
    /// Body and boilerplate sizes.
    public var body: BodyStats

    /// The labels that apply, in taxonomy order.
    public var labels: [String] { topics.map(\.label) }

    /// The analyser version written in every result.
    public static let analyzerVersion = "tinq-analysis/1"
}

/// A label that applies, with its score and the spans that decided it.
public struct Topic: Sendable {
    /// The label.
    public var label: String
    /// 0...1; 0.5 or more when the label applies.
    public var score: Double
    /// The strongest cue spans, in text order.
    public var evidence: [Evidence]
}

/// A label's score.
public struct LabelScore: Sendable {
    /// The label.
    public var label: String
    /// 0...1.
    public var score: Double
}

/// A span of the analysed text.
public struct Evidence: Sendable, Equatable {
    /// The text as written.
    public var text: String
    /// Offset in Unicode scalars.
    public var offset: Int
    /// Length in Unicode scalars.
    public var length: Int
}

/// Body and boilerplate sizes, in Unicode scalars.
public struct BodyStats: Sendable, Equatable {
    /// Characters in the article body (title, paragraphs, captions and byline lines).
    public var chars: Int
    /// Characters of page boilerplate: the tail and in-body UI lines.
    public var boilerplateChars: Int
    /// Paragraph count.
    public var paragraphs: Int
    /// Photo caption count.
    public var captions: Int
}
