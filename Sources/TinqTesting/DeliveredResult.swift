import Foundation

/// One line printed by `tinq subscribe`: the result object with its "delivery" member.
public struct DeliveredResult: Sendable {
    /// delivery.seq
    public var seq: UInt64
    /// delivery.job_id
    public var jobID: String
    /// delivery.labels
    public var labels: [String]
    /// The producer's id ("id").
    public var id: String?
    /// "title"
    public var title: String?
    /// The labels listed under "topics".
    public var topics: [String]

    /// Parses every complete line of a subscriber's output; a last line cut short (the
    /// process was killed while writing) is ignored, any other bad line throws.
    public static func parse(_ output: String) throws -> [DeliveredResult] {
        var out: [DeliveredResult] = []
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let isLast = index == lines.count - 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let delivery = object["delivery"] as? [String: Any],
                  let seq = (delivery["seq"] as? NSNumber)?.uint64Value,
                  let jobID = delivery["job_id"] as? String
            else {
                if isLast { continue }
                throw TestFailure("subscriber line \(index + 1) is not a result with a delivery member: \(line.prefix(300))")
            }
            let topics = ((object["topics"] as? [[String: Any]]) ?? []).compactMap { $0["label"] as? String }
            out.append(DeliveredResult(seq: seq, jobID: jobID, labels: (delivery["labels"] as? [String]) ?? [],
                                       id: object["id"] as? String, title: object["title"] as? String, topics: topics))
        }
        return out
    }
}
