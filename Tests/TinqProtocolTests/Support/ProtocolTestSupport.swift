import Foundation
import Testing
import TinqProtocol

/// The UTF-8 bytes of `text`.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The rejection `body` throws, or nil when it succeeds (so tests can inspect code, message and
/// request id instead of only "it threw").
func rejection<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> ProtocolRejection? {
    do {
        _ = try body()
        return nil
    } catch let r as ProtocolRejection {
        return r
    } catch {
        Issue.record("expected a ProtocolRejection, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Parses a JSON object the code under test wrote, with Foundation's independent parser.
func jsonObject(_ data: [UInt8]) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed])) as? [String: Any]
}

/// A small deterministic generator (SplitMix64) so property tests are repeatable: a failure
/// prints the seed and the failing input, and rerunning reproduces it.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
