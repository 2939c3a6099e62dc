import Foundation
import TinqProtocol

/// The broker's final answer to one submission, after the client's polite retries.
public enum SubmitOutcome: Sendable, Equatable {
    /// Stored durably as a new job.
    case accepted(jobID: String)
    /// An earlier job has the same URL or content.
    case duplicate(jobID: String)
    /// Refused for good, with the broker's code and sentence.
    case rejected(code: String, message: String)
    /// The broker stayed busy (or failed) through every retry.
    case gaveUp(reason: String)

    /// Reads a SUBMIT reply; nil for BUSY and ERROR (the caller retries those).
    static func from(_ reply: BrokerReply) -> SubmitOutcome? {
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.json))) as? [String: Any] ?? [:]
        switch reply.status {
        case .accepted: return .accepted(jobID: object["job_id"] as? String ?? "?")
        case .duplicate: return .duplicate(jobID: object["duplicate_of"] as? String ?? object["job_id"] as? String ?? "?")
        case .rejected: return .rejected(code: object["code"] as? String ?? "?", message: object["message"] as? String ?? "")
        case .busy, .error, .ok: return nil
        }
    }

    /// `retry_after_ms` of a BUSY reply.
    static func retryAfter(_ reply: BrokerReply) -> Int {
        let object = (try? JSONSerialization.jsonObject(with: Data(reply.json))) as? [String: Any] ?? [:]
        return object["retry_after_ms"] as? Int ?? 100
    }
}
