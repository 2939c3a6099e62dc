import Foundation

/// A message from a worker to the broker's backend socket (worker socket type DEALER).
///
/// Frames: `tinq/1`, COMMAND, arguments... See PROTOCOL.md §4. This is where a worker frame is decoded.
public enum WorkerMessage: Sendable, Equatable {
    /// Register (or re-register) and grant the broker `credit` jobs in flight at once.
    case ready(WorkerHello)
    /// A job finished: its labels and the result JSON object.
    case result(jobID: UInt64, attempt: UInt32, labels: [String], result: [UInt8])
    /// A job failed on this worker.
    case failure(jobID: UInt64, attempt: UInt32, JobFailure)
    /// Still alive (any message counts too).
    case heartbeat
    /// The worker leaves on purpose; anything it still holds is re-queued at once.
    case bye

    /// Command names on the wire.
    public enum Command: String, Sendable, CaseIterable {
        case ready = "READY", result = "RESULT", fail = "FAIL", heartbeat = "HEARTBEAT", bye = "BYE"
    }

    /// Decodes the frames after the routing id.
    public static func decode(_ frames: ArraySlice<[UInt8]>) throws(ProtocolRejection) -> WorkerMessage {
        let i = frames.startIndex
        guard frames.count >= 2 else { throw ProtocolRejection(.badFrames, "a worker message needs at least tinq/1 and a command") }
        guard frames[i] == Wire.versionBytes else { throw ProtocolRejection(.badVersion, "this broker speaks \(Wire.version)") }
        guard let name = FrameText.string(frames[i + 1]), let command = Command(rawValue: name) else {
            throw ProtocolRejection(.unknownCommand, "unknown worker command")
        }
        let args = Array(frames[(i + 2)...])
        switch command {
        case .heartbeat:
            return .heartbeat
        case .bye:
            return .bye
        case .ready:
            guard args.count == 1, let hello = try? JSONDecoder().decode(WorkerHello.self, from: Data(args[0])) else {
                throw ProtocolRejection(.badFrames, "READY takes one JSON frame {\"name\", \"pid\", \"credit\"}")
            }
            guard hello.credit >= 1 else { throw ProtocolRejection(.badArguments, "credit must be at least 1") }
            return .ready(hello)
        case .result:
            guard args.count == 4, let job = FrameText.unsigned(args[0]), let attempt = FrameText.unsigned(args[1]).flatMap(UInt32.init(exactly:)),
                  let labelText = FrameText.string(args[2])
            else { throw ProtocolRejection(.badFrames, "RESULT takes job id, attempt, labels, result JSON") }
            let labels = labelText.isEmpty ? [] : labelText.split(separator: ",").map(String.init)
            guard labels.allSatisfy(Wire.isValidLabel) else { throw ProtocolRejection(.badArguments, "labels are lowercase ASCII words separated by commas") }
            return .result(jobID: job, attempt: attempt, labels: labels, result: args[3])
        case .fail:
            guard args.count == 3, let job = FrameText.unsigned(args[0]), let attempt = FrameText.unsigned(args[1]).flatMap(UInt32.init(exactly:)),
                  let failure = try? JSONDecoder().decode(JobFailure.self, from: Data(args[2]))
            else { throw ProtocolRejection(.badFrames, "FAIL takes job id, attempt, failure JSON") }
            return .failure(jobID: job, attempt: attempt, failure)
        }
    }

    /// The frames a worker sends.
    public func frames() -> [[UInt8]] {
        let v = Wire.versionBytes
        switch self {
        case .heartbeat: return [v, Array(Command.heartbeat.rawValue.utf8)]
        case .bye: return [v, Array(Command.bye.rawValue.utf8)]
        case .ready(let hello):
            return [v, Array(Command.ready.rawValue.utf8), Array((try? JSONEncoder().encode(hello)) ?? Data())]
        case .result(let job, let attempt, let labels, let result):
            return [v, Array(Command.result.rawValue.utf8), FrameText.decimal(job), FrameText.decimal(UInt64(attempt)),
                    Array(labels.joined(separator: ",").utf8), result]
        case .failure(let job, let attempt, let failure):
            return [v, Array(Command.fail.rawValue.utf8), FrameText.decimal(job), FrameText.decimal(UInt64(attempt)),
                    Array((try? JSONEncoder().encode(failure)) ?? Data())]
        }
    }
}

/// The READY arguments.
public struct WorkerHello: Sendable, Codable, Equatable {
    /// A name for logs and status (for example the systemd instance).
    public var name: String
    /// The worker's process id.
    public var pid: Int32
    /// How many jobs the broker may have in flight on this worker at once.
    public var credit: Int
    /// The analysis version the worker runs.
    public var analyzer: String?

    /// Creates a hello.
    public init(name: String, pid: Int32, credit: Int, analyzer: String? = nil) {
        self.name = name
        self.pid = pid
        self.credit = credit
        self.analyzer = analyzer
    }
}

/// The FAIL arguments.
public struct JobFailure: Sendable, Codable, Equatable {
    /// Machine-readable reason (for example `not_utf8`, `internal`).
    public var code: String
    /// A sentence for people.
    public var message: String
    /// Whether another attempt could succeed; false sends the job straight to the dead-letter queue.
    public var retryable: Bool

    /// Creates a failure.
    public init(code: String, message: String, retryable: Bool) {
        self.code = code
        self.message = message
        self.retryable = retryable
    }
}
