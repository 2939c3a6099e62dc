/// The worker's connection logic as a pure state machine: when to register, heartbeat,
/// reconnect and leave. No sockets or clocks; ``WorkerEngine`` performs its actions.
public struct WorkerSession: Sendable {
    /// What the engine must do.
    public enum Action: Sendable, Equatable {
        /// Send READY on the current connection.
        case register
        /// Send HEARTBEAT.
        case heartbeat
        /// Close the connection, drop queued jobs, and connect again after `afterMs`.
        case reconnect(afterMs: Int64, reason: String)
        /// Send BYE and exit.
        case leave
        /// Nothing to do.
        case none
    }

    private let interval: Int64
    private let timeout: Int64
    private let initialBackoff: Int64
    private let maxBackoff: Int64
    private var backoff: Int64
    private var lastHeard: Int64 = 0
    private var lastSent: Int64 = 0
    /// True once a drain was requested.
    public private(set) var draining = false

    /// Creates a session with the configured timings.
    public init(heartbeatIntervalMs: Int64, heartbeatTimeoutMs: Int64, reconnectInitialMs: Int64, reconnectMaxMs: Int64) {
        interval = heartbeatIntervalMs
        timeout = heartbeatTimeoutMs
        initialBackoff = reconnectInitialMs
        maxBackoff = reconnectMaxMs
        backoff = reconnectInitialMs
    }

    /// A new connection is up: register.
    public mutating func connected(now: Int64) -> Action {
        lastHeard = now
        lastSent = now
        return .register
    }

    /// Something arrived from the broker.
    public mutating func heard(now: Int64) {
        lastHeard = now
        backoff = initialBackoff
    }

    /// The broker said it does not know us: reconnect at once with a fresh identity.
    public mutating func disconnected(reason: String) -> Action {
        .reconnect(afterMs: 0, reason: "broker asked to re-register: \(reason)")
    }

    /// Something was sent to the broker.
    public mutating func sent(now: Int64) { lastSent = now }

    /// Regular check.
    public mutating func tick(now: Int64, idle: Bool) -> Action {
        if draining && idle { return .leave }
        if now - lastHeard > timeout {
            let delay = backoff
            backoff = min(maxBackoff, backoff * 2)
            return .reconnect(afterMs: delay, reason: "broker silent for \(now - lastHeard) ms")
        }
        if now - lastSent >= interval {
            lastSent = now
            return .heartbeat
        }
        return .none
    }

    /// Milliseconds until the next heartbeat is due.
    public func nextTickDelay(now: Int64) -> Int64 { max(0, min(lastSent + interval, lastHeard + timeout + 1) - now) }

    /// Finish the current job, then leave.
    public mutating func startDraining() { draining = true }
}
