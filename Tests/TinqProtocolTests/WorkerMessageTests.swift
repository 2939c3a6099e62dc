import Foundation
import Testing

@testable import TinqProtocol

@Suite("WorkerMessage")
struct WorkerMessageTests {
    static let messages: [WorkerMessage] = [
        .ready(WorkerHello(name: "worker-1", pid: 4242, credit: 32, analyzer: "tinq-analysis/1")),
        .ready(WorkerHello(name: "tên \"lạ\"", pid: -1, credit: 1)),
        .result(jobID: 7, attempt: 2, labels: ["dan_van", "award"], result: bytes(#"{"title":"x"}"#)),
        .result(jobID: UInt64.max, attempt: UInt32.max, labels: [], result: []),
        .failure(jobID: 3, attempt: 1, JobFailure(code: "not_utf8", message: "bad byte at 4", retryable: false)),
        .failure(jobID: 4, attempt: 5, JobFailure(code: "internal", message: "", retryable: true)),
        .heartbeat,
        .bye,
    ]

    @Test("frames() decode back to the same message", arguments: messages)
    func roundTrip(message: WorkerMessage) throws {
        let frames = message.frames()
        #expect(frames[0] == Wire.versionBytes)
        #expect(try WorkerMessage.decode(ArraySlice(frames)) == message)
    }

    @Test("decoding works on a slice after the routing id")
    func slice() throws {
        let frames = [bytes("routing-id")] + WorkerMessage.result(jobID: 5, attempt: 1, labels: ["award"], result: bytes("{}")).frames()
        #expect(try WorkerMessage.decode(frames[1...]) == .result(jobID: 5, attempt: 1, labels: ["award"], result: bytes("{}")))
    }

    @Test("RESULT frames carry decimal id and attempt and comma-joined labels")
    func resultLayout() {
        let frames = WorkerMessage.result(jobID: 12, attempt: 3, labels: ["a", "b_2"], result: bytes("{}")).frames()
        #expect(frames == [bytes("tinq/1"), bytes("RESULT"), bytes("12"), bytes("3"), bytes("a,b_2"), bytes("{}")])
    }

    static func decode(_ parts: [[UInt8]]) throws(ProtocolRejection) -> WorkerMessage {
        try WorkerMessage.decode(ArraySlice([bytes("tinq/1")] + parts))
    }

    @Test("envelope errors")
    func envelope() {
        #expect(rejection { try WorkerMessage.decode(ArraySlice([bytes("tinq/1")])) }?.code == .badFrames)
        #expect(rejection { try WorkerMessage.decode(ArraySlice([bytes("tinq/0"), bytes("HEARTBEAT")])) }?.code == .badVersion)
        #expect(rejection { try Self.decode([bytes("PONG")]) }?.code == .unknownCommand)
        #expect(rejection { try Self.decode([[0xFF]]) }?.code == .unknownCommand)
    }

    @Test("READY needs one JSON frame with name, pid and a credit of at least 1")
    func ready() throws {
        #expect(rejection { try Self.decode([bytes("READY")]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("READY"), bytes("{")]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("READY"), bytes(#"{"name":"w","credit":1}"#)]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("READY"), bytes(#"{"name":"w","pid":1,"credit":0}"#)]) }?.code == .badArguments)
        #expect(rejection { try Self.decode([bytes("READY"), bytes(#"{"name":"w","pid":1,"credit":-5}"#)]) }?.code == .badArguments)
        #expect(try Self.decode([bytes("READY"), bytes(#"{"name":"w","pid":1,"credit":1,"extra":true}"#)]) == .ready(WorkerHello(name: "w", pid: 1, credit: 1)))
    }

    @Test("RESULT needs four frames, decimal numbers, and valid labels")
    func result() throws {
        let ok: [[UInt8]] = [bytes("RESULT"), bytes("1"), bytes("1"), bytes("award"), bytes("{}")]
        #expect(try Self.decode(ok) == .result(jobID: 1, attempt: 1, labels: ["award"], result: bytes("{}")))
        #expect(try Self.decode([bytes("RESULT"), bytes("1"), bytes("1"), [], bytes("{}")]) == .result(jobID: 1, attempt: 1, labels: [], result: bytes("{}")))
        #expect(rejection { try Self.decode(Array(ok.dropLast())) }?.code == .badFrames)
        #expect(rejection { try Self.decode(ok + [[]]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("RESULT"), bytes("1a"), bytes("1"), [], bytes("{}")]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("RESULT"), bytes("1"), bytes("99999999999"), [], bytes("{}")]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("RESULT"), bytes("1"), bytes("1"), [0xFF], bytes("{}")]) }?.code == .badFrames)
        for bad in ["Award", "dan van", "label.award.", String(repeating: "x", count: 65), "ả"] {
            #expect(rejection { try Self.decode([bytes("RESULT"), bytes("1"), bytes("1"), bytes(bad), bytes("{}")]) }?.code == .badArguments, "label \(bad)")
        }
    }

    @Test("FAIL needs three frames and a failure JSON object")
    func fail() throws {
        #expect(try Self.decode([bytes("FAIL"), bytes("9"), bytes("2"), bytes(#"{"code":"c","message":"m","retryable":true}"#)])
            == .failure(jobID: 9, attempt: 2, JobFailure(code: "c", message: "m", retryable: true)))
        #expect(rejection { try Self.decode([bytes("FAIL"), bytes("9"), bytes("2")]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("FAIL"), bytes("9"), bytes("2"), bytes(#"{"code":"c","message":"m"}"#)]) }?.code == .badFrames)
        #expect(rejection { try Self.decode([bytes("FAIL"), bytes(""), bytes("2"), bytes(#"{"code":"c","message":"m","retryable":true}"#)]) }?.code == .badFrames)
    }
}
