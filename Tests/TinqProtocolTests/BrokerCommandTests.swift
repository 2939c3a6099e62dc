import Testing

@testable import TinqProtocol

@Suite("BrokerCommand")
struct BrokerCommandTests {
    static let commands: [BrokerCommand] = [
        .heartbeat,
        .disconnect(reason: "unknown worker: send READY"),
        .disconnect(reason: ""),
        .job(JobDelivery(jobID: 1, attempt: 1, metadataJSON: bytes(#"{"id":null}"#), body: bytes("Nội dung"))),
        .job(JobDelivery(jobID: UInt64.max, attempt: UInt32.max, metadataJSON: [], body: [0, 0xFF, 0x80])),
    ]

    @Test("frames() decode back to the same command", arguments: commands)
    func roundTrip(command: BrokerCommand) throws {
        let frames = command.frames()
        #expect(frames[0] == Wire.versionBytes)
        #expect(try BrokerCommand.decode(frames) == command)
    }

    @Test("JOB frames are version, JOB, decimal id, decimal attempt, metadata, body")
    func jobLayout() {
        let frames = BrokerCommand.job(JobDelivery(jobID: 42, attempt: 3, metadataJSON: bytes("{}"), body: bytes("b"))).frames()
        #expect(frames == [bytes("tinq/1"), bytes("JOB"), bytes("42"), bytes("3"), bytes("{}"), bytes("b")])
    }

    @Test("a DISCONNECT without a reason frame decodes with an empty reason")
    func disconnectWithoutReason() throws {
        #expect(try BrokerCommand.decode([bytes("tinq/1"), bytes("DISCONNECT")]) == .disconnect(reason: ""))
    }

    @Test("decoding refuses wrong versions, unknown commands and malformed JOBs")
    func decodeErrors() {
        #expect(rejection { try BrokerCommand.decode([bytes("tinq/1")]) }?.code == .badVersion)
        #expect(rejection { try BrokerCommand.decode([bytes("tinq/2"), bytes("HEARTBEAT")]) }?.code == .badVersion)
        #expect(rejection { try BrokerCommand.decode([bytes("tinq/1"), bytes("WORK")]) }?.code == .unknownCommand)
        let job = [bytes("tinq/1"), bytes("JOB")]
        #expect(rejection { try BrokerCommand.decode(job + [bytes("1"), bytes("1"), bytes("{}")]) }?.code == .badFrames)
        #expect(rejection { try BrokerCommand.decode(job + [bytes("1"), bytes("1"), bytes("{}"), bytes("b"), bytes("x")]) }?.code == .badFrames)
        #expect(rejection { try BrokerCommand.decode(job + [bytes("x1"), bytes("1"), bytes("{}"), bytes("b")]) }?.code == .badFrames)
        #expect(rejection { try BrokerCommand.decode(job + [bytes("1"), bytes("4294967296"), bytes("{}"), bytes("b")]) }?.code == .badFrames)
        #expect(rejection { try BrokerCommand.decode(job + [bytes("1"), bytes("-1"), bytes("{}"), bytes("b")]) }?.code == .badFrames)
    }
}
