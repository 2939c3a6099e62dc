import CZeroMQ

/// A libzmq socket, owned by one thread for its whole life.
///
/// libzmq sockets are not thread-safe, and a lock around one is not enough (libzmq
/// `doc/zmq.adoc`, thread safety), so `Socket` is deliberately not `Sendable`: create it
/// on the thread that runs its loop and close it there. `close()` is idempotent and
/// `deinit` closes. The socket keeps its `Context` alive.
///
/// `linger` is libzmq's default (wait forever for pending output on close); set it
/// deliberately, or `Context.close()` can block.
public final class Socket {
    /// The `void *` from zmq_socket; nil once closed. Never leaves this module.
    private(set) var handle: UnsafeMutableRawPointer?
    /// One reusable zmq_msg_t for receiving, on the heap so its address stays fixed
    /// between zmq_msg_* calls (small messages live inside the struct itself).
    let message: UnsafeMutablePointer<zmq_msg_t>
    /// The pattern this socket was created with.
    public let type: SocketType
    /// The context that owns the socket; kept so it is not terminated under us.
    public let context: Context

    /// Creates a socket of `type` in `context`.
    public init(context: Context, type: SocketType) throws(ZMQError) {
        self.handle = try context.makeSocketHandle(type)
        self.type = type
        self.context = context
        self.message = .allocate(capacity: 1)
    }

    deinit {
        close()
        message.deallocate()
    }

    /// Closes the socket (zmq_close). Idempotent; later calls on the socket throw `ENOTSOCK`.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        zmq_close(handle)
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool { handle == nil }

    /// The live handle, or `ENOTSOCK` naming `call` when the socket was closed.
    @inline(__always)
    func liveHandle(_ call: @autoclosure () -> String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(code: ENOTSOCK, call: call()) }
        return handle
    }

    /// Accepts connections on `endpoint` (`tcp://127.0.0.1:*`, `ipc:///path`, `inproc://name`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        let socket = try liveHandle("zmq_bind(\(endpoint))")
        try zmqCall("zmq_bind(\(endpoint))") { zmq_bind(socket, endpoint) }
    }

    /// Connects to `endpoint`; libzmq connects (and reconnects) in the background.
    public func connect(_ endpoint: String) throws(ZMQError) {
        let socket = try liveHandle("zmq_connect(\(endpoint))")
        try zmqCall("zmq_connect(\(endpoint))") { zmq_connect(socket, endpoint) }
    }

    /// Stops accepting on `endpoint`; for a wildcard bind pass the resolved `lastEndpoint`.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        let socket = try liveHandle("zmq_unbind(\(endpoint))")
        try zmqCall("zmq_unbind(\(endpoint))") { zmq_unbind(socket, endpoint) }
    }

    /// Disconnects from `endpoint`, dropping messages queued for it.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        let socket = try liveHandle("zmq_disconnect(\(endpoint))")
        try zmqCall("zmq_disconnect(\(endpoint))") { zmq_disconnect(socket, endpoint) }
    }
}
