import CZeroMQ
import Synchronization

/// A libzmq context: the I/O threads and the registry of sockets.
///
/// The context is thread-safe, so one is shared by every socket of a process. Each
/// socket keeps its context alive, so the context is only terminated by an explicit
/// `close()` or when the last socket and reference are gone.
public final class Context: Sendable {
    /// The `void *` from zmq_ctx_new; nil once closed. The lock makes `close()` and
    /// socket creation safe to race: a socket is either created before termination
    /// starts (and termination waits for it) or sees the closed context.
    private let handle: Mutex<UnsafeMutableRawPointer?>

    /// Creates a context with `ioThreads` background I/O threads.
    public init(ioThreads: Int = 1) throws(ZMQError) {
        guard let raw = zmq_ctx_new() else {
            throw ZMQError.last("zmq_ctx_new")
        }
        let rc = zmq_ctx_set(raw, ZMQ_IO_THREADS, Int32(clamping: ioThreads))
        if rc != 0 {
            let error = ZMQError.last("zmq_ctx_set(ZMQ_IO_THREADS, \(ioThreads))")
            zmq_ctx_term(raw)
            throw error
        }
        handle = Mutex(raw)
    }

    deinit {
        close()
    }

    /// Makes every blocking call on this context's sockets fail with `ETERM`, at once and
    /// from any thread, so socket owners can close their sockets and stop. Idempotent.
    public func shutdown() {
        handle.withLock { raw in
            if let raw { _ = zmq_ctx_shutdown(raw) }
        }
    }

    /// Terminates the context (zmq_ctx_term). Idempotent.
    ///
    /// Blocks until every socket of the context is closed and, for each, its pending
    /// output is sent or its `linger` expired. Sockets owned by other threads see `ETERM`
    /// and must be closed by their owners for this call to return.
    public func close() {
        guard let raw = handle.withLock({ raw in
            defer { raw = nil }
            return raw
        }) else { return }
        // zmq_ctx_term is the one call that may be interrupted with work left to do.
        while zmq_ctx_term(raw) == -1, zmq_errno() == EINTR {}
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool {
        handle.withLock { $0 == nil }
    }

    /// Creates a libzmq socket under the lock, so it cannot race with `close()`.
    func makeSocketHandle(_ type: SocketType) throws(ZMQError) -> UnsafeMutableRawPointer {
        let result: Result<UnsafeMutableRawPointer, ZMQError> = handle.withLock { raw in
            guard let raw else {
                return .failure(ZMQError(code: ETERM, call: "zmq_socket(\(type.name))"))
            }
            guard let socket = zmq_socket(raw, type.rawType) else {
                return .failure(ZMQError.last("zmq_socket(\(type.name))"))
            }
            return .success(socket)
        }
        return try result.get()
    }
}
