import CLibXML2

/// Text and metadata taken from an HTML page.
struct HTMLPage: Sendable {
    /// Blocks as lines: the title first, then the body, a blank line between blocks.
    var text: [UInt8]
    /// The headline: the first `<h1>`, else og:title, else `<title>`.
    var title: String?
    /// Publication time as written in `<meta>` or `<time datetime>` (ISO 8601).
    var published: String?
}

/// Turns an HTML page into lines of text with libxml2's HTML parser (recovering from bad markup,
/// no network access), so the text pipeline can run on it.
enum HTMLExtractor {
    /// Elements whose content is never article text.
    private static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select", "option",
        "textarea", "input", "object", "embed", "nav", "form", "head", "audio", "video", "map",
    ]

    /// Elements that start and end a block (a line of text).
    private static let blocks: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "figure", "figcaption", "address",
        "hr", "center", "caption", "tbody", "thead", "tfoot", "body", "html", "details", "summary",
    ]

    static func extract(_ html: [UInt8]) throws(AnalysisError) -> HTMLPage {
        if let bad = UTF8Check.firstInvalidByte(html) { throw .notUTF8(byteOffset: bad) }
        guard !html.isEmpty else { throw .empty }
        guard html.count < Int(Int32.max) else { throw .tooLarge(bytes: html.count, limit: Int(Int32.max) - 1) }
        let html = capAttributes(html) ?? html
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)
        let doc: htmlDocPtr? = html.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlReadMemory(p, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { throw .unparsableHTML }
        defer { xmlFreeDoc(doc) }
        var walker = Walker()
        if let root = xmlDocGetRootElement(doc) { walker.walk(root) }
        var text: [UInt8] = []
        let title = walker.h1 ?? walker.ogTitle ?? walker.titleTag
        if let title, !title.isEmpty {
            let t = Array(title.utf8)
            if !walker.out.starts(with: t) {
                text = t
                text += [0x0A, 0x0A]
            }
        }
        text += walker.out
        return HTMLPage(text: text, title: title, published: walker.published)
    }

    private static let commentEnd = Array("-->".utf8)
    /// Elements whose content is raw text (no tags), with their closing tag's start.
    private static let rawTextElements: [(name: [UInt8], closing: [UInt8])] = ["script", "style", "textarea"].map {
        (Array($0.utf8), Array("</\($0)".utf8))
    }

    /// Most attributes a tag keeps: libxml2 builds and checks a tag's attributes in time that
    /// grows with the square of their number (a 2 MB tag of 200,000 attributes took two minutes).
    static let maximumAttributes = 256

    /// `html` with every attribute past ``maximumAttributes`` in a tag blanked out (spaces; the
    /// analysis never reads such attributes), or nil when no tag has that many, as on any real
    /// page. A light scan: comments and the raw text of `script`, `style` and `textarea` are
    /// skipped, quoted values are not counted.
    static func capAttributes(_ html: [UInt8]) -> [UInt8]? {
        let commentEnd = Self.commentEnd
        let rawTextElements = Self.rawTextElements
        var copy: [UInt8]?
        let n = html.count
        var i = 0
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
        /// Whether `html[s..<e]` is `name`, ignoring case.
        func named(_ element: (name: [UInt8], closing: [UInt8]), _ s: Int, _ e: Int) -> Bool {
            guard e - s == element.name.count else { return false }
            for k in 0..<(e - s) where html[s + k] | 0x20 != element.name[k] { return false }
            return true
        }
        /// The first occurrence of `needle` (ASCII, lower case) at or after `from`, ignoring case.
        func find(_ needle: [UInt8], from: Int) -> Int? {
            var k = from
            while k + needle.count <= n {
                var j = 0
                while j < needle.count && html[k + j] | (isLetter(html[k + j]) ? 0x20 : 0) == needle[j] { j += 1 }
                if j == needle.count { return k }
                k += 1
            }
            return nil
        }
        while i < n {
            guard html[i] == 0x3C else {
                i += 1
                continue
            }
            if i + 3 < n && html[i + 1] == 0x21 && html[i + 2] == 0x2D && html[i + 3] == 0x2D {
                // <!-- ... -->
                i = (find(commentEnd, from: i + 4) ?? n) + 3
                continue
            }
            guard i + 1 < n, isLetter(html[i + 1]) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < n && (isLetter(html[j]) || (html[j] >= 0x30 && html[j] <= 0x39)) { j += 1 }
            let rawText = rawTextElements.first { named($0, i + 1, j) }
            var attributes = 0
            var cut = -1
            var quote: UInt8 = 0
            while j < n {
                let b = html[j]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == 0x22 || b == 0x27 {
                    quote = b
                } else if b == 0x3E {
                    break
                } else if isSpace(b) && j + 1 < n && !isSpace(html[j + 1]) && html[j + 1] != 0x3E && html[j + 1] != 0x2F
                    && html[j + 1] != 0x3D
                {
                    // An attribute's name starts after this space.
                    attributes += 1
                    if attributes == maximumAttributes + 1 { cut = j }
                }
                j += 1
            }
            if cut >= 0 {
                if copy == nil { copy = html }
                for k in cut..<j { copy![k] = 0x20 }
            }
            i = j + 1
            // Raw text: nothing in it is a tag.
            if let rawText { i = find(rawText.closing, from: i) ?? n }
        }
        return copy
    }

    /// Depth-first walk with an explicit stack (pages can nest deeply).
    private struct Walker {
        var out: [UInt8] = []
        var pendingBreak = 0
        var h1: String?
        var ogTitle: String?
        var titleTag: String?
        var published: String?

        mutating func walk(_ root: xmlNodePtr) {
            // (node, leaving): a block element is visited twice, on entering and on leaving.
            var stack: [(xmlNodePtr, Bool)] = [(root, false)]
            while let (node, leaving) = stack.popLast() {
                if leaving {
                    breakLine(2)
                    continue
                }
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content { appendText(content) }
                case XML_ELEMENT_NODE:
                    let name = HTMLExtractor.name(node)
                    if name == "title" || name == "meta" || name == "time" || name == "h1" { metadata(node, name) }
                    if name == "head" {
                        scanMetadata(node)
                        continue
                    }
                    if name == "br" {
                        breakLine(1)
                        continue
                    }
                    if HTMLExtractor.skipped.contains(name) { continue }
                    let isBlock = HTMLExtractor.blocks.contains(name)
                    if isBlock {
                        breakLine(2)
                        stack.append((node, true))
                    } else if name == "td" || name == "th" || name == "img" {
                        appendSpace()
                    }
                    var children: [xmlNodePtr] = []
                    var child = node.pointee.children
                    while let c = child {
                        children.append(c)
                        child = c.pointee.next
                    }
                    for c in children.reversed() { stack.append((c, false)) }
                default:
                    continue
                }
            }
        }

        /// Reads `<title>`, `<meta>` and `<time>` anywhere below `root` (the page head).
        mutating func scanMetadata(_ root: xmlNodePtr) {
            var stack: [xmlNodePtr] = [root]
            while let node = stack.popLast() {
                guard node.pointee.type == XML_ELEMENT_NODE else { continue }
                let name = HTMLExtractor.name(node)
                if name == "title" || name == "meta" || name == "time" { metadata(node, name) }
                var child = node.pointee.children
                while let c = child {
                    stack.append(c)
                    child = c.pointee.next
                }
            }
        }

        mutating func metadata(_ node: xmlNodePtr, _ name: String) {
            switch name {
            case "title":
                if titleTag == nil { titleTag = HTMLExtractor.textContent(node) }
            case "h1":
                if h1 == nil { h1 = HTMLExtractor.textContent(node) }
            case "meta":
                let key = (HTMLExtractor.attribute(node, "property") ?? HTMLExtractor.attribute(node, "name") ?? "")
                    .lowercased()
                guard let content = HTMLExtractor.attribute(node, "content") else { return }
                if key == "og:title" && ogTitle == nil { ogTitle = content }
                if published == nil,
                    ["article:published_time", "og:published_time", "pubdate", "publishdate", "date", "dc.date",
                        "dc.date.issued", "datepublished",
                    ].contains(key)
                {
                    published = content
                }
            case "time":
                if published == nil, let dt = HTMLExtractor.attribute(node, "datetime") { published = dt }
            default:
                break
            }
        }

        mutating func breakLine(_ n: Int) {
            if !out.isEmpty && n > pendingBreak { pendingBreak = n }
        }

        mutating func appendSpace() {
            if let last = out.last, last != 0x20, last != 0x0A, pendingBreak == 0 { out.append(0x20) }
        }

        mutating func appendText(_ content: UnsafePointer<xmlChar>) {
            var p = content
            while p.pointee != 0 {
                let b = p.pointee
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                    appendSpace()
                } else {
                    if pendingBreak > 0 {
                        while out.last == 0x20 { out.removeLast() }
                        out += pendingBreak == 2 ? [0x0A, 0x0A] : [0x0A]
                        pendingBreak = 0
                    }
                    out.append(b)
                }
                p += 1
            }
        }
    }

    static func name(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        return String(cString: n).lowercased()
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let v = xmlGetProp(node, name) else { return nil }
        defer { tinq_xml_free(v) }
        return String(cString: v)
    }

    /// The element's text with white space collapsed.
    static func textContent(_ node: xmlNodePtr) -> String? {
        guard let v = xmlNodeGetContent(node) else { return nil }
        defer { tinq_xml_free(v) }
        let raw = String(cString: v)
        let collapsed = raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }
}

/// UTF-8 validation without decoding into Strings.
enum UTF8Check {
    /// Offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            let n = p.count
            while i < n {
                let b0 = p[i]
                if b0 < 0x80 {
                    i += 1
                    continue
                }
                if b0 >= 0xC2 && b0 <= 0xDF {
                    guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return i }
                    i += 2
                } else if b0 >= 0xE0 && b0 <= 0xEF {
                    guard i + 2 < n else { return i }
                    let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
                    let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                    guard p[i + 1] >= lo && p[i + 1] <= hi, p[i + 2] & 0xC0 == 0x80 else { return i }
                    i += 3
                } else if b0 >= 0xF0 && b0 <= 0xF4 {
                    guard i + 3 < n else { return i }
                    let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
                    let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                    guard p[i + 1] >= lo && p[i + 1] <= hi, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else {
                        return i
                    }
                    i += 4
                } else {
                    return i
                }
            }
            return nil
        }
    }
}
