#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to reach the service manager's notification socket.
///
/// The notifier never logs: the caller decides whether a lost notification matters.
public struct NotifyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The system call (or check) that failed, such as `sendto`.
    public let call: String
    /// The errno value it failed with.
    public let errno: Int32

    /// Creates an error for `call` failing with `errno`.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// The system's text for ``errno``.
    public var message: String { String(cString: strerror(errno)) }

    /// `call: message (errno N)`, ready for a log line.
    public var description: String { "\(call): \(message) (errno \(errno))" }
}
