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
        var w = JSONWriter(capacity: 2048)
        write(to: &w)
        w.append(to: &buffer)
    }

    /// Appends the result object to `w`.
    func write(to w: inout JSONWriter) {
        w.byte(0x7B)
        w.raw("\"id\":")
        w.string(id)
        w.raw(",\"url\":")
        w.string(url)
        w.raw(",\"source\":")
        w.string(source)
        w.raw(",\"title\":")
        w.string(title)
        w.raw(",\"date\":")
        w.string(date)
        w.raw(",\"date_basis\":")
        w.string(dateBasis)
        w.raw(",\"published_at\":")
        w.string(publishedAt)
        w.raw(",\"byline\":")
        w.string(byline)
        w.raw(",\"topics\":")
        w.byte(0x5B)
        for (i, t) in topics.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.raw("\"label\":")
            w.string(t.label)
            w.raw(",\"score\":")
            w.unit(t.score)
            w.raw(",\"evidence\":")
            writeEvidence(t.evidence, to: &w)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.raw(",\"scores\":")
        w.byte(0x7B)
        for (i, s) in scores.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.string(s.label)
            w.byte(0x3A)
            w.unit(s.score)
        }
        w.byte(0x7D)
        w.raw(",\"entities\":")
        entities.write(to: &w)
        w.raw(",\"body\":")
        w.byte(0x7B)
        w.raw("\"chars\":")
        w.int(body.chars)
        w.raw(",\"boilerplate_chars\":")
        w.int(body.boilerplateChars)
        w.raw(",\"paragraphs\":")
        w.int(body.paragraphs)
        w.raw(",\"captions\":")
        w.int(body.captions)
        w.byte(0x7D)
        w.raw(",\"analyzer\":")
        w.raw("\"tinq-analysis/1\"")
        w.byte(0x7D)
    }

    private func writeEvidence(_ list: [Evidence], to w: inout JSONWriter) {
        w.byte(0x5B)
        for (i, e) in list.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.raw("\"text\":")
            w.string(e.text)
            w.raw(",\"offset\":")
            w.int(e.offset)
            w.raw(",\"length\":")
            w.int(e.length)
            w.byte(0x7D)
        }
        w.byte(0x5D)
    }
}

extension Entities {
    func write(to w: inout JSONWriter) {
        w.byte(0x7B)
        w.raw("\"people\":")
        w.byte(0x5B)
        for (i, p) in people.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.raw("\"name\":")
            w.string(p.name)
            w.raw(",\"titles\":")
            w.byte(0x5B)
            for (k, t) in p.titles.enumerated() {
                if k > 0 { w.byte(0x2C) }
                w.string(t)
            }
            w.byte(0x5D)
            w.raw(",\"offset\":")
            w.int(p.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.raw(",\"organizations\":")
        w.byte(0x5B)
        for (i, o) in organizations.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.raw("\"name\":")
            w.string(o.name)
            w.raw(",\"offset\":")
            w.int(o.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.raw(",\"places\":")
        w.byte(0x5B)
        for (i, p) in places.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.raw("\"name\":")
            w.string(p.name)
            w.raw(",\"kind\":")
            w.string(p.kind)
            w.raw(",\"offset\":")
            w.int(p.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.raw(",\"documents\":")
        w.byte(0x5B)
        for (i, d) in documents.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.raw("\"text\":")
            w.string(d.text)
            w.raw(",\"type\":")
            w.string(d.type)
            w.raw(",\"number\":")
            w.string(d.number)
            w.raw(",\"issuer_code\":")
            w.string(d.issuerCode)
            w.raw(",\"offset\":")
            w.int(d.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.raw(",\"figures\":")
        w.byte(0x5B)
        for (i, fig) in figures.enumerated() {
            if i > 0 { w.byte(0x2C) }
            w.byte(0x7B)
            w.raw("\"text\":")
            w.string(fig.text)
            w.raw(",\"value\":")
            w.number(fig.value)
            w.raw(",\"unit\":")
            w.string(fig.unit)
            w.raw(",\"offset\":")
            w.int(fig.offset)
            w.byte(0x7D)
        }
        w.byte(0x5D)
        w.byte(0x7D)
    }
}
