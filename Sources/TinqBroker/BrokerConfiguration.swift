/// Everything the broker needs to run. Built from configuration by ``init(reader:runtimeDirectory:dataDirectory:)``.
public struct BrokerConfiguration: Sendable {
    /// ROUTER endpoint for producers, subscribers' replay requests and admin clients.
    public var frontendEndpoint: String
    /// ROUTER endpoint for workers.
    public var backendEndpoint: String
    /// PUB endpoint for results.
    public var resultsEndpoint: String
    /// The SQLite file holding jobs and the results log.
    public var storePath: String
    /// Job and worker bookkeeping numbers.
    public var policy: BrokerPolicy
    /// How long a draining broker waits for jobs in flight, in milliseconds.
    public var drainTimeoutMs: Int64
    /// How long results stay in the log for replay, in hours.
    public var resultRetentionHours: Double
    /// Messages a subscriber may fall behind before the PUB socket drops for it.
    public var publishHighWaterMark: Int32
    /// Where the metrics are written in the Prometheus text format every
    /// ``metricsIntervalMs`` (for node_exporter's textfile collector); nil: not written.
    public var metricsFile: String?
    /// How often ``metricsFile`` is rewritten, in milliseconds.
    public var metricsIntervalMs: Int64
    /// The broker's CURVE secret key file (one Z85 line, mode 0600, from `tinq keygen`). When
    /// set, all three sockets are CURVE servers: traffic is encrypted and clients need the
    /// server's public key. nil: no CURVE (plain ZeroMQ, fine for ipc:// on one host).
    public var curveSecretKeyFile: String?
    /// Z85 public keys of the clients and workers allowed to connect, one per line (`#`
    /// comments). nil with CURVE on: any client that knows the server's public key may connect.
    public var curveAuthorizedKeysFile: String?

    /// Creates a configuration with defaults under the given directories.
    public init(runtimeDirectory: String, dataDirectory: String) {
        frontendEndpoint = "ipc://\(runtimeDirectory)/frontend.sock"
        backendEndpoint = "ipc://\(runtimeDirectory)/workers.sock"
        resultsEndpoint = "ipc://\(runtimeDirectory)/results.sock"
        storePath = "\(dataDirectory)/tinq.sqlite"
        policy = BrokerPolicy()
        drainTimeoutMs = 20_000
        resultRetentionHours = 168
        publishHighWaterMark = 100_000
        metricsFile = "\(runtimeDirectory)/metrics.prom"
        metricsIntervalMs = 10_000
        curveSecretKeyFile = nil
        curveAuthorizedKeysFile = nil
    }
}
