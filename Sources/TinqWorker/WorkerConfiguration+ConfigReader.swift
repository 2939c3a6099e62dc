import Configuration
import ZeroMQ

extension WorkerConfiguration {
    /// Reads the `worker.*` keys (and `broker.backend` for the endpoint); absent keys keep defaults.
    public init(reader: ConfigReader, runtimeDirectory: String, name: String) {
        self.init(runtimeDirectory: runtimeDirectory, name: name)
        backendEndpoint = reader.string(forKey: "broker.backend", default: backendEndpoint)
        let r = reader.scoped(to: "worker")
        self.name = r.string(forKey: "name", default: name)
        credit = r.int(forKey: "credit", default: credit)
        heartbeatIntervalMs = Int64(reader.int(forKey: "broker.heartbeat_interval_ms", default: Int(heartbeatIntervalMs)))
        heartbeatTimeoutMs = Int64(reader.int(forKey: "broker.heartbeat_timeout_ms", default: Int(heartbeatTimeoutMs)))
        reconnectInitialMs = Int64(r.int(forKey: "reconnect_initial_ms", default: Int(reconnectInitialMs)))
        reconnectMaxMs = Int64(r.int(forKey: "reconnect_max_ms", default: Int(reconnectMaxMs)))
        taxonomyPath = r.string(forKey: "taxonomy")
        jobTimeoutMs = Int64(r.int(forKey: "job_timeout_ms", default: Int(jobTimeoutMs)))
        curveServerPublicKey = reader.string(forKey: "client.curve_server_public_key")
        curveSecretKeyFile = reader.string(forKey: "client.curve_secret_key_file")
    }

    /// The CURVE keys for the worker's socket; nil when CURVE is off.
    public func curveClientKeys() throws(CurveKeyError) -> CurveClientKeys? {
        try CurveClientKeys.load(serverPublicKey: curveServerPublicKey, secretKeyFile: curveSecretKeyFile)
    }

    /// Problems that make this configuration unusable.
    public func problems() -> [String] {
        var out: [String] = []
        if !(backendEndpoint.hasPrefix("ipc://") || backendEndpoint.hasPrefix("tcp://")) { out.append("broker.backend must be ipc:// or tcp://") }
        if credit < 1 || credit > 10_000 { out.append("worker.credit must be 1..10000") }
        if jobTimeoutMs < 0 { out.append("worker.job_timeout_ms must be 0 (off) or more") }
        if reconnectInitialMs < 1 || reconnectMaxMs < reconnectInitialMs { out.append("worker.reconnect_*_ms: initial >= 1 and max >= initial") }
        do { _ = try curveClientKeys() } catch { out.append("\(error)") }
        return out
    }
}
