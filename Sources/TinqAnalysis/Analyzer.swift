/// Analyses scraped Vietnamese news pages: title, dates, byline, entities and topic labels with
/// evidence. Pure (no I/O, clocks or mutable globals), thread-safe and reusable: share one
/// analyser between threads.
public struct Analyzer: Sendable {
    /// The taxonomy whose labels are scored.
    public let taxonomy: Taxonomy
    /// Largest body accepted, in bytes.
    public let maximumBodyBytes: Int

    /// Creates an analyser for `taxonomy` (the built-in one by default).
    public init(taxonomy: Taxonomy = .builtin, maximumBodyBytes: Int = 16 << 20) {
        self.taxonomy = taxonomy
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// Analyses one article.
    public func analyze(_ input: ArticleInput) throws(AnalysisError) -> ArticleAnalysis {
        guard input.body.count <= maximumBodyBytes else {
            throw .tooLarge(bytes: input.body.count, limit: maximumBodyBytes)
        }
        switch input.contentType {
        case .text:
            return try analyze(text: input.body, input: input, page: nil)
        case .html:
            let page = try HTMLExtractor.extract(input.body)
            return try analyze(text: page.text, input: input, page: page)
        }
    }

    private func analyze(text: [UInt8], input: ArticleInput, page: HTMLPage?) throws(AnalysisError) -> ArticleAnalysis {
        try text.withUnsafeBufferPointer { (original) throws(AnalysisError) -> ArticleAnalysis in
            let folded = try FoldedText(utf8: original)
            guard !folded.wordStart.isEmpty else { throw .empty }
            return folded.bytes.withUnsafeBufferPointer { f in
                let lexicon = taxonomy.compiled
                let b = matches(in: f)
                let layout = Layout(folded: folded, f: f, matches: b.layout, lexicon: lexicon)
                let article = ArticleText(
                    original: original, folded: folded, f: f, cueMatches: b.cues, entityMatches: b.entities,
                    dayPartMatches: b.dayParts, lexicon: lexicon, layout: layout)
                return build(article, input: input, page: page)
            }
        }
    }

    /// Every match of the taxonomy's patterns in folded text `f`, sorted by the consumers that need them.
    func matches(in f: UnsafeBufferPointer<UInt8>) -> (
        cues: [PatternMatcher.Match], layout: [PatternMatcher.Match], entities: [PatternMatcher.Match],
        dayParts: [PatternMatcher.Match]
    ) {
        var matches: [PatternMatcher.Match] = []
        matches.reserveCapacity(f.count / 16 + 16)
        taxonomy.compiled.matcher.scan(f, into: &matches)
        return ArticleText.buckets(matches, taxonomy.compiled)
    }

    /// `a` is consumed: the entity extractor, which keeps it, takes it last, without a copy (one
    /// would retain each of its arrays).
    private func build(_ a: consuming ArticleText, input: ArticleInput, page: HTMLPage?) -> ArticleAnalysis {
        let layout = a.layout
        let sentences = Sentences(a, leadCount: taxonomy.leadSentences)
        let outcomes = TopicClassifier.classify(a, sentences: sentences, taxonomy: taxonomy)
        var topics: [Topic] = []
        var scores: [LabelScore] = []
        // One allocation each rather than growing label by label.
        topics.reserveCapacity(taxonomy.definitions.count)
        scores.reserveCapacity(taxonomy.definitions.count)
        // The labels through a pointer (a label copied out of the array retains a dozen references).
        taxonomy.definitions.withUnsafeBufferPointer { defs in
            for (l, o) in outcomes.enumerated() {
                scores.append(LabelScore(label: defs[l].name, score: o.score))
                if o.applies {
                    topics.append(Topic(label: defs[l].name, score: o.score, evidence: o.evidence.map { a.evidence($0.0, $0.1) }))
                }
            }
        }
        let title = layout.title.map { a.string(Int(layout.starts[$0]), Int(layout.ends[$0])) }
        let byline = layout.byline.map { a.string(Int(layout.starts[$0]), Int(layout.ends[$0])) }
        let dates = DateResolver.resolve(a, sentences: sentences, page: page)
        let body = bodyStats(a)
        let entities = EntityExtractor.extract(a)
        return ArticleAnalysis(
            id: input.id, url: input.url, source: input.source,
            title: title, date: dates.date, dateBasis: dates.basis, publishedAt: dates.publishedAt,
            byline: byline, topics: topics, scores: scores, entities: entities, body: body)
    }

    /// The kind of every line of plain `text` (for tests of the page layout).
    func lineKinds(text: [UInt8]) throws(AnalysisError) -> [LineKind] {
        try text.withUnsafeBufferPointer { (original) throws(AnalysisError) -> [LineKind] in
            let folded = try FoldedText(utf8: original)
            return folded.bytes.withUnsafeBufferPointer { f in
                Layout(folded: folded, f: f, matches: matches(in: f).layout, lexicon: taxonomy.compiled).kinds
            }
        }
    }

    private func bodyStats(_ a: ArticleText) -> BodyStats {
        let layout = a.layout
        var chars = 0
        var boilerplate = 0
        var paragraphs = 0
        var captions = 0
        for i in 0..<layout.count {
            let s = Int(layout.starts[i])
            let e = Int(layout.ends[i])
            guard e > s else { continue }
            let n = a.length(s, e)
            switch layout.kinds[i] {
            case .paragraph:
                paragraphs += 1
                chars += n
            case .caption:
                captions += 1
                chars += n
            case .title, .byline:
                chars += n
            case .noise, .tail:
                boilerplate += n
            case .blank, .header, .meta:
                break
            }
        }
        return BodyStats(chars: chars, boilerplateChars: boilerplate, paragraphs: paragraphs, captions: captions)
    }
}
