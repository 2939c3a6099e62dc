/// Counts of a set of deliveries, keyed by job id.
public struct DeliveryTally: Sendable, CustomStringConvertible {
    /// Deliveries in all.
    public var deliveries: Int
    /// Distinct job ids.
    public var uniqueJobs: Int
    /// Job ids delivered more than once, with their counts.
    public var duplicated: [String: Int]
    /// Distinct producer ids.
    public var uniqueIDs: Int

    /// Tallies `results`.
    public init(_ results: [DeliveredResult]) {
        var counts: [String: Int] = [:]
        for r in results { counts[r.jobID, default: 0] += 1 }
        deliveries = results.count
        uniqueJobs = counts.count
        duplicated = counts.filter { $0.value > 1 }
        uniqueIDs = Set(results.compactMap(\.id)).count
    }

    /// Extra deliveries beyond the first of each job.
    public var duplicates: Int { deliveries - uniqueJobs }

    /// "published 200 unique, duplicates 0".
    public var description: String { "published \(uniqueJobs) unique, duplicates \(duplicates)" }
}
