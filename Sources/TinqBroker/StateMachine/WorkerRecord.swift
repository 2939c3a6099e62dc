/// What the broker knows about one registered worker.
struct WorkerRecord: Sendable {
    /// Routing id.
    let key: WorkerKey
    /// Name from READY.
    var name: String
    /// Process id from READY.
    var pid: Int32
    /// Jobs it may hold at once.
    var credit: Int
    /// Job ids it holds, oldest delivery first (a worker works through them in that order).
    var leased: [UInt64] = []
    /// Last time anything arrived from it (ms).
    var lastSeen: Int64
    /// Last time the broker sent it anything (ms).
    var lastSent: Int64
    /// The job at the head of ``leased`` (the one it works on) and since when it has been there
    /// (ms): how long the worker has been on one job, for the job timeout.
    var head: (job: UInt64, since: Int64)?
    /// Jobs it finished.
    var completed: UInt64 = 0
    /// Jobs it reported failed.
    var failed: UInt64 = 0

    /// Free slots.
    var available: Int { credit - leased.count }
}
