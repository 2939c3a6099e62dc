import Foundation

/// One article read from the command line's inputs.
struct ArticleFile {
    var id: String?
    var url: String?
    var source: String?
    var fetchedAt: String?
    var isHTML: Bool
    var body: [UInt8]
    /// Where it came from, for messages ("file.txt" or "rows.jsonl:12").
    var origin: String
}

/// Reads articles from files, directories (recursively, sorted) or JSON-lines files.
enum ArticleFiles {
    /// Reads every input. A JSON-lines row needs "text" or "html"; "id", "url", "source",
    /// "fetched_at" are optional.
    static func read(_ paths: [String], jsonl: Bool) throws -> [ArticleFile] {
        var out: [ArticleFile] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw SettingsError("no such file: \(path)") }
            if isDir.boolValue {
                let files = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                    .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
                    .sorted()
                for f in files {
                    var sub: ObjCBool = false
                    let full = "\(path)/\(f)"
                    if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue {
                        out.append(contentsOf: try readFile(full, jsonl: jsonl || f.hasSuffix(".jsonl")))
                    }
                }
            } else {
                out.append(contentsOf: try readFile(path, jsonl: jsonl || path.hasSuffix(".jsonl")))
            }
        }
        return out
    }

    private static func readFile(_ path: String, jsonl: Bool) throws -> [ArticleFile] {
        guard let data = FileManager.default.contents(atPath: path) else { throw SettingsError("cannot read \(path)") }
        if !jsonl {
            let lower = path.lowercased()
            let html = lower.hasSuffix(".html") || lower.hasSuffix(".htm")
            let name = (path as NSString).lastPathComponent
            return [ArticleFile(id: name, url: nil, source: nil, fetchedAt: nil, isHTML: html, body: Array(data), origin: path)]
        }
        var out: [ArticleFile] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw SettingsError("\(path):\(lineNumber): not a JSON object")
            }
            let text = object["text"] as? String
            let html = object["html"] as? String
            guard let body = text ?? html else { throw SettingsError("\(path):\(lineNumber): needs a \"text\" or \"html\" field") }
            out.append(ArticleFile(id: (object["id"] as? String) ?? (object["id"] as? Int).map(String.init), url: object["url"] as? String,
                                   source: object["source"] as? String, fetchedAt: object["fetched_at"] as? String,
                                   isHTML: text == nil, body: Array(body.utf8), origin: "\(path):\(lineNumber)"))
        }
        return out
    }
}
