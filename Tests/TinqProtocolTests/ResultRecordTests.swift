import Testing

@testable import TinqProtocol

@Suite("ResultRecord and PublishedResult")
struct ResultRecordTests {
    static let records: [ResultRecord] = [
        ResultRecord(seq: 1, jobID: 10, labels: ["dan_van", "conference"], result: bytes(#"{"title":"Hội nghị"}"#)),
        ResultRecord(seq: 2, jobID: 11, labels: [], result: bytes("{}")),
        ResultRecord(seq: UInt64.max, jobID: UInt64.max, labels: ["award"], result: []),
    ]

    @Test("replay frames are seq, job id, labels, result")
    func replayLayout() {
        #expect(Self.records[0].replayFrames() == [bytes("1"), bytes("10"), bytes("dan_van,conference"), bytes(#"{"title":"Hội nghị"}"#)])
        #expect(Self.records[1].replayFrames()[2] == [])
    }

    @Test("replay frames of several records decode back in order")
    func replayRoundTrip() throws {
        #expect(try ResultRecord.decodeReplay(Self.records.flatMap { $0.replayFrames() }) == Self.records)
        #expect(try ResultRecord.decodeReplay([]) == [])
    }

    @Test("replay decoding refuses partial groups and non-decimal numbers")
    func replayErrors() {
        let frames = Self.records.flatMap { $0.replayFrames() }
        #expect(rejection { try ResultRecord.decodeReplay(Array(frames.dropLast())) }?.code == .badFrames)
        #expect(rejection { try ResultRecord.decodeReplay([bytes("x"), bytes("1"), [], []]) }?.code == .badFrames)
        #expect(rejection { try ResultRecord.decodeReplay([bytes("1"), bytes(""), [], []]) }?.code == .badFrames)
        #expect(rejection { try ResultRecord.decodeReplay([bytes("1"), bytes("1"), [0xC0], []]) }?.code == .badFrames)
    }

    @Test("publish frames decode back to the same topic, previous seq and record", arguments: records)
    func publishRoundTrip(record: ResultRecord) throws {
        for topic in [Wire.allTopic, Wire.topic(forLabel: "award")] {
            let frames = record.publishFrames(topic: bytes(topic), previousSeq: 5)
            #expect(frames.count == 7)
            #expect(frames[0] == bytes(topic))
            #expect(frames[1] == Wire.versionBytes)
            #expect(try PublishedResult.decode(frames) == PublishedResult(topic: topic, previousSeq: 5, record: record))
        }
    }

    @Test("published result decoding refuses wrong counts, versions and numbers")
    func publishErrors() {
        let frames = Self.records[0].publishFrames(topic: bytes("all"), previousSeq: 0)
        #expect(rejection { try PublishedResult.decode(Array(frames.dropLast())) }?.code == .badFrames)
        #expect(rejection { try PublishedResult.decode(frames + [[]]) }?.code == .badFrames)
        var v = frames
        v[1] = bytes("tinq/2")
        #expect(rejection { try PublishedResult.decode(v) }?.code == .badVersion)
        for i in [2, 3, 4] {
            var bad = frames
            bad[i] = bytes("-1")
            #expect(rejection { try PublishedResult.decode(bad) }?.code == .badFrames, "frame \(i)")
        }
    }
}
