import TinqProtocol
import ZeroMQ

/// Why a client call failed.
public enum ClientError: Error, CustomStringConvertible, Sendable {
    /// No reply within the time allowed (the broker may be down or overloaded).
    case timeout(String)
    /// The broker answered with something this client cannot read.
    case protocolError(ProtocolRejection)
    /// The broker answered ERROR or REJECTED to an admin request.
    case refused(status: String, message: String)
    /// A ZeroMQ call failed.
    case zmq(ZMQError)

    public var description: String {
        switch self {
        case .timeout(let what): return "timed out: \(what)"
        case .protocolError(let r): return "protocol error: \(r.message)"
        case .refused(let status, let message): return "broker said \(status): \(message)"
        case .zmq(let e): return e.description
        }
    }
}
