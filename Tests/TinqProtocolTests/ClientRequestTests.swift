import Foundation
import Testing

@testable import TinqProtocol

@Suite("ClientRequest")
struct ClientRequestTests {
    static let limits = ClientRequest.Limits(maxBodyBytes: 64)
    static let article = bytes("Tiêu đề\n\nNội dung bài báo.")

    /// Frames as a DEALER client sends them (with the empty delimiter) or as a REQ socket's
    /// peer sees them after libzmq stripped nothing (REQ adds the delimiter itself, so a broken
    /// client may send none).
    static func frames(_ parts: [[UInt8]], delimiter: Bool) -> ArraySlice<[UInt8]> {
        ArraySlice(delimiter ? [[]] + parts : parts)
    }

    static func decode(_ parts: [[UInt8]], delimiter: Bool = true, limits: ClientRequest.Limits = limits) throws(ProtocolRejection) -> ClientRequest {
        try ClientRequest.decode(frames(parts, delimiter: delimiter), limits: limits)
    }

    // MARK: Every command decodes

    @Test("SUBMIT decodes with and without the delimiter", arguments: [true, false])
    func submit(delimiter: Bool) throws {
        let meta = bytes(#"{"id":"a1","url":"https://example.org/a1","content_type":"text/html","force":true}"#)
        let request = try Self.decode([bytes("tinq/1"), bytes("SUBMIT"), bytes("req-1"), meta, Self.article], delimiter: delimiter)
        #expect(request.requestID == bytes("req-1"))
        guard case .submit(let s) = request.body else {
            Issue.record("expected SUBMIT, got \(request.body)")
            return
        }
        #expect(s.body == Self.article)
        #expect(s.metadata == SubmitMetadata(id: "a1", url: "https://example.org/a1", contentType: .html, force: true))
        #expect(s.metadataJSON == s.metadata.jsonBytes())
    }

    @Test("STATUS and PING decode with and without the delimiter", arguments: [true, false])
    func statusAndPing(delimiter: Bool) throws {
        let status = try Self.decode([bytes("tinq/1"), bytes("STATUS"), bytes("s")], delimiter: delimiter)
        guard case .status = status.body else {
            Issue.record("expected STATUS, got \(status.body)")
            return
        }
        #expect(status.requestID == bytes("s"))
        let ping = try Self.decode([bytes("tinq/1"), bytes("PING"), bytes("p")], delimiter: delimiter)
        guard case .ping = ping.body else {
            Issue.record("expected PING, got \(ping.body)")
            return
        }
        #expect(ping.requestID == bytes("p"))
    }

    @Test("REPLAY decodes its JSON argument", arguments: [true, false])
    func replay(delimiter: Bool) throws {
        let request = try Self.decode([bytes("tinq/1"), bytes("REPLAY"), bytes("r"), bytes(#"{"from_seq":42,"limit":7,"labels":["award"]}"#)], delimiter: delimiter)
        guard case .replay(let r) = request.body else {
            Issue.record("expected REPLAY, got \(request.body)")
            return
        }
        #expect(r == ReplayRequest(fromSeq: 42, limit: 7, labels: ["award"]))
    }

    @Test("DLQ decodes its JSON argument", arguments: [true, false])
    func dlq(delimiter: Bool) throws {
        let request = try Self.decode([bytes("tinq/1"), bytes("DLQ"), bytes("d"), bytes(#"{"action":"requeue","job_id":"17"}"#)], delimiter: delimiter)
        guard case .dlq(let d) = request.body else {
            Issue.record("expected DLQ, got \(request.body)")
            return
        }
        #expect(d == DeadLetterRequest(action: .requeue, jobID: "17"))
    }

    @Test("frames after a ROUTER's routing id decode as a slice that does not start at 0")
    func sliceWithOffset() throws {
        let all: [[UInt8]] = [bytes("routing"), [], bytes("tinq/1"), bytes("SUBMIT"), bytes("x"), [], Self.article]
        let request = try ClientRequest.decode(all[1...], limits: Self.limits)
        #expect(request.requestID == bytes("x"))
        guard case .submit(let s) = request.body else {
            Issue.record("expected SUBMIT")
            return
        }
        #expect(s.body == Self.article)
        #expect(s.metadata == SubmitMetadata())
    }

    // MARK: Envelope errors

    @Test("another protocol version is bad_version and echoes the request id")
    func wrongVersion() {
        let r = rejection { try Self.decode([bytes("tinq/2"), bytes("PING"), bytes("req-7")]) }
        #expect(r?.code == .badVersion)
        #expect(r?.requestID == bytes("req-7"))
        #expect(r?.message.contains("tinq/2") == true)
    }

    @Test("a binary version frame is bad_version and the message does not embed the bytes")
    func binaryVersion() {
        let r = rejection { try Self.decode([[0xFF, 0xFE, 0x00], bytes("PING"), bytes("q")]) }
        #expect(r?.code == .badVersion)
        #expect(r?.requestID == bytes("q"))
        #expect(r?.message.contains("3 binary bytes") == true)
    }

    @Test("bad_version does not echo a request id that is itself too long")
    func wrongVersionLongID() {
        let r = rejection { try Self.decode([bytes("tinq/0"), bytes("PING"), [UInt8](repeating: 0x61, count: 65)]) }
        #expect(r?.code == .badVersion)
        #expect(r?.requestID == [])
    }

    @Test("an unknown command is unknown_command and echoes the request id", arguments: ["FROB", "submit", "PING ", ""])
    func unknownCommand(name: String) {
        let r = rejection { try Self.decode([bytes("tinq/1"), bytes(name), bytes("u1")]) }
        #expect(r?.code == .unknownCommand)
        #expect(r?.requestID == bytes("u1"))
    }

    @Test("a non-UTF-8 command frame is unknown_command")
    func binaryCommand() {
        let r = rejection { try Self.decode([bytes("tinq/1"), [0xC0, 0xAF], bytes("u2")]) }
        #expect(r?.code == .unknownCommand)
        #expect(r?.requestID == bytes("u2"))
    }

    @Test("an empty request id is bad_request_id")
    func emptyRequestID() {
        let r = rejection { try Self.decode([bytes("tinq/1"), bytes("PING"), []]) }
        #expect(r?.code == .badRequestID)
        #expect(r?.requestID == [])
    }

    @Test("request ids of 1 and 64 bytes pass; 65 bytes is bad_request_id")
    func requestIDLength() throws {
        for n in [1, Wire.maxRequestIDLength] {
            let id = [UInt8](repeating: 0x41, count: n)
            #expect(try Self.decode([bytes("tinq/1"), bytes("PING"), id]).requestID == id)
        }
        let r = rejection { try Self.decode([bytes("tinq/1"), bytes("PING"), [UInt8](repeating: 0x41, count: Wire.maxRequestIDLength + 1)]) }
        #expect(r?.code == .badRequestID)
        #expect(r?.requestID == [])
    }

    @Test("fewer than the envelope frames is bad_frames with no request id", arguments: [0, 1, 2])
    func tooFewFrames(count: Int) {
        let parts = Array([bytes("tinq/1"), bytes("PING"), bytes("id")].prefix(count))
        let r = rejection { try Self.decode(parts) }
        #expect(r?.code == .badFrames)
        #expect(r?.requestID == [])
    }

    // MARK: Argument errors (all echo the request id)

    @Test("SUBMIT with other than two argument frames is bad_frames", arguments: [0, 1, 3])
    func submitFrameCount(args: Int) {
        let parts = [bytes("tinq/1"), bytes("SUBMIT"), bytes("s1")] + Array(repeating: bytes("{}"), count: args)
        let r = rejection { try Self.decode(parts) }
        #expect(r?.code == .badFrames)
        #expect(r?.requestID == bytes("s1"))
    }

    @Test("STATUS or PING with an argument frame is bad_frames", arguments: ["STATUS", "PING"])
    func noArguments(command: String) {
        let r = rejection { try Self.decode([bytes("tinq/1"), bytes(command), bytes("n"), bytes("{}")]) }
        #expect(r?.code == .badFrames)
        #expect(r?.requestID == bytes("n"))
    }

    @Test("REPLAY or DLQ without exactly one argument frame is bad_frames", arguments: ["REPLAY", "DLQ"])
    func oneArgument(command: String) {
        for args in [0, 2] {
            let parts = [bytes("tinq/1"), bytes(command), bytes("o")] + Array(repeating: bytes("{}"), count: args)
            let r = rejection { try Self.decode(parts) }
            #expect(r?.code == .badFrames, "\(command) with \(args) argument frames")
            #expect(r?.requestID == bytes("o"))
        }
    }

    @Test("bad REPLAY and DLQ arguments are bad_arguments with the request id")
    func badArguments() {
        let replay = rejection { try Self.decode([bytes("tinq/1"), bytes("REPLAY"), bytes("a"), bytes(#"{"limit":0}"#)]) }
        #expect(replay?.code == .badArguments)
        #expect(replay?.requestID == bytes("a"))
        let dlq = rejection { try Self.decode([bytes("tinq/1"), bytes("DLQ"), bytes("b"), bytes(#"{"action":"show"}"#)]) }
        #expect(dlq?.code == .badArguments)
        #expect(dlq?.requestID == bytes("b"))
    }

    static func submitRejection(meta: [UInt8], body: [UInt8], limits: ClientRequest.Limits = limits) -> ProtocolRejection? {
        rejection { try decode([bytes("tinq/1"), bytes("SUBMIT"), bytes("sub-9"), meta, body], limits: limits) }
    }

    @Test("metadata that is not JSON is bad_metadata", arguments: ["{", "not json", "[1,2]", "\"text\"", "42", "null"])
    func badMetadataJSON(meta: String) {
        let r = Self.submitRejection(meta: bytes(meta), body: Self.article)
        #expect(r?.code == .badMetadata)
        #expect(r?.requestID == bytes("sub-9"))
    }

    @Test("metadata fields of the wrong type are bad_metadata", arguments: [
        #"{"id":5}"#, #"{"url":true}"#, #"{"source":["a"]}"#, #"{"fetched_at":{}}"#, #"{"force":"yes"}"#, #"{"force":1}"#,
        #"{"content_type":5}"#,
    ])
    func wrongTypes(meta: String) {
        let r = Self.submitRejection(meta: bytes(meta), body: Self.article)
        #expect(r?.code == .badMetadata)
        #expect(r?.requestID == bytes("sub-9"))
    }

    @Test("an unsupported content_type is bad_content_type", arguments: ["application/pdf", "TEXT/PLAIN", "text/plain; charset=utf-8", ""])
    func badContentType(type: String) {
        let r = Self.submitRejection(meta: bytes(#"{"content_type":"\#(type)"}"#), body: Self.article)
        #expect(r?.code == .badContentType)
        #expect(r?.requestID == bytes("sub-9"))
    }

    @Test("an empty or white-space-only body is body_empty", arguments: ["", " ", "\n\n", " \t\r\n "])
    func emptyBody(body: String) {
        let r = Self.submitRejection(meta: [], body: bytes(body))
        #expect(r?.code == .bodyEmpty)
        #expect(r?.requestID == bytes("sub-9"))
    }

    @Test("a body over the limit is body_too_large; exactly the limit is accepted")
    func bodyLimit() throws {
        let limit = ClientRequest.Limits(maxBodyBytes: 10)
        let exact = [UInt8](repeating: 0x61, count: 10)
        let ok = try Self.decode([bytes("tinq/1"), bytes("SUBMIT"), bytes("x"), [], exact], limits: limit)
        guard case .submit(let s) = ok.body else {
            Issue.record("expected SUBMIT")
            return
        }
        #expect(s.body == exact)
        let r = Self.submitRejection(meta: [], body: exact + [0x61], limits: limit)
        #expect(r?.code == .bodyTooLarge)
        #expect(r?.message.contains("11") == true)
        #expect(r?.requestID == bytes("sub-9"))
    }

    @Test("a non-UTF-8 body is body_not_utf8 and the message gives the offset of the first bad byte")
    func notUTF8() {
        // "Hà" is 3 bytes, then a space, then a lone continuation byte at offset 4.
        let body = bytes("Hà ") + [0x80] + bytes("Nội")
        let r = Self.submitRejection(meta: [], body: body)
        #expect(r?.code == .bodyNotUTF8)
        #expect(r?.message.contains("offset 4") == true)
        #expect(r?.message.contains("0x80") == true)
        #expect(r?.requestID == bytes("sub-9"))
    }

    // MARK: Round trips

    static let requests: [ClientRequest] = [
        ClientRequest(requestID: bytes("1"), body: .submit(Submission(metadata: SubmitMetadata(id: "x\"y", url: "http://a.vn/b", source: "báo", fetchedAt: "2024-01-02T03:04:05Z", contentType: .html, force: true), body: article))),
        ClientRequest(requestID: bytes("2"), body: .submit(Submission(metadata: SubmitMetadata(), body: bytes("x")))),
        ClientRequest(requestID: bytes("3"), body: .status),
        ClientRequest(requestID: bytes("4"), body: .ping),
        ClientRequest(requestID: bytes("5"), body: .replay(ReplayRequest(fromSeq: 9, limit: 3, labels: ["dan_van", "award"]))),
        ClientRequest(requestID: [UInt8](repeating: 0xFF, count: 64), body: .dlq(DeadLetterRequest(action: .list, limit: 10))),
        ClientRequest(requestID: bytes("7"), body: .dlq(DeadLetterRequest(action: .purge, jobID: "18446744073709551615"))),
    ]

    static func same(_ a: ClientRequest, _ b: ClientRequest) -> Bool {
        guard a.requestID == b.requestID else { return false }
        switch (a.body, b.body) {
        case (.submit(let x), .submit(let y)): return x.metadata == y.metadata && x.metadataJSON == y.metadataJSON && x.body == y.body
        case (.status, .status), (.ping, .ping): return true
        case (.replay(let x), .replay(let y)): return x == y
        case (.dlq(let x), .dlq(let y)): return x == y
        default: return false
        }
    }

    @Test("frames() decodes back to the same request, as DEALER and as REQ sends it", arguments: requests.indices)
    func roundTrip(index: Int) throws {
        let original = Self.requests[index]
        let frames = original.frames()
        #expect(frames.first == [], "a DEALER client sends the empty delimiter first")
        #expect(frames[1] == Wire.versionBytes)
        let limits = ClientRequest.Limits(maxBodyBytes: 1 << 20)
        let dealer = try ClientRequest.decode(ArraySlice(frames), limits: limits)
        #expect(Self.same(original, dealer))
        let req = try ClientRequest.decode(ArraySlice(frames.dropFirst()), limits: limits)
        #expect(Self.same(original, req))
    }
}
