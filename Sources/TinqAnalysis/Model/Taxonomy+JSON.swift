extension Taxonomy {
    /// Reads the `labels` array of a taxonomy document, checking every field.
    static func readLabels(_ root: JSONValue) throws(TaxonomyError) -> [Label] {
        guard case .object = root else { throw TaxonomyError(message: "the top level must be an object") }
        if let version = root["version"]?.number, version != 1 {
            throw TaxonomyError(message: "unsupported taxonomy version \(version) (this build reads version 1)")
        }
        let defaults = try zoneWeights(root["zone_weights"], fallback: ZoneWeights(title: 2, lead: 1.5, body: 1, caption: 1))
        guard let items = root["labels"]?.array, !items.isEmpty else {
            throw TaxonomyError(message: "\"labels\" must be a non-empty array")
        }
        var seen = Set<String>()
        var labels: [Label] = []
        for (index, item) in items.enumerated() {
            guard let name = item["label"]?.string, isSnakeCase(name) else {
                throw TaxonomyError(message: "label \(index + 1): \"label\" must be a snake_case name")
            }
            guard seen.insert(name).inserted else { throw TaxonomyError(message: "label \(name) is defined twice") }
            guard let threshold = item["threshold"]?.number, threshold > 0 else {
                throw TaxonomyError(message: "label \(name): \"threshold\" must be a number above 0")
            }
            var cues: [Cue] = []
            for group in item["cues"]?.array ?? [] {
                guard let weight = group["weight"]?.number else {
                    throw TaxonomyError(message: "label \(name): every cue group needs a numeric \"weight\"")
                }
                let next = (group["next"]?.array ?? []).compactMap(\.string)
                for n in next where !["title", "organisation", "place", "name", "number"].contains(n) {
                    throw TaxonomyError(message: "label \(name): unknown \"next\" condition \(n)")
                }
                for phrase in try strings(group, "phrases", label: name) {
                    cues.append(
                        Cue(
                            phrase: phrase, weight: weight, next: next, lowercaseOnly: group["lowercase"] == .bool(true),
                            minimumZone: group["min_zone"]?.number ?? 0, titleVeto: group["title_veto"] == .bool(true),
                            anchors: group["anchors"] == .bool(true)))
                }
            }
            guard cues.contains(where: { $0.weight > 0 }) else {
                throw TaxonomyError(message: "label \(name): needs at least one cue with a positive weight")
            }
            var modifiers: [Modifier] = []
            for m in item["modifiers"]?.array ?? [] {
                guard let factor = m["factor"]?.number, factor >= 0 else {
                    throw TaxonomyError(message: "label \(name): every modifier needs a \"factor\" of 0 or more")
                }
                modifiers.append(
                    Modifier(
                        phrases: try strings(m, "phrases", label: name),
                        before: Int(m["before"]?.number ?? 0), after: Int(m["after"]?.number ?? 0), factor: factor,
                        inTitle: m["in_title"] != .bool(false), anchors: m["anchors"] == .bool(true)))
            }
            labels.append(
                Label(
                    name: name,
                    description: item["description"]?.string ?? "",
                    threshold: threshold,
                    minimumCues: Int(item["min_cues"]?.number ?? 1),
                    cues: cues,
                    modifiers: modifiers,
                    listFactor: item["list_factor"]?.number ?? 1,
                    datedFactor: item["dated_factor"]?.number ?? 1,
                    repeatDecay: item["repeat_decay"]?.number ?? 0.5,
                    zoneWeights: try zoneWeights(item["zone_weights"], fallback: defaults),
                    unanchoredFactor: item["unanchored_factor"]?.number ?? 1,
                    anchorMinimumWeight: item["anchor_min_weight"]?.number ?? 0,
                    deepAfter: Int(item["deep_after_sentences"]?.number ?? 0),
                    questionFactor: item["question_factor"]?.number ?? 1,
                    titleVeto: cues.map(\.titleVeto),
                    anchorsAnywhere: cues.map(\.anchors)))
        }
        return labels
    }

    private static func strings(_ object: JSONValue, _ key: String, label: String) throws(TaxonomyError) -> [String] {
        var out: [String] = []
        if let one = object["phrase"]?.string { out.append(one) }
        for p in object[key]?.array ?? [] {
            guard let s = p.string, !FoldedText.fold(s).isEmpty else {
                throw TaxonomyError(message: "label \(label): phrases must be non-empty strings")
            }
            out.append(s)
        }
        return out
    }

    private static func zoneWeights(_ value: JSONValue?, fallback: ZoneWeights) throws(TaxonomyError) -> ZoneWeights {
        guard let value, !value.isNull else { return fallback }
        guard case .object = value else { throw TaxonomyError(message: "\"zone_weights\" must be an object") }
        let body = value["body"]?.number ?? fallback.body
        var deep = value["deep"]?.number ?? (value["body"] == nil ? fallback.deep : body)
        if deep.isNaN { deep = body }
        return ZoneWeights(
            title: value["title"]?.number ?? fallback.title,
            lead: value["lead"]?.number ?? fallback.lead,
            body: body,
            caption: value["caption"]?.number ?? fallback.caption,
            deep: deep)
    }

    private static func isSnakeCase(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}
