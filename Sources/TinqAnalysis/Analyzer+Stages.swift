/// The analysis cut into cumulative stages, for `tinq bench analysis --stages`: running up to
/// stage k runs every stage before it too, in the real order, so the difference between two
/// neighbouring timings is what one stage adds, with the caches as the real pipeline leaves them.
extension Analyzer {
    /// A prefix of the pipeline (see `Analyzer.analyze`).
    public enum Stage: Int, CaseIterable, Sendable {
        /// UTF-8 check, folding, words and lines (`FoldedText`).
        case fold
        /// The pattern matcher over the folded text, matches sorted by consumer.
        case match
        /// Line kinds, article extent, title and byline lines (`Layout`).
        case layout
        /// Sentences and topic labels with their evidence (`TopicClassifier`).
        case topics
        /// Event date and its basis (`DateResolver`).
        case dates
        /// People, organisations, places, documents, figures (`EntityExtractor`).
        case entities
        /// The whole `analyze`: the result value with its strings.
        case result

        /// A short name for tables.
        public var name: String {
            switch self {
            case .fold: "fold"
            case .match: "match"
            case .layout: "layout"
            case .topics: "topics"
            case .dates: "dates"
            case .entities: "entities"
            case .result: "result"
            }
        }
    }

    /// Runs the analysis of `input` up to and including `stage` and returns a number that
    /// depends on what was computed (so the optimiser cannot drop the work), or -1 when the
    /// article is rejected (the same articles `analyze` rejects).
    public func run(upTo stage: Stage, _ input: ArticleInput) -> Int {
        guard input.body.count <= maximumBodyBytes else { return -1 }
        if stage == .result { return (try? analyze(input))?.entities.people.count ?? -1 }
        switch input.contentType {
        case .text:
            return run(upTo: stage, text: input.body, page: nil)
        case .html:
            guard let page = try? HTMLExtractor.extract(input.body) else { return -1 }
            return run(upTo: stage, text: page.text, page: page)
        }
    }

    private func run(upTo stage: Stage, text: [UInt8], page: HTMLPage?) -> Int {
        text.withUnsafeBufferPointer { original in
            guard let folded = try? FoldedText(utf8: original), !folded.wordStart.isEmpty else { return -1 }
            if stage == .fold { return folded.count &+ folded.wordStart.count }
            return folded.bytes.withUnsafeBufferPointer { f in
                let lexicon = taxonomy.compiled
                let b = matches(in: f)
                if stage == .match { return b.cues.count &+ b.entities.count &+ b.layout.count &+ b.dayParts.count }
                let layout = Layout(folded: folded, f: f, matches: b.layout, lexicon: lexicon)
                let article = ArticleText(
                    original: original, folded: folded, f: f, cueMatches: b.cues, entityMatches: b.entities,
                    dayPartMatches: b.dayParts, lexicon: lexicon, layout: layout)
                var sink = layout.count &+ (layout.title ?? 0)
                if stage == .layout { return sink }
                let sentences = Sentences(article, leadCount: taxonomy.leadSentences)
                let outcomes = TopicClassifier.classify(article, sentences: sentences, taxonomy: taxonomy)
                for o in outcomes where o.applies { sink &+= o.evidence.count }
                if stage == .topics { return sink }
                sink &+= DateResolver.resolve(article, sentences: sentences, page: page).date == nil ? 0 : 1
                if stage == .dates { return sink }
                return sink &+ EntityExtractor.extract(article).people.count
            }
        }
    }
}
