import FuzzDriver
import TinqAnalysis

/// One analyser for every input, as a worker uses it.
let analyzer = Analyzer()

/// libFuzzer entry point: the first byte picks plain text (even) or HTML (odd), the rest is the
/// body. Any input must give a result or an `AnalysisError`; a crash, a sanitizer report or a
/// hang is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnalysis(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let type: ContentType = data[0] & 1 == 0 ? .text : .html
    do {
        let result = try analyzer.analyze(ArticleInput(id: "fuzz", url: nil, source: nil, contentType: type, body: body))
        let json = result.jsonBytes()
        // Cheap invariants: a JSON object on one line with every label scored.
        precondition(json.first == 0x7B && json.last == 0x7D && !json.contains(0x0A))
        precondition(result.scores.count == analyzer.taxonomy.labels.count)
        for t in result.topics { precondition(t.score >= 0 && t.score <= 1) }
    } catch {
        precondition(!error.code.isEmpty)
    }
    return 0
}

/// Runs libFuzzer on ``fuzzAnalysis(_:_:)``.
@main
enum FuzzMain {
    static func main() { runLibFuzzer { data, size in fuzzAnalysis(data, size) } }
}
