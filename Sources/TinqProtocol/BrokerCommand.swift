/// A message from the broker to a worker.
///
/// Frames (after the worker's routing id on the broker side): `tinq/1`, COMMAND, arguments...
public enum BrokerCommand: Sendable, Equatable {
    /// A job to analyse: id, attempt number (1 on first delivery), metadata JSON, body.
    case job(JobDelivery)
    /// The broker is alive.
    case heartbeat
    /// The broker does not know this worker (for example after a broker restart): send READY again.
    case disconnect(reason: String)

    /// Command names on the wire.
    public enum Command: String, Sendable, CaseIterable {
        case job = "JOB", heartbeat = "HEARTBEAT", disconnect = "DISCONNECT"
    }

    /// Decodes frames as the worker's DEALER receives them.
    public static func decode(_ frames: [[UInt8]]) throws(ProtocolRejection) -> BrokerCommand {
        guard frames.count >= 2, frames[0] == Wire.versionBytes else { throw ProtocolRejection(.badVersion, "expected \(Wire.version)") }
        guard let name = FrameText.string(frames[1]), let command = Command(rawValue: name) else {
            throw ProtocolRejection(.unknownCommand, "unknown broker command")
        }
        switch command {
        case .heartbeat: return .heartbeat
        case .disconnect: return .disconnect(reason: frames.count > 2 ? FrameText.string(frames[2]) ?? "" : "")
        case .job:
            guard frames.count == 6, let id = FrameText.unsigned(frames[2]), let attempt = FrameText.unsigned(frames[3]).flatMap(UInt32.init(exactly:)) else {
                throw ProtocolRejection(.badFrames, "JOB takes job id, attempt, metadata, body")
            }
            return .job(JobDelivery(jobID: id, attempt: attempt, metadataJSON: frames[4], body: frames[5]))
        }
    }

    /// The frames the broker sends.
    public func frames() -> [[UInt8]] {
        switch self {
        case .heartbeat: return [Wire.versionBytes, Array(Command.heartbeat.rawValue.utf8)]
        case .disconnect(let reason): return [Wire.versionBytes, Array(Command.disconnect.rawValue.utf8), Array(reason.utf8)]
        case .job(let j):
            return [Wire.versionBytes, Array(Command.job.rawValue.utf8), FrameText.decimal(j.jobID), FrameText.decimal(UInt64(j.attempt)), j.metadataJSON, j.body]
        }
    }
}

/// One delivery of a job to a worker.
public struct JobDelivery: Sendable, Equatable {
    /// The job id.
    public var jobID: UInt64
    /// 1 on first delivery, counting up on each redelivery.
    public var attempt: UInt32
    /// The SUBMIT metadata, as JSON.
    public var metadataJSON: [UInt8]
    /// The article bytes.
    public var body: [UInt8]

    /// Creates a delivery.
    public init(jobID: UInt64, attempt: UInt32, metadataJSON: [UInt8], body: [UInt8]) {
        self.jobID = jobID
        self.attempt = attempt
        self.metadataJSON = metadataJSON
        self.body = body
    }
}
