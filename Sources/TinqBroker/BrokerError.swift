import ZeroMQ

/// Why the broker could not start or had to stop.
public enum BrokerError: Error, CustomStringConvertible {
    /// A system call failed.
    case system(call: String, errno: Int32)
    /// A ZeroMQ call failed.
    case zmq(ZMQError)
    /// The store could not be opened or recovered.
    case store(path: String, underlying: String)
    /// The configuration is unusable.
    case configuration(String)

    public var description: String {
        switch self {
        case .system(let call, let code): return "\(call) failed: errno \(code)"
        case .zmq(let e): return e.description
        case .store(let path, let underlying): return "cannot use the store at \(path): \(underlying)"
        case .configuration(let message): return "configuration: \(message)"
        }
    }
}
