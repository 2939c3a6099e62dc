/// A request from a producer, subscriber or admin client on the broker's frontend socket.
///
/// Frames (after the ROUTER's routing id): `""`, `tinq/1`, COMMAND, request id, arguments...
/// This is where a client frame is decoded; see PROTOCOL.md §3.
public struct ClientRequest: Sendable {
    /// The commands a client may send.
    public enum Command: String, Sendable, CaseIterable {
        /// Submit one article: metadata JSON frame, then the body frame.
        case submit = "SUBMIT"
        /// Ask for queue, worker and total counters.
        case status = "STATUS"
        /// Ask for stored results from a sequence number on.
        case replay = "REPLAY"
        /// Dead-letter queue administration.
        case dlq = "DLQ"
        /// Liveness check; answered OK.
        case ping = "PING"
        /// The broker's metrics in the Prometheus text format.
        case metrics = "METRICS"
    }

    /// What the request asks for.
    public enum Body: Sendable {
        /// SUBMIT.
        case submit(Submission)
        /// STATUS.
        case status
        /// REPLAY with its JSON arguments (raw; decoded by the caller that serves it).
        case replay(ReplayRequest)
        /// DLQ with its JSON arguments.
        case dlq(DeadLetterRequest)
        /// PING.
        case ping
        /// METRICS.
        case metrics
    }

    /// The client's request id, echoed in the reply.
    public var requestID: [UInt8]
    /// The command and its arguments.
    public var body: Body

    /// Creates a request.
    public init(requestID: [UInt8], body: Body) {
        self.requestID = requestID
        self.body = body
    }

    /// Limits the broker enforces while decoding.
    public struct Limits: Sendable {
        /// Largest body accepted, in bytes.
        public var maxBodyBytes: Int
        /// Creates limits.
        public init(maxBodyBytes: Int) { self.maxBodyBytes = maxBodyBytes }
    }

    /// Decodes the frames that follow the routing id. Every failure becomes a rejection that
    /// carries the request id when one could be read.
    public static func decode(_ frames: ArraySlice<[UInt8]>, limits: Limits) throws(ProtocolRejection) -> ClientRequest {
        var i = frames.startIndex
        // The empty delimiter (REQ sockets add it; DEALER clients send it). Tolerate its absence
        // only to be able to answer: the reply always carries it.
        if i < frames.endIndex, frames[i].isEmpty { i += 1 }
        guard frames.endIndex - i >= 3 else {
            let rid = frames.endIndex - i >= 3 ? frames[i + 2] : []
            throw ProtocolRejection(.badFrames, "a request needs at least the frames \"\", tinq/1, COMMAND, request-id", requestID: rid.count <= Wire.maxRequestIDLength ? rid : [])
        }
        let requestID = frames[i + 2]
        guard frames[i] == Wire.versionBytes else {
            let rid = requestID.count <= Wire.maxRequestIDLength ? requestID : []
            let seen = FrameText.string(Array(frames[i].prefix(32))) ?? "\(frames[i].count) binary bytes"
            throw ProtocolRejection(.badVersion, "unsupported protocol \"\(seen)\"; this broker speaks \(Wire.version)", requestID: rid)
        }
        guard !requestID.isEmpty, requestID.count <= Wire.maxRequestIDLength else {
            throw ProtocolRejection(.badRequestID, "the request id must be 1 to \(Wire.maxRequestIDLength) bytes")
        }
        guard let name = FrameText.string(frames[i + 1]), let command = Command(rawValue: name) else {
            let shown = FrameText.string(Array(frames[i + 1].prefix(32))) ?? "binary"
            throw ProtocolRejection(.unknownCommand, "unknown command \"\(shown)\"; known: \(Command.allCases.map(\.rawValue).joined(separator: ", "))", requestID: requestID)
        }
        let args = frames[(i + 3)...]
        do throws(ProtocolRejection) {
            switch command {
            case .submit:
                guard args.count == 2 else {
                    throw ProtocolRejection(.badFrames, "SUBMIT takes exactly two frames after the request id: metadata JSON and body")
                }
                let submission = try Submission.decode(metadata: args[args.startIndex], body: args[args.startIndex + 1], limits: limits)
                return ClientRequest(requestID: requestID, body: .submit(submission))
            case .status, .ping, .metrics:
                guard args.isEmpty else { throw ProtocolRejection(.badFrames, "\(command.rawValue) takes no frames after the request id") }
                return ClientRequest(requestID: requestID, body: command == .status ? .status : command == .ping ? .ping : .metrics)
            case .replay:
                guard args.count == 1 else { throw ProtocolRejection(.badFrames, "REPLAY takes one JSON frame after the request id") }
                return ClientRequest(requestID: requestID, body: .replay(try ReplayRequest.decode(args[args.startIndex])))
            case .dlq:
                guard args.count == 1 else { throw ProtocolRejection(.badFrames, "DLQ takes one JSON frame after the request id") }
                return ClientRequest(requestID: requestID, body: .dlq(try DeadLetterRequest.decode(args[args.startIndex])))
            }
        } catch {
            var rejection = error
            rejection.requestID = requestID
            throw rejection
        }
    }

    /// The frames a client sends (starting with the empty delimiter; a REQ socket adds its own,
    /// so REQ users drop the first frame).
    public func frames() -> [[UInt8]] {
        var out: [[UInt8]] = [[], Wire.versionBytes]
        switch body {
        case .submit(let s):
            out += [Array(Command.submit.rawValue.utf8), requestID, s.metadataJSON, s.body]
        case .status:
            out += [Array(Command.status.rawValue.utf8), requestID]
        case .ping:
            out += [Array(Command.ping.rawValue.utf8), requestID]
        case .metrics:
            out += [Array(Command.metrics.rawValue.utf8), requestID]
        case .replay(let r):
            out += [Array(Command.replay.rawValue.utf8), requestID, r.jsonBytes()]
        case .dlq(let d):
            out += [Array(Command.dlq.rawValue.utf8), requestID, d.jsonBytes()]
        }
        return out
    }
}
