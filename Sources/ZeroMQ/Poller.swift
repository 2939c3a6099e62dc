import CZeroMQ

/// A set of sockets and raw descriptors to wait on together (zmq_poll).
///
/// The poller keeps its sockets alive and must be used on the thread that owns them.
/// Descriptors of `Socket.fileDescriptor` are not needed here: add the socket itself.
public struct Poller {
    /// The zmq_pollitem_t array handed to zmq_poll as is.
    private var items: [zmq_pollitem_t] = []
    /// The socket behind each item (nil for a descriptor), so a socket closed after it
    /// was added is caught before its freed handle reaches libzmq.
    private var sockets: [Socket?] = []

    /// Creates an empty poller.
    public init() {}

    /// The number of items added.
    public var count: Int { items.count }

    /// Adds `socket`, waiting for `events`; returns its index for `ready(_:)`.
    @discardableResult
    public mutating func add(_ socket: Socket, events: PollEvents = .readable) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: -1, events: events.rawValue, revents: 0))
        sockets.append(socket)
        return items.count - 1
    }

    /// Adds a raw descriptor (a pipe, an eventfd, a listening socket), waiting for
    /// `events`; returns its index for `ready(_:)`.
    @discardableResult
    public mutating func add(fileDescriptor: Int32, events: PollEvents = .readable) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        sockets.append(nil)
        return items.count - 1
    }

    /// Changes what item `index` waits for (e.g. add `.writable` only while output is queued).
    public mutating func setEvents(_ events: PollEvents, at index: Int) {
        items[index].events = events.rawValue
    }

    /// Waits up to `timeoutMilliseconds` (-1 forever, 0 not at all) for any item to be
    /// ready; returns how many are. A signal (`EINTR`) returns 0, so the caller's loop
    /// can look at its stop flag; a terminated context throws `isTerminated`.
    public mutating func poll(timeoutMilliseconds: Int) throws(ZMQError) -> Int {
        for index in sockets.indices {
            guard let socket = sockets[index] else { continue }
            guard let handle = socket.handle else {
                throw ZMQError(code: ENOTSOCK, call: "zmq_poll(item \(index): socket closed)")
            }
            items[index].socket = handle
            items[index].revents = 0
        }
        let count = Int32(items.count)
        let rc = items.withUnsafeMutableBufferPointer { buffer in
            zmq_poll(buffer.baseAddress, count, timeoutMilliseconds)
        }
        if rc == -1 {
            let code = zmq_errno()
            if code == EINTR {
                for index in items.indices { items[index].revents = 0 }
                return 0
            }
            throw ZMQError(code: code, call: "zmq_poll(\(count) items)")
        }
        return Int(rc)
    }

    /// What item `index` was ready for after the last `poll`.
    public func ready(_ index: Int) -> PollEvents {
        PollEvents(rawValue: items[index].revents)
    }
}
