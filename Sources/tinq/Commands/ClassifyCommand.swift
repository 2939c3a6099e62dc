import ArgumentParser
import Foundation
import TinqAnalysis

/// `tinq classify`: the worker's analysis, offline, on files.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Analyse articles offline (no broker) and print one result per article.",
        discussion: """
            Each PATH is a text file (.txt, analysed as plain text), an HTML file (.html/.htm), a \
            directory (its .txt/.html/.htm files, sorted by name), or a JSON-lines file (.jsonl, or \
            any file with --jsonl) holding one object per line: {"id", "url", "source", "text" | "html"}. \
            Results come out in input order: with --format jsonl one compact JSON object per line \
            (the same object workers publish, see PROTOCOL.md); with --format pretty a short summary \
            for people. An article that cannot be analysed prints {"id", "error", "message"} in its \
            place. Exits 1 when a PATH cannot be read.
            """
    )

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl
        case pretty
    }

    @Argument(help: "Files, directories or JSON-lines files to analyse.")
    var paths: [String]

    @Flag(help: "Treat every PATH as a JSON-lines file.")
    var jsonl = false

    @Option(help: "Output format: jsonl (one JSON object per line) or pretty.")
    var format: Format?

    @Option(help: "A taxonomy JSON file to use instead of the built-in config/taxonomy.json.")
    var taxonomy: String?

    @Option(help: "Threads analysing at once (default: one per core). Output order never changes.")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let analyzer = Analyzer(taxonomy: try Self.loadTaxonomy(taxonomy))
        let format = format ?? .jsonl
        let batch = Batch(analyzer: analyzer, format: format, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        var out = StandardOutput()
        var unreadable = 0
        for path in paths {
            do {
                try Self.forEachArticle(at: path, forceJSONL: jsonl) { input in
                    batch.add(input, out: &out)
                }
                batch.finish(out: &out)
            } catch {
                batch.finish(out: &out)
                out.flush()
                FileHandle.standardError.write(Data("tinq classify: \(path): \(error)\n".utf8))
                unreadable += 1
            }
        }
        out.flush()
        if unreadable > 0 { throw ExitCode.failure }
    }

    /// Articles gathered into batches that `jobs` threads analyse at once; each batch's lines
    /// are written in input order once all of it is done.
    final class Batch {
        let analyzer: Analyzer
        let format: Format
        let jobs: Int
        private var inputs: [ArticleInput] = []
        /// Large enough that a slow article rarely leaves a thread idle, small enough to keep the
        /// memory flat on any input size.
        private let size: Int

        init(analyzer: Analyzer, format: Format, jobs: Int) {
            self.analyzer = analyzer
            self.format = format
            self.jobs = jobs
            self.size = jobs == 1 ? 1 : 64 * jobs
        }

        func add(_ input: ArticleInput, out: inout StandardOutput) {
            inputs.append(input)
            if inputs.count >= size { finish(out: &out) }
        }

        /// Analyses and writes what is gathered.
        func finish(out: inout StandardOutput) {
            guard !inputs.isEmpty else { return }
            if jobs == 1 || inputs.count == 1 {
                for input in inputs { out.write(ClassifyCommand.line(analyzer: analyzer, input: input, format: format)) }
            } else {
                let lines = ResultSlots(count: inputs.count)
                // The threads get copies of the values, not this (non-Sendable) object.
                let (analyzer, format, inputs, jobs) = (analyzer, format, inputs, jobs)
                DispatchQueue.concurrentPerform(iterations: jobs) { j in
                    // Article i goes to thread i mod jobs: no shared counter, and neighbouring
                    // articles of similar size spread over the threads.
                    for i in stride(from: j, to: inputs.count, by: jobs) {
                        lines.set(i, ClassifyCommand.line(analyzer: analyzer, input: inputs[i], format: format))
                    }
                }
                for i in 0..<inputs.count { out.write(lines.take(i)) }
            }
            inputs.removeAll(keepingCapacity: true)
        }
    }

    /// One output slot per article of a batch; each is written by exactly one thread before
    /// `concurrentPerform` returns, and read only after.
    final class ResultSlots: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<[UInt8]>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: [])
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        func set(_ i: Int, _ line: [UInt8]) { slots[i] = line }
        func take(_ i: Int) -> [UInt8] { slots[i] }
    }

    /// The output for one article: its result line, its summary, or its error line.
    static func line(analyzer: Analyzer, input: ArticleInput, format: Format) -> [UInt8] {
        do {
            let result = try analyzer.analyze(input)
            switch format {
            case .jsonl:
                var bytes: [UInt8] = []
                result.appendJSON(to: &bytes)
                bytes.append(0x0A)
                return bytes
            case .pretty:
                return Array(pretty(result).utf8)
            }
        } catch {
            var line = "{\"id\":"
            line += input.id.map { quoted($0) } ?? "null"
            line += ",\"error\":\(quoted(error.code)),\"message\":\(quoted(error.message))}\n"
            return Array(line.utf8)
        }
    }

    /// Loads `path`, or the built-in taxonomy when nil.
    static func loadTaxonomy(_ path: String?) throws -> Taxonomy {
        guard let path else { return .builtin }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the taxonomy file \(path)")
        }
        do {
            return try Taxonomy(jsonBytes: [UInt8](data))
        } catch {
            throw ValidationError("\(path): \(error.message)")
        }
    }

    /// Calls `body` for every article at `path`, in order.
    static func forEachArticle(at path: String, forceJSONL: Bool, _ body: (ArticleInput) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("no such file or directory")
        }
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            for name in names {
                let ext = (name as NSString).pathExtension.lowercased()
                guard ["txt", "html", "htm", "jsonl"].contains(ext) else { continue }
                try forEachArticle(at: (path as NSString).appendingPathComponent(name), forceJSONL: forceJSONL, body)
            }
            return
        }
        // Mapped where that is safe: a JSON-lines file is read in place, never copied whole.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) else {
            throw ValidationError("cannot read the file")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        if forceJSONL || ext == "jsonl" || ext == "ndjson" {
            try data.withUnsafeBytes { try forEachJSONLine($0.bindMemory(to: UInt8.self), path: path, body) }
            return
        }
        let bytes = [UInt8](data)
        let name = (path as NSString).lastPathComponent
        try body(ArticleInput(id: name, url: nil, source: nil, contentType: ext == "html" || ext == "htm" ? .html : .text, body: bytes))
    }

    /// Calls `body` for every row of a JSON-lines buffer; blank lines are skipped.
    static func forEachJSONLine(_ buf: UnsafeBufferPointer<UInt8>, path: String, _ body: (ArticleInput) throws -> Void) throws {
        var start = 0
        var lineNumber = 0
        while start < buf.count {
            // memchr finds the line end many bytes at a time (the rows are long).
            let end = memchr(buf.baseAddress! + start, 0x0A, buf.count - start)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(buf.baseAddress!) } ?? buf.count
            lineNumber += 1
            let line = UnsafeBufferPointer(rebasing: buf[start..<end])
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                try body(try ArticleRecord.parse(line: line))
            } catch let error as JSONParseError {
                throw ValidationError("line \(lineNumber): \(error)")
            }
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func pretty(_ r: ArticleAnalysis) -> String {
        var s = "── \(r.id ?? "(no id)")\n"
        s += "   title:   \(r.title ?? "—")\n"
        s += "   date:    \(r.date ?? "—")\(r.dateBasis.map { "  (\($0))" } ?? "")\n"
        if let p = r.publishedAt { s += "   published: \(p)\n" }
        if let b = r.byline { s += "   byline:  \(b)\n" }
        let scores = r.scores.map { "\($0.label) \(String(format: "%.2f", $0.score))" }.joined(separator: ", ")
        s += "   labels:  \(r.labels.isEmpty ? "none" : r.labels.joined(separator: ", "))   [\(scores)]\n"
        for t in r.topics {
            s += "     \(t.label): " + t.evidence.map { "“\($0.text)”" }.joined(separator: "; ") + "\n"
        }
        if !r.entities.people.isEmpty {
            s += "   people:  " + r.entities.people.map { p in
                p.titles.isEmpty ? p.name : "\(p.name) (\(p.titles.joined(separator: "; ")))"
            }.joined(separator: ", ") + "\n"
        }
        if !r.entities.documents.isEmpty {
            s += "   documents: " + r.entities.documents.map(\.text).joined(separator: ", ") + "\n"
        }
        s += "   body:    \(r.body.chars) chars, \(r.body.paragraphs) paragraphs, \(r.body.captions) captions, \(r.body.boilerplateChars) boilerplate\n"
        return s
    }
}

/// Buffered standard output for many small writes.
struct StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 20) }

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    break
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
