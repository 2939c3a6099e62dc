import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Bad input") struct BadInputTests {
        /// One bad request and what the broker must answer: a status and, for REJECTED, a code.
        struct Case: Sendable {
            var name: String
            var frames: [[UInt8]]
            var status: String
            var code: String?
            /// The request id the reply must echo ("" when the request was too broken to read it).
            var requestID: String
        }

        static func cases(maxBody: Int) -> [Case] {
            var random = SystemRandomNumberGenerator()
            let garbage = (0..<37).map { _ in UInt8.random(in: 1...255, using: &random) }
            let meta = #"{"id": "bad", "content_type": "text/plain"}"#
            let text = Array("Tiêu đề bài báo\n\nNội dung hợp lệ về công tác dân vận.".utf8)
            typealias C = RawFrontendClient
            return [
                Case(name: "one random frame, no delimiter", frames: [garbage], status: "REJECTED", code: "bad_frames", requestID: ""),
                Case(name: "delimiter only", frames: [[]], status: "REJECTED", code: "bad_frames", requestID: ""),
                Case(name: "unknown version tinq/9", frames: C.submit("r-version", metadata: meta, body: text, version: "tinq/9"),
                     status: "REJECTED", code: "bad_version", requestID: "r-version"),
                Case(name: "unknown command", frames: C.request("FROBNICATE", "r-command"), status: "REJECTED", code: "unknown_command", requestID: "r-command"),
                Case(name: "empty request id", frames: C.request("PING", ""), status: "REJECTED", code: "bad_request_id", requestID: ""),
                Case(name: "SUBMIT without a body frame", frames: C.request("SUBMIT", "r-frames", [Array(meta.utf8)]),
                     status: "REJECTED", code: "bad_frames", requestID: "r-frames"),
                Case(name: "non-UTF-8 body", frames: C.submit("r-utf8", metadata: meta, body: Array("Tiêu đề ".utf8) + [0xC3, 0x28, 0xFF] + text),
                     status: "REJECTED", code: "body_not_utf8", requestID: "r-utf8"),
                Case(name: "empty body", frames: C.submit("r-empty", metadata: meta, body: []), status: "REJECTED", code: "body_empty", requestID: "r-empty"),
                Case(name: "white-space body", frames: C.submit("r-space", metadata: meta, body: Array(" \n\t\r\n ".utf8)),
                     status: "REJECTED", code: "body_empty", requestID: "r-space"),
                Case(name: "oversized body", frames: C.submit("r-large", metadata: meta, body: [UInt8](repeating: 0x61, count: maxBody + 1)),
                     status: "REJECTED", code: "body_too_large", requestID: "r-large"),
                Case(name: "metadata not JSON", frames: C.submit("r-json", metadata: "{not json", body: text),
                     status: "REJECTED", code: "bad_metadata", requestID: "r-json"),
                Case(name: "metadata a JSON array", frames: C.submit("r-array", metadata: "[1, 2]", body: text),
                     status: "REJECTED", code: "bad_metadata", requestID: "r-array"),
                Case(name: "metadata field of the wrong type", frames: C.submit("r-type", metadata: #"{"url": 42}"#, body: text),
                     status: "REJECTED", code: "bad_metadata", requestID: "r-type"),
                Case(name: "unknown content type", frames: C.submit("r-ctype", metadata: #"{"content_type": "application/pdf"}"#, body: text),
                     status: "REJECTED", code: "bad_content_type", requestID: "r-ctype"),
                Case(name: "REPLAY with unusable arguments", frames: C.request("REPLAY", "r-replay", [Array(#"{"from_seq": "many"}"#.utf8)]),
                     status: "REJECTED", code: "bad_arguments", requestID: "r-replay"),
            ]
        }

        /// Garbage, wrong versions, unknown commands, bad bodies and bad metadata each get the
        /// documented rejection; the broker stays up and accepts the next valid article.
        @Test(.timeLimit(.minutes(1)))
        func badRequestsAreRejectedAndTheBrokerKeepsServing() async throws {
            let maxBody = 1000
            let sandbox = try TinqSandbox("bad-input", settings: ["broker.max_body_bytes=\(maxBody)"])
            defer { sandbox.shutdown() }
            let broker = try sandbox.broker()
            try await sandbox.waitForBroker()
            let endpoint = "ipc://\(sandbox.directory.runtimeDirectory)/frontend.sock"
            let cases = Self.cases(maxBody: maxBody)

            let replies: [String?] = try await onDedicatedThread {
                let client = try RawFrontendClient(endpoint: endpoint)
                defer { client.close() }
                return try cases.map { c in try client.exchange(c.frames).map { Self.describe($0) } }
            }
            for (c, reply) in zip(cases, replies) {
                let expected = "\(c.status) \(c.code ?? "-") rid=\(c.requestID) well-formed"
                #expect(reply == expected, "\(c.name): got \(reply ?? "no reply")")
            }

            // A message far over the frontend's size ceiling: libzmq drops that connection
            // without a reply; the broker itself must not notice.
            let huge = try await onDedicatedThread {
                let client = try RawFrontendClient(endpoint: endpoint)
                defer { client.close() }
                return try client.exchange(RawFrontendClient.submit("r-huge", metadata: "{}", body: [UInt8](repeating: 0x62, count: 3 * 1_048_576)),
                                           timeoutMs: 1500).map { Self.describe($0) }
            }

            // Garbage on the workers' socket too.
            let backend = "ipc://\(sandbox.directory.runtimeDirectory)/workers.sock"
            try await onDedicatedThread {
                let client = try RawFrontendClient(endpoint: backend)
                defer { client.close() }
                try client.send([[0xFF, 0x00, 0x13]])
                try client.send([Array("tinq/1".utf8), Array("RESULT".utf8), Array("99".utf8)])
                try client.send([Array("tinq/7".utf8), Array("READY".utf8), Array("{}".utf8)])
                _ = try client.receive(timeoutMs: 300)
            }

            // Then a valid article is accepted, by the same kind of raw client.
            let valid: String? = try await onDedicatedThread {
                let client = try RawFrontendClient(endpoint: endpoint)
                defer { client.close() }
                let body = Array("Hội nghị tổng kết công tác dân vận\n\nNội dung bài báo hợp lệ.".utf8)
                guard let reply = try client.exchange(RawFrontendClient.submit("r-ok", metadata: #"{"id": "ok-1", "url": "https://tin.example.vn/ok-1"}"#, body: body))
                else { return nil }
                return "\(reply.status) rid=\(reply.requestID) job=\(reply.json["job_id"] as? String ?? "none")"
            }
            #expect(valid?.hasPrefix("ACCEPTED rid=r-ok job=") == true && valid?.hasSuffix("job=none") == false, "valid submission: \(valid ?? "no reply")")
            #expect(broker.isRunning, "the broker died: \(broker.stderrTail())")
            let status = try #require(try await sandbox.status())
            let expectedRejections = cases.filter { $0.status == "REJECTED" }.count
            report("bad-input", "bad requests \(cases.count), rejected with the documented code \(zip(cases, replies).filter { "\($0.status) \($0.code ?? "-") rid=\($0.requestID) well-formed" == $1 }.count), oversized message dropped without reply: \(huge == nil), broker totals rejected \(status.total("rejected")), accepted \(status.total("accepted")), broker alive \(broker.isRunning)")
            #expect(status.total("rejected") == expectedRejections, "\(status)")
            #expect(status.total("accepted") == 1)
            #expect(huge == nil, "a message over the ceiling got a reply: \(huge ?? "")")
            let logged = broker.stderr().components(separatedBy: "Rejected a client request.").count - 1
            #expect(logged == expectedRejections, "rejections logged: \(logged)")
        }

        static func describe(_ reply: RawFrontendClient.Reply) -> String {
            "\(reply.status) \(reply.code ?? "-") rid=\(reply.requestID) \(reply.isWellFormed ? "well-formed" : "malformed \(reply.frames.count) frames")"
        }
    }
}
