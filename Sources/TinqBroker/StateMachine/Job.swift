/// A job the broker holds in memory: accepted (durably stored) and not yet finished.
struct Job: Sendable {
    /// Where the job is in its life.
    enum Phase: Sendable, Equatable {
        /// Waiting in the ready queue.
        case queued
        /// Delivered to a worker: who holds it, which attempt, since when (ms).
        case leased(worker: WorkerKey, attempt: UInt32, since: Int64)
        /// Failed; eligible again at `until` (ms).
        case waitingRetry(until: Int64)
    }

    /// The job id (the store's row id).
    let id: UInt64
    /// Canonical metadata JSON, forwarded to workers.
    let metadataJSON: [UInt8]
    /// The article bytes.
    let body: [UInt8]
    /// Deliveries so far (the next delivery is attempt `attempts + 1`).
    var attempts: UInt32
    /// Failures counted against the job (a lost worker counts only against the job it was on).
    var failures: UInt32
    /// The job's phase.
    var phase: Phase
    /// The last failure, reported in the dead-letter queue.
    var lastError: String?
    /// When the producer's SUBMIT arrived (ms), for submit-to-result latency.
    let submittedAt: Int64
}

/// A worker's identity on the backend ROUTER socket (its routing id).
struct WorkerKey: Hashable, Sendable, CustomStringConvertible {
    /// The routing id bytes.
    let bytes: [UInt8]
    var description: String { bytes.map { String($0, radix: 16) }.joined() }
}
