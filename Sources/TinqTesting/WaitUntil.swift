/// Polls `condition` every `interval` until it holds; throws a ``TestFailure`` naming `what`
/// when `timeout` passes first. Returns how long it took.
@discardableResult
public func waitUntil(
    _ what: String,
    timeout: Duration,
    interval: Duration = .milliseconds(50),
    _ condition: () async throws -> Bool
) async throws -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    let deadline = start + timeout
    while true {
        if try await condition() { return clock.now - start }
        if clock.now >= deadline {
            throw TestFailure("timed out after \(timeout) waiting until \(what)")
        }
        try await Task.sleep(for: interval)
    }
}
