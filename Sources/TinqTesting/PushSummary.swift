/// The summary line `tinq push` prints last:
/// "pushed N: accepted A, duplicate D, rejected R, not submitted G".
public struct PushSummary: Sendable, Equatable, CustomStringConvertible {
    /// Articles read.
    public var pushed: Int
    /// Answered ACCEPTED.
    public var accepted: Int
    /// Answered DUPLICATE.
    public var duplicate: Int
    /// Answered REJECTED.
    public var rejected: Int
    /// Given up on (no reply, or BUSY for too long).
    public var notSubmitted: Int

    /// Finds and parses the summary line in `output`.
    public init(_ output: String) throws {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("pushed ") }) else {
            throw TestFailure("no `pushed N: ...` summary in push output:\n\(output.suffix(1500))")
        }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count == 5 else { throw TestFailure("cannot read push summary: \(line)") }
        pushed = numbers[0]
        accepted = numbers[1]
        duplicate = numbers[2]
        rejected = numbers[3]
        notSubmitted = numbers[4]
    }

    /// "pushed 200, accepted 200, duplicate 0, rejected 0, not submitted 0".
    public var description: String {
        "pushed \(pushed), accepted \(accepted), duplicate \(duplicate), rejected \(rejected), not submitted \(notSubmitted)"
    }
}
