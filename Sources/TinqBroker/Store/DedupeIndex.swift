/// The dedupe keys of the jobs inside the dedupe window, in memory: key → (job id, accept time).
///
/// The ``JobStore`` keeps the full keys in its job rows and rebuilds this index from them when
/// it opens. An entry holds 16 bytes of the 33-byte key (the kind byte and 120 bits of the
/// SHA-256 digest: a chance collision needs about 2^60 keys), the job id and the time, about
/// 50 bytes with the table's overhead: a million jobs in the window take about 50 MB.
struct DedupeIndex {
    struct Entry: Equatable {
        var jobID: UInt64
        var submittedAt: Double
    }

    private struct Key: Hashable {
        var high: UInt64
        var low: UInt64

        init(_ bytes: [UInt8]) {
            var h: UInt64 = 0
            var l: UInt64 = 0
            // Keys are 33 bytes; shorter ones (never made by DedupeKey) are zero-padded.
            for i in 0..<8 where i < bytes.count { h = h << 8 | UInt64(bytes[i]) }
            for i in 8..<16 where i < bytes.count { l = l << 8 | UInt64(bytes[i]) }
            high = h
            low = l
        }
    }

    private var entries: [Key: Entry] = [:]

    var count: Int { entries.count }

    func lookup(_ key: [UInt8]) -> Entry? {
        entries[Key(key)]
    }

    /// Records that `jobID` now owns `key` (a later job replaces an earlier one).
    mutating func set(_ key: [UInt8], jobID: UInt64, submittedAt: Double) {
        entries[Key(key)] = Entry(jobID: jobID, submittedAt: submittedAt)
    }

    /// Takes over every entry of `other` (the keys of a committed transaction).
    mutating func merge(_ other: DedupeIndex) {
        entries.merge(other.entries) { _, new in new }
    }

    /// Forgets the keys accepted before `cutoff` (past the window, they no longer dedupe).
    mutating func removeEntries(submittedBefore cutoff: Double) {
        entries = entries.filter { $0.value.submittedAt >= cutoff }
    }
}
