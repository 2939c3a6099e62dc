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
        /// Phrases that cancel a cue when they occur shortly before it in the same sentence
        /// ("sẽ tổ chức hội nghị" is planned, not held).
        public var negators: [String]
        /// How many words before a cue a negator reaches.
        public var negatorWindow: Int
        /// Factor applied to each further occurrence of the same cue.
        public var repeatDecay: Double
        /// Multipliers by where a cue occurs.
        public var zoneWeights: ZoneWeights
    }

    /// A cue phrase and its weight. A weight of 0 (or below) marks a phrase that must not count
    /// (such as a job title containing the label's words); the longest overlapping cue wins.
    public struct Cue: Sendable {
        /// The phrase as written in the file.
        public var phrase: String
        /// Its weight.
        public var weight: Double
        /// Whether it needs a person, org or event context check (reserved for rules in code).
        public var role: String?
    }

    /// Multipliers for cue weights by zone.
    public struct ZoneWeights: Sendable {
        /// In the title.
        public var title: Double
        /// In the lead (summary and first paragraph).
        public var lead: Double
        /// In later paragraphs.
        public var body: Double
        /// In photo captions.
        public var caption: Double
    }

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
