/// Everything a worker needs to run. Built from configuration by ``init(reader:runtimeDirectory:)``.
public struct WorkerConfiguration: Sendable {
    /// The broker's worker endpoint (its ROUTER), which the worker connects to.
    public var backendEndpoint: String
    /// A name for logs and `tinq status`.
    public var name: String
    /// Jobs the broker may have in flight on this worker at once (prefetch).
    public var credit: Int
    /// Heartbeat period, in milliseconds.
    public var heartbeatIntervalMs: Int64
    /// The broker counts as gone after this much silence; the worker reconnects, in milliseconds.
    public var heartbeatTimeoutMs: Int64
    /// First reconnect delay, doubled up to ``reconnectMaxMs``, in milliseconds.
    public var reconnectInitialMs: Int64
    /// Longest reconnect delay, in milliseconds.
    public var reconnectMaxMs: Int64
    /// A taxonomy file to use instead of the built-in one (nil: built-in).
    public var taxonomyPath: String?
    /// A job still running after this long is reported failed (code `timeout`, retryable) and
    /// the worker process exits with status 75 so its supervisor starts a fresh one: a stuck
    /// analysis cannot be interrupted any other way. 0 turns the watchdog off. Milliseconds.
    public var jobTimeoutMs: Int64
    /// The broker's CURVE public key (`client.curve_server_public_key`, Z85); nil: no CURVE.
    public var curveServerPublicKey: String?
    /// This worker's CURVE secret key file (`client.curve_secret_key_file`); nil with a server
    /// key: an ephemeral key pair (enough unless the broker checks authorized keys).
    public var curveSecretKeyFile: String?

    /// Creates a configuration with defaults for a broker whose runtime directory is given.
    public init(runtimeDirectory: String, name: String) {
        backendEndpoint = "ipc://\(runtimeDirectory)/workers.sock"
        self.name = name
        credit = 32
        heartbeatIntervalMs = 1000
        heartbeatTimeoutMs = 3000
        reconnectInitialMs = 100
        reconnectMaxMs = 5000
        taxonomyPath = nil
        jobTimeoutMs = 60_000
        curveServerPublicKey = nil
        curveSecretKeyFile = nil
    }
}
