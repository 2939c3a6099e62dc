/// What a pattern in the combined matcher stands for.
enum PatternKind: UInt8, Sendable {
    case cue
    case modifier
    case tailLine
    case tailPrefix
    case noisePrefix
    case honorific
    case personTitle
    case organisation
    case placeKind
    case placeName
    case documentType
    case namedDocument
    case dayPart
    /// ``Lexicon/occupations``: titles for the entity extractor only.
    case occupation
    /// ``Lexicon/familiarHonorifics``: honorifics for the entity extractor only.
    case familiarHonorific
}

/// One pattern's meaning: its kind and two arguments (for cues: label and cue index; for places:
/// index into `placeKindNames`).
struct PatternInfo: Sendable {
    var kind: PatternKind
    var a: Int32
    var b: Int32
}

/// The taxonomy's cues and the built-in lexicons, compiled once into one matcher (immutable, shared
/// by every analysis that uses the taxonomy).
final class CompiledLexicon: Sendable {
    let matcher: PatternMatcher
    let info: [PatternInfo]
    /// Place kinds by index (`PatternInfo.b` of place patterns).
    let placeKindNames: [String]
    /// Per place kind: whether a number can name the place ("Quận 1", "phường 5"); decided once
    /// here rather than by comparing strings for every match.
    let placeKindTakesNumber: [Bool]
    /// Per place kind: whether it is a country's (an organisation's name ends with its country:
    /// "Bộ Ngoại giao Nga").
    let placeKindIsCountry: [Bool]
    /// Folded surnames.
    let surnames: FoldedWordSet
    /// Folded ``Lexicon/nameJoiners``.
    let nameJoiners: FoldedWordSet
    /// Folded ``Lexicon/sentenceAbbreviations`` and ``Lexicon/discourseConnectors``.
    let sentenceAbbreviations: FoldedWordSet
    let discourseConnectors: FoldedWordSet
    /// Folded ``Lexicon/adverbialOpenings``.
    let adverbialOpenings: FoldedWordSet
    /// Folded ``Lexicon/foreignNameBreakers``.
    let foreignNameBreakers: FoldedWordSet
    /// Folded ``Lexicon/foreignNameParticles``.
    let foreignNameParticles: FoldedWordSet
    /// Folded ``Lexicon/sentenceOpeners``.
    let sentenceOpeners: FoldedWordSet
    /// Folded ``Lexicon/titleBreakers``.
    let titleBreakers: FoldedWordSet
    /// Folded ``Lexicon/placesNamedAfterPeople`` and standalone place names ("Hà Nội"): a
    /// capitalised run after the first, or one of the second, is no person even when it starts
    /// with a surname.
    let placeKindWords: FoldedWordSet
    let placeNameWords: FoldedWordSet
    /// Folded ``Lexicon/eponyms`` and the titles that make them a person.
    let eponyms: FoldedWordSet
    let eponymTitles: FoldedWordSet
    /// Folded two-syllable words that carry an organisation name past a lower-case syllable.
    let nameCompounds: FoldedWordSet
    /// Cue weights by label, then cue index.
    let cueWeights: [[Double]]
    /// Least zone factor by label then cue index.
    let cueMinimumZone: [[Double]]
    /// Whether a cue counts only in lower case, by label then cue index.
    let cueLowercase: [[Bool]]
    /// Cue "next word" conditions by label, then cue index (`NextCondition` bits).
    let cueNext: [[UInt8]]

