/// Why an article could not be analysed.
public enum AnalysisError: Error, Sendable, Equatable {
    /// The body is not valid UTF-8; `byteOffset` is the first bad byte.
    case notUTF8(byteOffset: Int)
    /// The body is empty or holds only white space.
    case empty
    /// The body is larger than the analyser accepts.
    case tooLarge(bytes: Int, limit: Int)
    /// The HTML body could not be parsed into text.
    case unparsableHTML

    /// A stable snake_case code for logs, metrics and wire replies.
    public var code: String {
        switch self {
        case .notUTF8: "not_utf8"
        case .empty: "empty"
        case .tooLarge: "too_large"
        case .unparsableHTML: "unparsable_html"
        }
    }

    /// A sentence for people.
    public var message: String {
        switch self {
        case .notUTF8(let offset): "The body is not valid UTF-8 (first bad byte at offset \(offset))."
        case .empty: "The body is empty."
        case .tooLarge(let bytes, let limit): "The body has \(bytes) bytes; the analyser accepts at most \(limit)."
        case .unparsableHTML: "The HTML body could not be turned into text."
        }
    }
}
