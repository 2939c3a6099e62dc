import Configuration
import ZeroMQ

extension BrokerConfiguration {
    /// Reads the `broker.*` keys (documented in config/tinq.yaml); absent keys keep their defaults.
    public init(reader: ConfigReader, runtimeDirectory: String, dataDirectory: String) {
        self.init(runtimeDirectory: runtimeDirectory, dataDirectory: dataDirectory)
        let r = reader.scoped(to: "broker")
        frontendEndpoint = r.string(forKey: "frontend", default: frontendEndpoint)
        backendEndpoint = r.string(forKey: "backend", default: backendEndpoint)
        resultsEndpoint = r.string(forKey: "results", default: resultsEndpoint)
        storePath = r.string(forKey: "store_path", default: storePath)
        drainTimeoutMs = Int64(r.int(forKey: "drain_timeout_ms", default: Int(drainTimeoutMs)))
        resultRetentionHours = r.double(forKey: "result_retention_hours", default: resultRetentionHours)
        let metrics = r.string(forKey: "metrics_file", default: metricsFile ?? "")
        metricsFile = metrics.isEmpty ? nil : metrics
        metricsIntervalMs = Int64(r.int(forKey: "metrics_interval_ms", default: Int(metricsIntervalMs)))
        publishHighWaterMark = Int32(clamping: r.int(forKey: "publish_high_water_mark", default: Int(publishHighWaterMark)))
        policy.maxBodyBytes = r.int(forKey: "max_body_bytes", default: policy.maxBodyBytes)
        policy.maxQueuedJobs = r.int(forKey: "max_queued_jobs", default: policy.maxQueuedJobs)
        policy.maxAttempts = UInt32(clamping: r.int(forKey: "max_attempts", default: Int(policy.maxAttempts)))
        policy.retryBaseDelayMs = Int64(r.int(forKey: "retry_base_delay_ms", default: Int(policy.retryBaseDelayMs)))
        policy.retryMaxDelayMs = Int64(r.int(forKey: "retry_max_delay_ms", default: Int(policy.retryMaxDelayMs)))
        policy.busyRetryAfterMs = r.int(forKey: "busy_retry_after_ms", default: policy.busyRetryAfterMs)
        policy.heartbeatIntervalMs = Int64(r.int(forKey: "heartbeat_interval_ms", default: Int(policy.heartbeatIntervalMs)))
        policy.heartbeatTimeoutMs = Int64(r.int(forKey: "heartbeat_timeout_ms", default: Int(policy.heartbeatTimeoutMs)))
        policy.dedupeWindowMs = Int64(r.double(forKey: "dedupe_window_hours", default: Double(policy.dedupeWindowMs) / 3_600_000) * 3_600_000)
        policy.jobTimeoutMs = Int64(r.int(forKey: "job_timeout_ms", default: Int(policy.jobTimeoutMs)))
        policy.replayPageLimit = r.int(forKey: "replay_page_limit", default: policy.replayPageLimit)
        curveSecretKeyFile = r.string(forKey: "curve_secret_key_file").flatMap { $0.isEmpty ? nil : $0 }
        curveAuthorizedKeysFile = r.string(forKey: "curve_authorized_keys_file").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Problems that make this configuration unusable, in words for `tinq check-config`.
    public func problems() -> [String] {
        var out: [String] = []
        for (name, endpoint) in [("broker.frontend", frontendEndpoint), ("broker.backend", backendEndpoint), ("broker.results", resultsEndpoint)] {
            if !(endpoint.hasPrefix("ipc://") || endpoint.hasPrefix("tcp://")) { out.append("\(name) must be an ipc:// or tcp:// endpoint, not \(endpoint)") }
            if endpoint.hasPrefix("ipc://") && endpoint.utf8.count - 6 > 107 { out.append("\(name): ipc path longer than 107 bytes") }
        }
        if Set([frontendEndpoint, backendEndpoint, resultsEndpoint]).count < 3 { out.append("broker endpoints must differ") }
        if policy.maxBodyBytes < 1 || policy.maxBodyBytes > 256 * 1024 * 1024 { out.append("broker.max_body_bytes must be 1..268435456") }
        if policy.maxQueuedJobs < 1 { out.append("broker.max_queued_jobs must be at least 1") }
        if metricsIntervalMs < 100 { out.append("broker.metrics_interval_ms must be at least 100") }
        if policy.jobTimeoutMs < 0 { out.append("broker.job_timeout_ms must be 0 (off) or more") }
        if policy.maxAttempts < 1 { out.append("broker.max_attempts must be at least 1") }
        if policy.heartbeatIntervalMs < 10 { out.append("broker.heartbeat_interval_ms must be at least 10") }
        if policy.heartbeatTimeoutMs <= policy.heartbeatIntervalMs { out.append("broker.heartbeat_timeout_ms must exceed heartbeat_interval_ms") }
        if policy.retryBaseDelayMs < 1 || policy.retryMaxDelayMs < policy.retryBaseDelayMs { out.append("broker.retry_*_delay_ms: base must be >= 1 and max >= base") }
        if drainTimeoutMs < 0 { out.append("broker.drain_timeout_ms must not be negative") }
        if resultRetentionHours <= 0 { out.append("broker.result_retention_hours must be positive") }
        out += curveProblems()
        return out
    }

    /// Problems with the CURVE key files: missing, unreadable, or holding a bad key.
    func curveProblems() -> [String] {
        var out: [String] = []
        if let path = curveSecretKeyFile {
            do { _ = try CurveKeyFile.readSecretKey(path) } catch { out.append("broker.curve_secret_key_file: \(error)") }
        }
        if let path = curveAuthorizedKeysFile {
            if curveSecretKeyFile == nil { out.append("broker.curve_authorized_keys_file needs broker.curve_secret_key_file (CURVE is off without it)") }
            do {
                if try CurveKeyFile.readAuthorizedKeys(path).isEmpty { out.append("broker.curve_authorized_keys_file: \(path) holds no keys; every client would be refused") }
            } catch {
                out.append("broker.curve_authorized_keys_file: \(error)")
            }
        }
        return out
    }
}
