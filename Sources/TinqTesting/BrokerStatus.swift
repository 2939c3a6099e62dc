import Foundation

/// The broker's STATUS reply (`tinq status --json`, PROTOCOL.md §3.4), the parts tests read.
public struct BrokerStatus: Sendable, CustomStringConvertible {
    /// One worker as the broker sees it.
    public struct Worker: Sendable {
        /// Its name.
        public var name: String
        /// Its pid, as it said in READY.
        public var pid: Int
        /// "idle", "busy", ...
        public var state: String
        /// Jobs delivered and unanswered.
        public var inFlight: Int
        /// Results it returned.
        public var completed: Int
    }

    /// Jobs waiting for a worker.
    public var queued: Int
    /// Jobs delivered to workers and unanswered.
    public var inFlight: Int
    /// Jobs held (queued, in flight, waiting to retry).
    public var held: Int
    /// Accepted jobs with no result yet, in the store.
    public var storedUnfinished: Int
    /// Jobs in the dead-letter queue.
    public var deadLetters: Int
    /// The last result sequence number.
    public var lastSeq: Int
    /// True while draining.
    public var draining: Bool
    /// Connected workers.
    public var workers: [Worker]
    /// The counters under "totals" (accepted, completed, workersLost, ...).
    public var totals: [String: Int]

    /// Parses the JSON text of a STATUS reply.
    public init(json: String) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let queue = object["queue"] as? [String: Any]
        else { throw TestFailure("not a STATUS object: \(json.prefix(500))") }
        func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? (any as? String).flatMap { Int($0) } ?? 0 }
        queued = int(queue["queued"])
        inFlight = int(queue["in_flight"])
        held = int(queue["held"])
        storedUnfinished = int(queue["stored_unfinished"])
        deadLetters = int(queue["dead_letters"])
        lastSeq = int(object["last_seq"])
        draining = (object["draining"] as? Bool) ?? false
        workers = ((object["workers"] as? [[String: Any]]) ?? []).map {
            Worker(name: ($0["name"] as? String) ?? "", pid: int($0["pid"]), state: ($0["state"] as? String) ?? "",
                   inFlight: int($0["in_flight"]), completed: int($0["completed"]))
        }
        totals = ((object["totals"] as? [String: Any]) ?? [:]).mapValues { int($0) }
    }

    /// A counter from totals, 0 when absent.
    public func total(_ name: String) -> Int { totals[name] ?? 0 }

    /// One line for logs.
    public var description: String {
        let t = totals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "queued \(queued), in flight \(inFlight), held \(held), unfinished \(storedUnfinished), dead \(deadLetters), last seq \(lastSeq), workers \(workers.map { "\($0.name):\($0.state):\($0.inFlight)" }); totals: \(t)"
    }
}
