import Foundation

/// Runs `body` on a new thread of its own and returns its result, so blocking libzmq calls
/// never run on the Swift concurrency pool and each socket lives on one thread for its life.
func onDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let thread = Thread {
            do {
                continuation.resume(returning: try body())
            } catch {
                continuation.resume(throwing: error)
            }
        }
        thread.start()
    }
}
