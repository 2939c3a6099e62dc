import Foundation
import Testing

@testable import TinqProtocol

@Suite("BrokerReply")
struct BrokerReplyTests {
    @Test("ACCEPTED carries the job id as a decimal string")
    func accepted() throws {
        let r = BrokerReply.accepted(jobID: 17, requestID: bytes("q"))
        #expect(r.status == .accepted)
        #expect(r.requestID == bytes("q"))
        let json = try #require(jsonObject(r.json))
        #expect(json["job_id"] as? String == "17")
    }

    @Test("DUPLICATE names the earlier job in both fields")
    func duplicate() throws {
        let json = try #require(jsonObject(BrokerReply.duplicate(of: 9, requestID: []).json))
        #expect(json["job_id"] as? String == "9")
        #expect(json["duplicate_of"] as? String == "9")
    }

    @Test("REJECTED carries the code, message and the rejection's request id")
    func rejected() throws {
        let r = BrokerReply.rejected(ProtocolRejection(.bodyNotUTF8, "bad \"byte\"\n", requestID: bytes("rid")))
        #expect(r.status == .rejected)
        #expect(r.requestID == bytes("rid"))
        let json = try #require(jsonObject(r.json))
        #expect(json["code"] as? String == "body_not_utf8")
        #expect(json["message"] as? String == "bad \"byte\"\n")
    }

    @Test("ERROR and BUSY carry their fields")
    func errorAndBusy() throws {
        let e = BrokerReply.error(code: .storageFailed, message: "disk full", requestID: bytes("e"))
        #expect(e.status == .error)
        let ej = try #require(jsonObject(e.json))
        #expect(ej["code"] as? String == "storage_failed")
        #expect(ej["message"] as? String == "disk full")
        let b = BrokerReply.busy(retryAfterMilliseconds: 250, reason: "queue_full", requestID: bytes("b"))
        #expect(b.status == .busy)
        let bj = try #require(jsonObject(b.json))
        #expect(bj["retry_after_ms"] as? Int == 250)
        #expect(bj["reason"] as? String == "queue_full")
    }

    static let replies: [BrokerReply] = BrokerReply.Status.allCases.map {
        BrokerReply(status: $0, requestID: bytes("id-\($0.rawValue)"), json: bytes(#"{"x":1}"#))
    } + [
        BrokerReply(status: .ok, requestID: [], json: bytes("{}"), extra: [bytes("1"), bytes("2"), [], bytes("{}")]),
        BrokerReply(status: .rejected, requestID: [0, 0xFF], json: [], extra: [[]]),
    ]

    @Test("frames() decode back, as a DEALER (with delimiter) and as a REQ (without) receives them", arguments: replies)
    func roundTrip(reply: BrokerReply) throws {
        let frames = reply.frames()
        #expect(frames.count == 5 + reply.extra.count)
        #expect(frames[0] == [])
        #expect(frames[1] == Wire.versionBytes)
        #expect(try BrokerReply.decode(frames) == reply)
        #expect(try BrokerReply.decode(Array(frames.dropFirst())) == reply)
    }

    @Test("decoding refuses too few frames, another version, and an unknown status")
    func decodeErrors() {
        #expect(rejection { try BrokerReply.decode([]) }?.code == .badFrames)
        #expect(rejection { try BrokerReply.decode([[], bytes("tinq/1"), bytes("OK"), bytes("id")]) }?.code == .badFrames)
        #expect(rejection { try BrokerReply.decode([[], bytes("tinq/2"), bytes("OK"), bytes("id"), bytes("{}")]) }?.code == .badVersion)
        #expect(rejection { try BrokerReply.decode([[], bytes("tinq/1"), bytes("MAYBE"), bytes("id"), bytes("{}")]) }?.code == .unknownCommand)
        #expect(rejection { try BrokerReply.decode([[], bytes("tinq/1"), bytes("ok"), bytes("id"), bytes("{}")]) }?.code == .unknownCommand)
    }
}
