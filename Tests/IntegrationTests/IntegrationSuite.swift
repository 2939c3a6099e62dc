import Testing

/// Every integration test runs the real `tinq` binary as separate processes on ipc:// sockets
/// in a private temp dir. They run one at a time: each keeps the machine's cores busy, and
/// timing-based checks (heartbeats, drain) would be flaky under contention.
///
/// The binary is the `tinq` of the build that runs the tests (or `$TINQ_BINARY`), so build
/// everything first: `swift build --build-tests && swift test --skip-build --filter
/// IntegrationTests`. Set `TINQ_KEEP_TEST_DIRS=1` to keep each test's /tmp/tq-* directory
/// (sockets, store, and every process's output under logs/) for reading after a failure.
@Suite("Integration (real processes)", .serialized)
enum Integration {}

/// Heartbeats short enough that a dead worker is noticed in well under a second.
let fastHeartbeats = ["broker.heartbeat_interval_ms=200", "broker.heartbeat_timeout_ms=600"]

/// Prints one line of counts for the test log.
func report(_ test: String, _ line: String) {
    print("[\(test)] \(line)")
}
