/// Where in the article a topic cue was found: decides its zone weight.
public enum CueZone: String, Sendable {
    /// The headline.
    case title
    /// The first sentences after the title.
    case lead
    /// Later paragraphs.
    case body
    /// A photo caption (a caption line, or a caption running on inside a paragraph).
    case caption
}

/// Why a label scored as it did: every cue that counted, for people tuning the taxonomy or
/// checking a call (`tinq eval --errors`). Not part of the published result.
public struct TopicExplanation: Sendable {
    /// One cue that counted.
    public struct Cue: Sendable {
        /// The cue as written in the article.
        public var evidence: Evidence
        /// The cue's weight in the taxonomy.
        public var weight: Double
        /// Product of its zone weight, modifiers, list, date and repeat factors.
        public var factor: Double
        /// Where it was found.
        public var zone: CueZone

        /// What the cue added to the label's sum.
        public var contribution: Double { weight * factor }
    }

    /// The label.
    public var label: String
    /// The reported score (0.5 or more when the label applies).
    public var score: Double
    /// Whether the label applies.
    public var applies: Bool
    /// False when no counted cue lies in the title, lead or a caption, so the sum was discounted
    /// as a passing mention.
    public var anchored: Bool
    /// Every counted cue, in text order.
    public var cues: [Cue]
}
