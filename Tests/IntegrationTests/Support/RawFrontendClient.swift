import Foundation
import TinqTesting
import ZeroMQ

/// A bare DEALER socket on the broker's frontend that sends any frames at all, as a buggy or
/// hostile client would, and reads replies by PROTOCOL.md §3.2 alone (no TinqProtocol code).
/// Use it on one thread only (``onDedicatedThread(_:)``).
final class RawFrontendClient {
    /// A reply as the protocol lays it out.
    struct Reply: CustomStringConvertible {
        var frames: [[UInt8]]
        /// Frame 2: ACCEPTED, REJECTED, BUSY, ...
        var status: String { frames.count > 2 ? String(decoding: frames[2], as: UTF8.self) : "" }
        /// Frame 3: the echoed request id.
        var requestID: String { frames.count > 3 ? String(decoding: frames[3], as: UTF8.self) : "" }
        /// Frame 4 parsed as a JSON object.
        var json: [String: Any] {
            guard frames.count > 4, let object = try? JSONSerialization.jsonObject(with: Data(frames[4])) as? [String: Any] else { return [:] }
            return object
        }
        /// The `code` of a REJECTED or ERROR reply.
        var code: String? { json["code"] as? String }
        /// True when frames 0 and 1 are the empty delimiter and `tinq/1`.
        var isWellFormed: Bool { frames.count >= 5 && frames[0].isEmpty && frames[1] == Array("tinq/1".utf8) }
        var description: String {
            "\(status) rid=\(requestID) \(frames.count > 4 ? String(decoding: frames[4], as: UTF8.self) : "")"
        }
    }

    private let context: Context
    private let socket: Socket

    /// Connects to `endpoint`. `maxMessageSize` is unrelated to the broker's limit: it only
    /// keeps our own socket from refusing a reply.
    init(endpoint: String) throws {
        context = try Context(ioThreads: 1)
        socket = try Socket(context: context, type: .dealer)
        try socket.setLinger(0)
        try socket.connect(endpoint)
    }

    /// Closes the socket and context.
    func close() {
        socket.close()
        context.close()
    }

    /// Sends `frames` as one message.
    func send(_ frames: [[UInt8]]) throws {
        try socket.send(frames)
    }

    /// The next reply, or nil after `timeoutMs`.
    func receive(timeoutMs: Int) throws -> Reply? {
        var poller = Poller()
        let index = poller.add(socket)
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        while ContinuousClock.now < deadline {
            _ = try poller.poll(timeoutMilliseconds: 50)
            if poller.ready(index).contains(.readable), let frames = try socket.receive(dontWait: true) {
                return Reply(frames: frames)
            }
        }
        return nil
    }

    /// Sends `frames` and waits for the reply.
    func exchange(_ frames: [[UInt8]], timeoutMs: Int = 5000) throws -> Reply? {
        try send(frames)
        return try receive(timeoutMs: timeoutMs)
    }

    /// A well-formed request: "", tinq/1, command, request id, arguments.
    static func request(_ command: String, _ requestID: String, _ arguments: [[UInt8]] = [], version: String = "tinq/1") -> [[UInt8]] {
        [[], Array(version.utf8), Array(command.utf8), Array(requestID.utf8)] + arguments
    }

    /// A SUBMIT request with `metadata` (JSON text) and `body`.
    static func submit(_ requestID: String, metadata: String, body: [UInt8], version: String = "tinq/1") -> [[UInt8]] {
        request("SUBMIT", requestID, [Array(metadata.utf8), body], version: version)
    }
}

extension RawFrontendClient {
    /// Polls STATUS every few milliseconds on a thread of its own until `condition` holds:
    /// much finer-grained than running `tinq status`, for catching a moment mid-push.
    /// Throws after `timeout`.
    static func waitForStatus(endpoint: String, timeout: Duration, _ what: String,
                              _ condition: @escaping @Sendable (BrokerStatus) -> Bool) async throws -> BrokerStatus {
        try await onDedicatedThread {
            let client = try RawFrontendClient(endpoint: endpoint)
            defer { client.close() }
            let deadline = ContinuousClock.now + timeout
            var n = 0
            var last: BrokerStatus?
            while ContinuousClock.now < deadline {
                n += 1
                if let reply = try client.exchange(request("STATUS", "poll-\(n)"), timeoutMs: 500), reply.status == "OK", reply.frames.count > 4,
                   let status = try? BrokerStatus(json: String(decoding: reply.frames[4], as: UTF8.self)) {
                    last = status
                    if condition(status) { return status }
                }
                usleep(5_000)
            }
            throw TestFailure("timed out after \(timeout) waiting until \(what); last status: \(last.map { "\($0)" } ?? "none")")
        }
    }
}
