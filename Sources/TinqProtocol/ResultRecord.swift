/// A finished job's result as stored in the results log, published and replayed.
public struct ResultRecord: Sendable, Equatable {
    /// Position in the results log (1, 2, 3, ... with no reuse).
    public var seq: UInt64
    /// The job that produced it.
    public var jobID: UInt64
    /// The labels that apply (topic names).
    public var labels: [String]
    /// The result JSON object.
    public var result: [UInt8]

    /// Creates a record.
    public init(seq: UInt64, jobID: UInt64, labels: [String], result: [UInt8]) {
        self.seq = seq
        self.jobID = jobID
        self.labels = labels
        self.result = result
    }

    /// The four frames of a record inside a REPLAY reply: seq, job id, labels, result.
    public func replayFrames() -> [[UInt8]] {
        [FrameText.decimal(seq), FrameText.decimal(jobID), Array(labels.joined(separator: ",").utf8), result]
    }

    /// The PUB message for `topic`: topic, tinq/1, seq, previous seq on this topic, job id, labels, result.
    public func publishFrames(topic: [UInt8], previousSeq: UInt64) -> [[UInt8]] {
        [topic, Wire.versionBytes, FrameText.decimal(seq), FrameText.decimal(previousSeq), FrameText.decimal(jobID),
         Array(labels.joined(separator: ",").utf8), result]
    }

    /// Decodes the records that follow a REPLAY reply's JSON frame.
    public static func decodeReplay(_ frames: [[UInt8]]) throws(ProtocolRejection) -> [ResultRecord] {
        guard frames.count % 4 == 0 else { throw ProtocolRejection(.badFrames, "replay records come in groups of 4 frames") }
        var out: [ResultRecord] = []
        out.reserveCapacity(frames.count / 4)
        var i = 0
        while i < frames.count {
            guard let seq = FrameText.unsigned(frames[i]), let job = FrameText.unsigned(frames[i + 1]), let l = FrameText.string(frames[i + 2]) else {
                throw ProtocolRejection(.badFrames, "bad replay record")
            }
            out.append(ResultRecord(seq: seq, jobID: job, labels: l.isEmpty ? [] : l.split(separator: ",").map(String.init), result: frames[i + 3]))
            i += 4
        }
        return out
    }
}

/// A result as a subscriber receives it from the PUB socket.
public struct PublishedResult: Sendable, Equatable {
    /// The topic frame it came on (`all` or `label.<name>.`).
    public var topic: String
    /// The sequence number of the previous result on the same topic (0 if none): a subscriber that
    /// saw a different last seq on this topic has missed messages.
    public var previousSeq: UInt64
    /// The record.
    public var record: ResultRecord

    /// Creates a published result.
    public init(topic: String, previousSeq: UInt64, record: ResultRecord) {
        self.topic = topic
        self.previousSeq = previousSeq
        self.record = record
    }

    /// Decodes a PUB message.
    public static func decode(_ frames: [[UInt8]]) throws(ProtocolRejection) -> PublishedResult {
        guard frames.count == 7 else { throw ProtocolRejection(.badFrames, "a published result has 7 frames") }
        guard frames[1] == Wire.versionBytes else { throw ProtocolRejection(.badVersion, "expected \(Wire.version)") }
        guard let topic = FrameText.string(frames[0]), let seq = FrameText.unsigned(frames[2]), let prev = FrameText.unsigned(frames[3]),
              let job = FrameText.unsigned(frames[4]), let l = FrameText.string(frames[5])
        else { throw ProtocolRejection(.badFrames, "bad published result") }
        return PublishedResult(topic: topic, previousSeq: prev,
                               record: ResultRecord(seq: seq, jobID: job, labels: l.isEmpty ? [] : l.split(separator: ",").map(String.init), result: frames[6]))
    }
}
