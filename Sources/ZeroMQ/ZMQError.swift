import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed libzmq call: the errno it left, libzmq's text for it and the call that failed.
///
/// Every throwing API of this module throws exactly this type (`throws(ZMQError)`).
/// Compiler hazard (Swift 6.3.1): a non-exhaustive `catch where error.isAgain` of a
/// typed error inside a loop, in a function that throws `any Error`, crashes the
/// compiler; catch exhaustively and rethrow (`catch { guard error.isAgain else { throw error } }`).
public struct ZMQError: Error, CustomStringConvertible, Sendable {
    /// The errno value (`zmq_errno()`), which may be one of libzmq's own codes such as `ETERM`.
    public let code: Int32
    /// libzmq's text for `code` (`zmq_strerror`).
    public let message: String
    /// The call that failed and its main argument, e.g. `zmq_bind(ipc:///run/tinq.sock)`.
    public let call: String

    /// Creates an error for `code`, with libzmq's text for it.
    public init(code: Int32, call: String) {
        self.code = code
        self.message = String(cString: zmq_strerror(code))
        self.call = call
    }

    /// Reads the calling thread's errno; only meaningful right after a failed zmq_* call.
    static func last(_ call: String) -> ZMQError {
        ZMQError(code: zmq_errno(), call: call)
    }

    /// The operation would block (non-blocking mode, or a send/receive timeout expired).
    public var isAgain: Bool { code == EAGAIN }
    /// The context was shut down or terminated: the owner should close the socket and stop.
    public var isTerminated: Bool { code == ETERM }
    /// A ROUTER with `routerMandatory` has no peer with the message's routing id.
    public var isHostUnreachable: Bool { code == EHOSTUNREACH }
    /// The call was interrupted by a signal.
    public var isInterrupted: Bool { code == EINTR }

    /// `zmq_bind(ipc:///x): No such file or directory (errno 2)`.
    public var description: String {
        "\(call): \(message) (errno \(code))"
    }
}

/// What a retried libzmq call ended with, when "would block" is an expected answer.
enum CallOutcome {
    case done(Int32)
    case wouldBlock
}

/// Runs one libzmq call and turns a `-1` result into a `ZMQError`.
///
/// Every zmq_* call goes through here so errors are built one way. `EINTR` is retried,
/// because a signal (say, SIGTERM arriving for the service group) must not look like a
/// failure of the socket; the caller sees the signal through its own handler instead.
/// The call name is an autoclosure so the hot path never builds strings.
@inline(__always)
@discardableResult
func zmqCall(
    _ call: @autoclosure () -> String,
    _ body: () -> Int32
) throws(ZMQError) -> Int32 {
    while true {
        let rc = body()
        if rc != -1 { return rc }
        let code = zmq_errno()
        if code == EINTR { continue }
        throw ZMQError(code: code, call: call())
    }
}

/// Like `zmqCall`, but `EAGAIN` is an answer (`.wouldBlock`), not an error.
@inline(__always)
func zmqCallAllowingAgain(
    _ call: @autoclosure () -> String,
    _ body: () -> Int32
) throws(ZMQError) -> CallOutcome {
    while true {
        let rc = body()
        if rc != -1 { return .done(rc) }
        let code = zmq_errno()
        if code == EINTR { continue }
        if code == EAGAIN { return .wouldBlock }
        throw ZMQError(code: code, call: call())
    }
}
