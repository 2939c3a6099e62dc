extension Analyzer {
    /// Every label's score with each cue that counted toward it, for checking a call (what
    /// `tinq eval --errors` prints). Runs the same steps as `analyze` up to the classifier, so it
    /// decides exactly as `analyze` does; slower, not for the queue.
    public func explainTopics(_ input: ArticleInput) throws(AnalysisError) -> [TopicExplanation] {
        guard input.body.count <= maximumBodyBytes else {
            throw .tooLarge(bytes: input.body.count, limit: maximumBodyBytes)
        }
        switch input.contentType {
        case .text:
            return try explainTopics(text: input.body)
        case .html:
            return try explainTopics(text: HTMLExtractor.extract(input.body).text)
        }
    }

    private func explainTopics(text: [UInt8]) throws(AnalysisError) -> [TopicExplanation] {
        try text.withUnsafeBufferPointer { (original) throws(AnalysisError) -> [TopicExplanation] in
            let folded = try FoldedText(utf8: original)
            guard !folded.wordStart.isEmpty else { throw .empty }
            return folded.bytes.withUnsafeBufferPointer { f in
                let lexicon = taxonomy.compiled
                var matches: [PatternMatcher.Match] = []
                lexicon.matcher.scan(f, into: &matches)
                let b = ArticleText.buckets(matches, lexicon)
                let layout = Layout(folded: folded, f: f, matches: b.layout, lexicon: lexicon)
                let a = ArticleText(
                    original: original, folded: folded, f: f, cueMatches: b.cues, entityMatches: b.entities,
                    dayPartMatches: b.dayParts, lexicon: lexicon, layout: layout)
                let sentences = Sentences(a, leadCount: taxonomy.leadSentences)
                let outcomes = TopicClassifier.classify(a, sentences: sentences, taxonomy: taxonomy, explain: true)
                return zip(taxonomy.definitions, outcomes).map { def, o in
                    TopicExplanation(
                        label: def.name, score: o.score, applies: o.applies, anchored: o.anchored,
                        cues: o.trace.map {
                            TopicExplanation.Cue(
                                evidence: a.evidence($0.start, $0.end), weight: $0.weight, factor: $0.factor,
                                zone: $0.zone)
                        })
                }
            }
        }
    }
}
