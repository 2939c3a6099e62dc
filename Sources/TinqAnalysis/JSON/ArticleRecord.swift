/// Reads the JSON-lines article format of `tinq push --jsonl` and `tinq classify --jsonl`:
/// one object per line with `id`, `url`, `source` and either `text` or `html`.
public enum ArticleRecord {
    /// Parses one line into an input (the body stays raw bytes: validation is the analyser's job).
    public static func parse(line: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> ArticleInput {
        var p = JSONParser(line)
        p.skipSpace()
        guard !p.atEnd, line[p.i] == UInt8(ascii: "{") else { throw p.error("expected an object") }
        p.i += 1
        var id: String?
        var url: String?
        var source: String?
        var body: [UInt8]?
        var type = ContentType.text
        p.skipSpace()
        if !p.atEnd && line[p.i] == UInt8(ascii: "}") {
            throw p.error("the object has neither \"text\" nor \"html\"")
        }
        while true {
            p.skipSpace()
            guard !p.atEnd, line[p.i] == UInt8(ascii: "\"") else { throw p.error("expected a member name") }
            let key = try Member(p.stringBytes())
            p.skipSpace()
            guard !p.atEnd, line[p.i] == UInt8(ascii: ":") else { throw p.error("expected ':'") }
            p.i += 1
            p.skipSpace()
            let isString = !p.atEnd && line[p.i] == UInt8(ascii: "\"")
            switch key {
            case .text where isString:
                body = try p.stringBytes()
                type = .text
            case .html where isString:
                body = try p.stringBytes()
                type = .html
            case .id where isString:
                id = try p.string()
            case .url where isString:
                url = try p.string()
            case .source where isString:
                source = try p.string()
            case .id:
                // Numeric ids are echoed as strings.
                let v = try p.value(depth: 1)
                if case .number(let d) = v { id = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
            default:
                _ = try p.value(depth: 1)
            }
            p.skipSpace()
            guard !p.atEnd else { throw p.error("unexpected end of line") }
            if line[p.i] == UInt8(ascii: ",") {
                p.i += 1
            } else if line[p.i] == UInt8(ascii: "}") {
                p.i += 1
                break
            } else {
                throw p.error("expected ',' or '}'")
            }
        }
        guard let body else { throw JSONParseError(offset: 0, reason: "the object has neither \"text\" nor \"html\"") }
        return ArticleInput(id: id, url: url, source: source, contentType: type, body: body)
    }

    /// The members read, recognised by their bytes (no array built per comparison).
    private enum Member {
        case text, html, id, url, source, other

        init(_ name: [UInt8]) {
            switch name.count {
            case 2 where name[0] == 0x69 && name[1] == 0x64: self = .id
            case 3 where name.elementsEqual("url".utf8): self = .url
            case 4 where name.elementsEqual("text".utf8): self = .text
            case 4 where name.elementsEqual("html".utf8): self = .html
            case 6 where name.elementsEqual("source".utf8): self = .source
            default: self = .other
            }
        }
    }
}
