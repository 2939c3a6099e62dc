import Foundation

/// Arguments of REPLAY: stored results from `fromSeq` on, oldest first.
public struct ReplayRequest: Sendable, Codable, Equatable {
    /// First sequence number wanted (inclusive).
    public var fromSeq: UInt64
    /// Most records in one reply (the broker caps it at ``maxLimit``).
    public var limit: Int
    /// Only results carrying one of these labels; empty means every result.
    public var labels: [String]

    /// The largest page a broker returns.
    public static let maxLimit = 5000

    enum CodingKeys: String, CodingKey {
        case fromSeq = "from_seq"
        case limit, labels
    }

    /// Creates a request.
    public init(fromSeq: UInt64, limit: Int = 1000, labels: [String] = []) {
        self.fromSeq = fromSeq
        self.limit = limit
        self.labels = labels
    }

    /// Decodes with defaults for absent fields.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fromSeq = try c.decodeIfPresent(UInt64.self, forKey: .fromSeq) ?? 1
        limit = try c.decodeIfPresent(Int.self, forKey: .limit) ?? 1000
        labels = try c.decodeIfPresent([String].self, forKey: .labels) ?? []
    }

    /// Compact JSON.
    public func jsonBytes() -> [UInt8] { Array((try? JSONEncoder().encode(self)) ?? Data()) }

    /// Parses the argument frame.
    public static func decode(_ frame: [UInt8]) throws(ProtocolRejection) -> ReplayRequest {
        guard var r = try? JSONDecoder().decode(ReplayRequest.self, from: Data(frame)) else {
            throw ProtocolRejection(.badArguments, "REPLAY takes a JSON object {\"from_seq\": N, \"limit\": N, \"labels\": [...]}")
        }
        guard r.limit > 0 else { throw ProtocolRejection(.badArguments, "limit must be positive") }
        guard r.labels.allSatisfy(Wire.isValidLabel) else { throw ProtocolRejection(.badArguments, "labels are lowercase ASCII words") }
        r.limit = min(r.limit, maxLimit)
        return r
    }
}
