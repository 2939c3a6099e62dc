import CZeroMQ

/// Readiness flags of a socket or descriptor (ZMQ_POLLIN, ZMQ_POLLOUT, ZMQ_POLLERR).
public struct PollEvents: OptionSet, Sendable, Hashable {
    /// The libzmq `short` flag bits.
    public let rawValue: Int16

    /// Wraps libzmq flag bits.
    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// At least one whole message (or, for a descriptor, some bytes) can be read.
    public static let readable = PollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// At least one message can be sent without blocking.
    public static let writable = PollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// An error condition on a raw descriptor (never set for ZeroMQ sockets).
    public static let error = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}
