import Foundation

/// Arguments of DLQ: list, show, requeue or purge dead-lettered jobs.
public struct DeadLetterRequest: Sendable, Codable, Equatable {
    /// What to do.
    public enum Action: String, Sendable, Codable {
        /// List dead-lettered jobs (newest first, up to `limit`).
        case list
        /// Show one job with its last error.
        case show
        /// Put one job (or all, when `job_id` is absent) back on the queue with a fresh attempt count.
        case requeue
        /// Delete one job (or all) from the dead-letter queue.
        case purge
    }

    /// The action.
    public var action: Action
    /// The job concerned, as its decimal id; nil means all (requeue, purge) or none (list).
    public var jobID: String?
    /// Most rows for `list`.
    public var limit: Int?

    enum CodingKeys: String, CodingKey {
        case action, limit
        case jobID = "job_id"
    }

    /// Creates a request.
    public init(action: Action, jobID: String? = nil, limit: Int? = nil) {
        self.action = action
        self.jobID = jobID
        self.limit = limit
    }

    /// Compact JSON.
    public func jsonBytes() -> [UInt8] { Array((try? JSONEncoder().encode(self)) ?? Data()) }

    /// Parses the argument frame.
    public static func decode(_ frame: [UInt8]) throws(ProtocolRejection) -> DeadLetterRequest {
        guard let r = try? JSONDecoder().decode(DeadLetterRequest.self, from: Data(frame)) else {
            throw ProtocolRejection(.badArguments, "DLQ takes a JSON object {\"action\": \"list\"|\"show\"|\"requeue\"|\"purge\", \"job_id\": \"N\"}")
        }
        if r.action == .show && r.jobID == nil {
            throw ProtocolRejection(.badArguments, "DLQ show needs a job_id")
        }
        if let id = r.jobID, FrameText.unsigned(Array(id.utf8)) == nil {
            throw ProtocolRejection(.badArguments, "job_id must be a decimal job id")
        }
        return r
    }
}
