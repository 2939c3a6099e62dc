import Testing

/// Every integration test runs the real `tinq` binary as separate processes on ipc:// sockets
/// in a private temp dir. They run one at a time: each keeps the machine's cores busy, and
/// timing-based checks (heartbeats, drain) would be flaky under contention.
@Suite("Integration (real processes)", .serialized)
enum Integration {}

/// Heartbeats short enough that a dead worker is noticed in well under a second.
let fastHeartbeats = ["broker.heartbeat_interval_ms=200", "broker.heartbeat_timeout_ms=600"]

/// Prints one line of counts for the test log.
func report(_ test: String, _ line: String) {
    print("[\(test)] \(line)")
}