    init(labels: [Taxonomy.Label]) {
        var patterns: [[UInt8]] = []
        var info: [PatternInfo] = []
        func add(_ phrase: String, _ kind: PatternKind, _ a: Int, _ b: Int = 0) {
            let folded = FoldedText.fold(phrase)
            guard !folded.isEmpty else { return }
            patterns.append(folded)
            info.append(PatternInfo(kind: kind, a: Int32(a), b: Int32(b)))
        }
        for (l, label) in labels.enumerated() {
            for (c, cue) in label.cues.enumerated() { add(cue.phrase, .cue, l, c) }
            for (k, m) in label.modifiers.enumerated() {
                for phrase in m.phrases { add(phrase, .modifier, l, k) }
            }
        }
        for s in Lexicon.tailLines { add(s, .tailLine, 0) }
        for s in Lexicon.tailPrefixes { add(s, .tailPrefix, 0) }
        for s in Lexicon.noiseLinePrefixes { add(s, .noisePrefix, 0) }
        for s in Lexicon.honorifics { add(s, .honorific, 0) }
        for s in Lexicon.personTitles { add(s, .personTitle, 0) }
        for s in Lexicon.occupations { add(s, .occupation, 0) }
        for s in Lexicon.familiarHonorifics { add(s, .familiarHonorific, 0) }
        for s in Lexicon.organisationHeads { add(s, .organisation, Lexicon.standaloneOrganisations.contains(s) ? 1 : 0) }
        for s in Lexicon.ministryNames { add(s, .organisation, 1) }
        var kinds: [String] = []
        func kindIndex(_ k: String) -> Int {
            if let i = kinds.firstIndex(of: k) { return i }
            kinds.append(k)
            return kinds.count - 1
        }
        for (s, k) in Lexicon.placeKinds { add(s, .placeKind, 0, kindIndex(k)) }
        for (s, k) in Lexicon.placeNames { add(s, .placeName, 0, kindIndex(k)) }
        for (i, s) in Lexicon.documentTypes.enumerated() { add(s, .documentType, i) }
        for (i, s) in Lexicon.namedDocumentTypes.enumerated() { add(s, .namedDocument, i) }
        for s in Lexicon.dayParts { add(s, .dayPart, 0) }
        matcher = PatternMatcher(patterns: patterns)
        self.info = info
        placeKindNames = kinds
        placeKindTakesNumber = kinds.map { $0 == "quận" || $0 == "phường" }
        placeKindIsCountry = kinds.map { $0 == "quốc gia" }
        surnames = FoldedWordSet(Lexicon.surnames.map { FoldedText.fold($0) })
        nameCompounds = FoldedWordSet(Lexicon.nameCompounds.map { FoldedText.fold($0) })
        sentenceAbbreviations = FoldedWordSet(Lexicon.sentenceAbbreviations.map { FoldedText.fold($0) })
        discourseConnectors = FoldedWordSet(Lexicon.discourseConnectors.map { FoldedText.fold($0) })
        adverbialOpenings = FoldedWordSet(Lexicon.adverbialOpenings.map { FoldedText.fold($0) })
        foreignNameBreakers = FoldedWordSet(Lexicon.foreignNameBreakers.map { FoldedText.fold($0) })
        foreignNameParticles = FoldedWordSet(Lexicon.foreignNameParticles.map { FoldedText.fold($0) })
        sentenceOpeners = FoldedWordSet(Lexicon.sentenceOpeners.map { FoldedText.fold($0) })
        titleBreakers = FoldedWordSet(Lexicon.titleBreakers.map { FoldedText.fold($0) })
        placeKindWords = FoldedWordSet(Lexicon.placesNamedAfterPeople.map { FoldedText.fold($0) })
        placeNameWords = FoldedWordSet(Lexicon.placeNames.map { FoldedText.fold($0.0) })
        nameJoiners = FoldedWordSet(Lexicon.nameJoiners.map { FoldedText.fold($0) })
        eponyms = FoldedWordSet(Lexicon.eponyms.map { FoldedText.fold($0) })
        eponymTitles = FoldedWordSet(Lexicon.eponymTitles.map { FoldedText.fold($0) })
        cueWeights = labels.map { $0.cues.map(\.weight) }
        cueMinimumZone = labels.map { $0.cues.map(\.minimumZone) }
        cueLowercase = labels.map { $0.cues.map(\.lowercaseOnly) }
        cueNext = labels.map { label in
            label.cues.map { cue in
                cue.next.reduce(UInt8(0)) { bits, n in
                    switch n {
                    case "title": bits | NextCondition.title
                    case "organisation": bits | NextCondition.organisation
                    case "place": bits | NextCondition.place
                    case "number": bits | NextCondition.number
                    default: bits | NextCondition.name
                    }
                }
            }
        }
    }
}

/// A set of folded words, looked up by bytes without allocating. The words are stored end to
/// end in one byte array (no array per word to reach through on every probe).
struct FoldedWordSet: Sendable {
    /// Per slot: 1 + the word's index, or 0 for an empty slot.
    private let slots: [Int32]
    /// Word k is `bytes[starts[k] ..< starts[k + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int32]
    private let mask: Int

    init(_ list: [[UInt8]]) {
        var size = 16
        while size < list.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        for w in list where !w.isEmpty {
            var h = Int(w.withUnsafeBufferPointer { FoldedWordSet.hash($0.baseAddress!, $0.count, readable: $0.count) } & UInt64(size - 1))
            var dup = false
            while slots[h] != 0 {
                let k = Int(slots[h]) - 1
                if bytes[Int(starts[k])..<Int(starts[k + 1])].elementsEqual(w) { dup = true; break }
                h = (h + 1) & (size - 1)
            }
            if dup { continue }
            bytes += w
            starts.append(Int32(bytes.count))
            slots[h] = Int32(starts.count - 1)
        }
        self.slots = slots
        self.bytes = bytes
        self.starts = starts
        mask = size - 1
    }

    /// Hash of the `length` bytes at `p`, of which `readable` (at least `length`) may be read:
    /// eight bytes at a time, the last word zero-padded (read as eight bytes and masked when
    /// there is room to read them), one multiply per word. Words are short: one word, one
    /// multiply, where a byte-by-byte hash chains a multiply per byte.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: length) &* k
        var i = 0
        while i &+ 8 <= length {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* k
            h ^= h &>> 29
            i &+= 8
        }
        let rest = length &- i
        if rest > 0 {
            var last: UInt64
            if i &+ 8 <= readable {
                last = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & (UInt64.max &>> UInt64(64 &- 8 &* rest))
            } else {
                last = 0
                var j = length &- 1
                while j >= i {
                    last = last &<< 8 | UInt64(p[j])
                    j &-= 1
                }
            }
            h = (h ^ last) &* k
        }
        return h ^ h &>> 32
    }

    /// Whether `text[start..<end]` is in the set.
    func contains(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard let t = text.baseAddress, start >= 0, start <= end, end <= text.count else { return false }
        let length = end - start
        let h = FoldedWordSet.hash(t + start, length, readable: text.count - start)
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                starts.withUnsafeBufferPointer { starts in
                    var slot = Int(h & UInt64(mask))
                    while true {
                        let k = Int(slots[slot]) - 1
                        if k < 0 { return false }
                        let ws = Int(starts[k])
                        if Int(starts[k + 1]) - ws == length {
                            var same = true
                            for j in 0..<length where bytes[ws + j] != t[start + j] {
                                same = false
                                break
                            }
                            if same { return true }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }
}

/// Bits of `CompiledLexicon.cueNext`.
enum NextCondition {
    static let title: UInt8 = 1
    static let organisation: UInt8 = 2
    static let place: UInt8 = 4
    static let name: UInt8 = 8
    static let number: UInt8 = 16
}
