/// The numbers that steer the broker's job and worker bookkeeping (from configuration).
public struct BrokerPolicy: Sendable, Equatable {
    /// How often the broker and workers send heartbeats, in milliseconds.
    public var heartbeatIntervalMs: Int64 = 1000
    /// A worker silent this long is dead and its jobs are re-queued, in milliseconds.
    public var heartbeatTimeoutMs: Int64 = 3000
    /// A worker on the same job for longer than this is treated as lost (the job counts a
    /// failure, the others go back to the queue, the worker is told to re-register). A backstop:
    /// workers enforce the shorter worker.job_timeout_ms themselves. 0 turns it off. Milliseconds.
    public var jobTimeoutMs: Int64 = 300_000
    /// Most jobs held in memory (queued, leased, or waiting for a retry); beyond it producers get BUSY.
    public var maxQueuedJobs: Int = 50_000
    /// Deliveries of one job before it goes to the dead-letter queue.
    public var maxAttempts: UInt32 = 5
    /// First retry delay, doubled on each further failure, in milliseconds.
    public var retryBaseDelayMs: Int64 = 500
    /// Longest retry delay, in milliseconds.
    public var retryMaxDelayMs: Int64 = 60_000
    /// The `retry_after_ms` a BUSY reply suggests.
    public var busyRetryAfterMs: Int = 200
    /// Largest body accepted, in bytes.
    public var maxBodyBytes: Int = 4 * 1024 * 1024
    /// Dedupe window, in milliseconds (default 7 days).
    public var dedupeWindowMs: Int64 = 7 * 24 * 3600 * 1000
    /// Most results returned by one REPLAY page.
    public var replayPageLimit: Int = 1000

    /// The defaults.
    public init() {}
}
