import Foundation

/// The metadata frame of a SUBMIT: a JSON object describing the article. All fields optional
/// except that `content_type` defaults to text/plain.
public struct SubmitMetadata: Sendable, Codable, Equatable {
    /// The producer's own id for the article (echoed in the result).
    public var id: String?
    /// The page URL, when known; the dedupe key after canonicalisation.
    public var url: String?
    /// Free text naming the site or scraper.
    public var source: String?
    /// When the page was fetched (ISO 8601), as the scraper says.
    public var fetchedAt: String?
    /// text/plain or text/html.
    public var contentType: SubmitContentType
    /// Process again even if an earlier job has the same URL or content.
    public var force: Bool

    enum CodingKeys: String, CodingKey {
        case id, url, source, force
        case fetchedAt = "fetched_at"
        case contentType = "content_type"
    }

    /// Creates metadata.
    public init(id: String? = nil, url: String? = nil, source: String? = nil, fetchedAt: String? = nil,
                contentType: SubmitContentType = .text, force: Bool = false) {
        self.id = id
        self.url = url
        self.source = source
        self.fetchedAt = fetchedAt
        self.contentType = contentType
        self.force = force
    }

    /// Decodes leniently about absent fields, strictly about types.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        fetchedAt = try c.decodeIfPresent(String.self, forKey: .fetchedAt)
        contentType = try c.decodeIfPresent(SubmitContentType.self, forKey: .contentType) ?? .text
        force = try c.decodeIfPresent(Bool.self, forKey: .force) ?? false
    }

    /// The metadata as the compact JSON a worker receives.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("id", id)
        w.string("url", url)
        w.string("source", source)
        w.string("fetched_at", fetchedAt)
        w.string("content_type", contentType.rawValue)
        if force { w.bool("force", true) }
        w.endObject()
        return w.bytes
    }

    /// Parses a metadata frame. An empty frame means "all defaults".
    public static func decode(_ frame: [UInt8]) throws(ProtocolRejection) -> SubmitMetadata {
        if frame.isEmpty { return SubmitMetadata() }
        guard frame.count <= Wire.maxMetadataLength else {
            throw ProtocolRejection(.badMetadata, "metadata frame is larger than \(Wire.maxMetadataLength) bytes")
        }
        if let fast = fastDecode(frame) { return fast }
        do {
            return try JSONDecoder().decode(SubmitMetadata.self, from: Data(frame))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.last?.stringValue == CodingKeys.contentType.rawValue {
            throw ProtocolRejection(.badContentType, "content_type must be \"text/plain\" or \"text/html\"")
        } catch {
            throw ProtocolRejection(.badMetadata, "metadata frame is not a JSON object of id, url, source, fetched_at, content_type, force: \(Self.describe(error))")
        }
    }

    /// The hot path: a flat object whose known fields have the right types. Anything else
    /// (including every error) goes to JSONDecoder for its precise message.
    private static func fastDecode(_ frame: [UInt8]) -> SubmitMetadata? {
        guard let object = FlatJSONObject.parse(frame) else { return nil }
        func text(_ key: String) -> String?? {
            switch object[key] {
            case nil, .null?: return .some(nil)
            case .string(let s)?: return .some(s)
            default: return nil
            }
        }
        guard let id = text("id"), let url = text("url"), let source = text("source"), let fetchedAt = text("fetched_at"),
              let contentTypeText = text("content_type")
        else { return nil }
        var contentType = SubmitContentType.text
        if let t = contentTypeText {
            guard let parsed = SubmitContentType(rawValue: t) else { return nil }
            contentType = parsed
        }
        var force = false
        switch object["force"] {
        case nil, .null?: break
        case .bool(let b)?: force = b
        default: return nil
        }
        return SubmitMetadata(id: id, url: url, source: source, fetchedAt: fetchedAt, contentType: contentType, force: force)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let c):
            return c.codingPath.isEmpty ? "invalid JSON" : "invalid value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default:
            return "invalid JSON"
        }
    }
}
