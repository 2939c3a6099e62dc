/// A reply from the broker to a client on the frontend socket.
///
/// Frames (after the ROUTER's routing id): `""`, `tinq/1`, STATUS, request id, JSON, [records...].
public struct BrokerReply: Sendable, Equatable {
    /// The reply kinds.
    public enum Status: String, Sendable, CaseIterable {
        /// SUBMIT stored: `{"job_id": "N"}`.
        case accepted = "ACCEPTED"
        /// SUBMIT matched an earlier job: `{"job_id": "N", "duplicate_of": "N"}`.
        case duplicate = "DUPLICATE"
        /// The request is refused for good: `{"code": "...", "message": "..."}`. Do not retry as is.
        case rejected = "REJECTED"
        /// Try again later: `{"retry_after_ms": N, "reason": "..."}`.
        case busy = "BUSY"
        /// STATUS, PING, REPLAY, DLQ answered: command-specific JSON (and record frames for REPLAY).
        case ok = "OK"
        /// The broker failed while serving a valid request: `{"code", "message"}`. Retry may help.
        case error = "ERROR"
    }

    /// The reply kind.
    public var status: Status
    /// The request id from the request (empty if it could not be read).
    public var requestID: [UInt8]
    /// The JSON object of the reply.
    public var json: [UInt8]
    /// Further frames (REPLAY records).
    public var extra: [[UInt8]]

    /// Creates a reply.
    public init(status: Status, requestID: [UInt8], json: [UInt8], extra: [[UInt8]] = []) {
        self.status = status
        self.requestID = requestID
        self.json = json
        self.extra = extra
    }

    /// ACCEPTED with the new job's id.
    public static func accepted(jobID: UInt64, requestID: [UInt8]) -> BrokerReply {
        var w = JSONWriter(capacity: 32)
        w.beginObject(); w.string("job_id", String(jobID)); w.endObject()
        return BrokerReply(status: .accepted, requestID: requestID, json: w.bytes)
    }

    /// DUPLICATE naming the earlier job.
    public static func duplicate(of jobID: UInt64, requestID: [UInt8]) -> BrokerReply {
        var w = JSONWriter(capacity: 48)
        w.beginObject(); w.string("job_id", String(jobID)); w.string("duplicate_of", String(jobID)); w.endObject()
        return BrokerReply(status: .duplicate, requestID: requestID, json: w.bytes)
    }

    /// REJECTED for a protocol or validation failure.
    public static func rejected(_ r: ProtocolRejection) -> BrokerReply {
        var w = JSONWriter()
        w.beginObject(); w.string("code", r.code.rawValue); w.string("message", r.message); w.endObject()
        return BrokerReply(status: .rejected, requestID: r.requestID, json: w.bytes)
    }

    /// ERROR for a failure of the broker itself.
    public static func error(code: RejectCode, message: String, requestID: [UInt8]) -> BrokerReply {
        var w = JSONWriter()
        w.beginObject(); w.string("code", code.rawValue); w.string("message", message); w.endObject()
        return BrokerReply(status: .error, requestID: requestID, json: w.bytes)
    }

    /// BUSY: try again after `retryAfterMilliseconds`.
    public static func busy(retryAfterMilliseconds: Int, reason: String, requestID: [UInt8]) -> BrokerReply {
        var w = JSONWriter()
        w.beginObject(); w.int("retry_after_ms", retryAfterMilliseconds); w.string("reason", reason); w.endObject()
        return BrokerReply(status: .busy, requestID: requestID, json: w.bytes)
    }

    /// The frames the broker sends after the routing id.
    public func frames() -> [[UInt8]] {
        [[], Wire.versionBytes, Array(status.rawValue.utf8), requestID, json] + extra
    }

    /// Decodes a reply as a client receives it: from a DEALER (leading empty frame) or a REQ
    /// socket (no empty frame).
    public static func decode(_ frames: [[UInt8]]) throws(ProtocolRejection) -> BrokerReply {
        var i = 0
        if i < frames.count, frames[i].isEmpty { i += 1 }
        guard frames.count - i >= 4 else { throw ProtocolRejection(.badFrames, "a reply has at least 4 frames") }
        guard frames[i] == Wire.versionBytes else { throw ProtocolRejection(.badVersion, "reply is not \(Wire.version)") }
        guard let s = FrameText.string(frames[i + 1]), let status = Status(rawValue: s) else {
            throw ProtocolRejection(.unknownCommand, "unknown reply status")
        }
        return BrokerReply(status: status, requestID: frames[i + 2], json: frames[i + 3], extra: Array(frames[(i + 4)...]))
    }
}
