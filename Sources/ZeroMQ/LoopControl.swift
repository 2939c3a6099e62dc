import Synchronization

/// Drain, stop and reload requests for a socket-owning poll loop, from any thread.
///
/// The loop polls ``wakeup``'s descriptor beside its sockets and reads ``flags()`` when it
/// wakes; other threads (shutdown handlers) never touch the loop's sockets.
public final class LoopControl: Sendable {
    /// What has been asked of the loop.
    public struct Flags: Sendable {
        /// Finish what is in flight, then stop.
        public var drain = false
        /// Stop now.
        public var stop = false
        /// Reread what can change without a restart (SIGHUP); taken with ``takeReloadRequest()``.
        public var reload = false
    }

    /// The pipe the loop polls.
    public let wakeup: Wakeup
    private let state = Mutex(Flags())

    /// Creates the control and its wake-up pipe.
    public init() throws(ZMQError) { wakeup = try Wakeup() }

    /// Asks for a graceful drain and wakes the loop.
    public func requestDrain() {
        state.withLock { $0.drain = true }
        wakeup.signal()
    }

    /// Asks for an immediate stop and wakes the loop.
    public func requestStop() {
        state.withLock { $0.stop = true }
        wakeup.signal()
    }

    /// Asks for a reload and wakes the loop.
    public func requestReload() {
        state.withLock { $0.reload = true }
        wakeup.signal()
    }

    /// True once per ``requestReload()`` burst: clears the request (the loop's thread).
    public func takeReloadRequest() -> Bool {
        state.withLock { flags in
            defer { flags.reload = false }
            return flags.reload
        }
    }

    /// The requests so far.
    public func flags() -> Flags { state.withLock { $0 } }
}
