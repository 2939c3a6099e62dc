/// The topic taxonomy: labels with their cue phrases, weights and thresholds.
///
/// The built-in taxonomy is `config/taxonomy.json`, compiled into the library. Operators extend
/// it by loading their own file with `init(jsonBytes:)` (the CLI's `--taxonomy PATH`): adding a
/// label needs no recompile. The cue phrases are compiled, together with the analyser's built-in
/// lexicons, into one multi-pattern matcher when the taxonomy is loaded.
public struct Taxonomy: Sendable {
    /// One label's rules.
    public struct Label: Sendable {
        /// The label (snake_case), as it appears in results.
        public var name: String
        /// What the label means, for people.
        public var description: String
        /// Raw score at which the label applies (the reported score is then 0.5 or more).
        public var threshold: Double
        /// Distinct cue phrases needed, besides the threshold.
        public var minimumCues: Int
        /// Weighted cue phrases.
        public var cues: [Cue]
        /// Context phrases that scale nearby cues (negation, planning, personnel news).
        public var modifiers: [Modifier]
        /// Factor for a cue that is one item of a comma-separated list.
        public var listFactor: Double
        /// Factor for a cue in a sentence that carries an event date ("Sáng 16/10, ...").
        public var datedFactor: Double
        /// Factor applied to each further occurrence of the same cue.
        public var repeatDecay: Double
        /// Multipliers by where a cue occurs.
        public var zoneWeights: ZoneWeights
        /// Factor for the whole sum when no counted cue lies in the title or the lead: an
        /// article whose opening never names the topic mentions it in passing.
        public var unanchoredFactor: Double = 1
        /// The least cue weight that anchors the label in the title, lead or a caption (a
        /// generic word such as "tổ chức" in the lead does not).
        public var anchorMinimumWeight: Double = 0
        /// Body sentences past the lead that still count as the body; later ones are the deep
        /// body (zone weight `deep`). 0: no deep body.
        public var deepAfter: Int = 0
        /// Factor for the whole sum when the title is a question ("... ai sẽ thắng?"): such a
        /// headline opens an analysis, an opinion or a preview rather than a report.
        public var questionFactor: Double = 1
        /// Per cue: whether the cue in the title rules the label out (a title about a wedding,
        /// a trial or a match is not about a gathering, whatever the body says).
        public var titleVeto: [Bool] = []
        /// Per cue: whether the cue anchors the label wherever it lies (see `Cue.anchors`).
        public var anchorsAnywhere: [Bool] = []
    }

    /// A cue phrase and its weight. A weight of 0 marks a phrase that must not count (a job title
    /// containing the label's words); among overlapping cues of one label the longest wins.
    public struct Cue: Sendable {
        /// The phrase as written in the file.
        public var phrase: String
        /// Its weight.
        public var weight: Double
        /// When set, the cue counts only if the next word starts one of these: "title" (a
        /// personal title or honorific), "organisation", "place", "name" (a capitalised word), "number".
        public var next: [String]
        /// When true, the cue does not count where its first letter is upper case inside a
        /// sentence (then it is part of a name: "Tổ chức Y tế Thế giới", "Diễn đàn Kinh tế").
        public var lowercaseOnly: Bool
        /// The least zone factor the cue gets wherever it occurs (a specific phrase such as
        /// "khen thưởng 21 tập thể" is strong even deep in the body).
        public var minimumZone: Double
        /// When true, the cue in the title rules the label out.
        public var titleVeto: Bool = false
        /// When true, the cue anchors the label even in the body (JSON `"anchors": true`): a
        /// phrase that states the act itself with its recipient ("khen thưởng Công an tỉnh",
        /// "tôn vinh các tập thể, cá nhân") reports the topic wherever the article puts it.
        public var anchors: Bool = false
    }

    /// Phrases that scale a cue when found within a few words before or after it, in the same
    /// sentence. Factor 0 cancels the cue ("sẽ tổ chức hội nghị" is planned, not held).
    public struct Modifier: Sendable {
        /// The phrases.
        public var phrases: [String]
        /// Words before the cue searched.
        public var before: Int
        /// Words after the cue searched.
        public var after: Int
        /// The factor.
        public var factor: Double
        /// Whether the modifier also applies to cues in the title line (JSON `"in_title": false`
        /// limits it to the body: a headline that states a task or a wish names its topic).
        public var inTitle: Bool = true
        /// Whether a cue it applies to anchors the label wherever the cue lies (JSON `"anchors":
        /// true`), as a cue in the opening does: a context that ties the cue to the event the
        /// article reports ("Dịp này, ... được tặng Bằng khen").
        public var anchors: Bool = false
    }

    /// Multipliers for cue weights by zone.
    public struct ZoneWeights: Sendable {
        /// In the title.
        public var title: Double
        /// In the lead: the first sentences after the title.
        public var lead: Double
        /// Later in the body.
        public var body: Double
        /// In photo captions.
        public var caption: Double
        /// Deep in the body: a body sentence more than the label's `deepAfter` sentences past
        /// the lead (a meeting or an honour named there is background, not the article's news).
        /// Equals `body` unless set.
        public var deep: Double = .nan
    }

    /// How many sentences after the title form the lead.
    public let leadSentences: Int

    /// The labels' rules, in file order.
    public let definitions: [Label]

    /// The label names, in taxonomy order.
    public var labels: [String] { definitions.map(\.name) }

    /// Compiled matcher and pattern table (shared, immutable).
    let compiled: CompiledLexicon

    /// The built-in taxonomy (`config/taxonomy.json`).
    public static let builtin: Taxonomy = {
        do {
            return try Taxonomy(jsonBytes: PackageResources.taxonomy_json)
        } catch {
            fatalError("The built-in taxonomy does not load: \(error)")
        }
    }()

    /// Loads a taxonomy from JSON bytes (the format of `config/taxonomy.json`).
    public init(jsonBytes: [UInt8]) throws(TaxonomyError) {
        let root: JSONValue
        do {
            root = try JSONValue.parse(jsonBytes)
        } catch {
            throw TaxonomyError(message: "not valid JSON: \(error)")
        }
        definitions = try Taxonomy.readLabels(root)
        leadSentences = Int(root["lead_sentences"]?.number ?? 3)
        compiled = CompiledLexicon(labels: definitions)
    }
}

/// A taxonomy file that cannot be used, and why.
public struct TaxonomyError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for people.
    public var message: String

    /// The message.
    public var description: String { message }
}
