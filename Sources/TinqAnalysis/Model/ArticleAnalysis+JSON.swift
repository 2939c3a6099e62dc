extension ArticleAnalysis {
    /// The result object as compact, one-line JSON (UTF-8), in the field order of PROTOCOL.md.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 2048)
        write(to: &w)
        return w.bytes
    }

    /// Appends the result object (as `jsonBytes()`) to `buffer`, for writers that batch many
    /// results without an array per result.
    public func appendJSON(to buffer: inout [UInt8]) {
        var w = JSONWriter(bytes: buffer)
        buffer = []  // `w` holds the only reference: appends do not copy
        write(to: &w)
        buffer = w.bytes
    }

    /// Appends the result object to `w`.
    func write(to w: inout JSONWriter) {
        w.byte(0x7B)
        w.key("id", first: true)
        w.string(id)
        w.key("url")
        w.string(url)
        w.key("source")
        w.string(source)
        w.key("title")
        w.string(title)
        w.key("date")
        w.string(date)
        w.key("date_basis")
        w.string(dateBasis)
        w.key("published_at")
        w.string(publishedAt)
        w.key("byline")
        w.string(byline)
        w.key("topics")
        w.byte(0x5B)
        for (i, t) in topics.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.key("label", first: true)
            w.string(t.label)
            w.key("score")
            w.unit(t.score)
            w.key("evidence")
            writeEvidence(t.evidence, to: &w)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.key("scores")
        w.byte(0x7B)
        for (i, s) in scores.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.string(s.label)
            w.byte(0x3A)
            w.unit(s.score)
        }
        w.byte(0x7D)
        w.key("entities")
        entities.write(to: &w)
        w.key("body")
        w.byte(0x7B)
        w.key("chars", first: true)
        w.int(body.chars)
        w.key("boilerplate_chars")
        w.int(body.boilerplateChars)
        w.key("paragraphs")
        w.int(body.paragraphs)
        w.key("captions")
        w.int(body.captions)
        w.byte(0x7D)
        w.key("analyzer")
        w.raw("\"tinq-analysis/1\"")
        w.byte(0x7D)
    }

    private func writeEvidence(_ list: [Evidence], to w: inout JSONWriter) {
        w.byte(0x5B)
        for (i, e) in list.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.key("text", first: true)
            w.string(e.text)
            w.key("offset")
            w.int(e.offset)
            w.key("length")
            w.int(e.length)
            w.byte(0x7D)
        }
        w.byte(0x5D)
    }
}

extension Entities {
    func write(to w: inout JSONWriter) {
        w.byte(0x7B)
        w.key("people", first: true)
        w.byte(0x5B)
        for (i, p) in people.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.key("name", first: true)
            w.string(p.name)
            w.key("titles")
            w.byte(0x5B)
            for (k, t) in p.titles.enumerated() {
                if k > 0 { w.byte(0x2C) }
                w.string(t)
            }
            w.byte(0x5D)
            w.key("offset")
            w.int(p.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.key("organizations")
        w.byte(0x5B)
        for (i, o) in organizations.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.key("name", first: true)
            w.string(o.name)
            w.key("offset")
            w.int(o.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.key("places")
        w.byte(0x5B)
        for (i, p) in places.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.key("name", first: true)
            w.string(p.name)
            w.key("kind")
            w.string(p.kind)
            w.key("offset")
            w.int(p.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.key("documents")
        w.byte(0x5B)
        for (i, d) in documents.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.key("text", first: true)
            w.string(d.text)
            w.key("type")
            w.string(d.type)
            w.key("number")
            w.string(d.number)
            w.key("issuer_code")
            w.string(d.issuerCode)
            w.key("offset")
            w.int(d.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.key("figures")
        w.byte(0x5B)
        for (i, fig) in figures.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.key("text", first: true)
            w.string(fig.text)
            w.key("value")
            w.number(fig.value)
            w.key("unit")
            w.string(fig.unit)
            w.key("offset")
            w.int(fig.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.byte(0x7D)
    }
}
