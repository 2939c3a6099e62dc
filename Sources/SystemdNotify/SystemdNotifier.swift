import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd about the service's state with the sd_notify(3) datagram protocol.
///
/// Under `Type=notify` the manager passes the socket in `NOTIFY_SOCKET`: a filesystem path,
/// or an abstract socket name written with a leading `@`. Outside systemd the variable is
/// unset and every ``notify(_:)-([NotifyState])`` call does nothing, so callers need no
/// "am I under systemd?" branch.
///
/// Each call opens a datagram socket, sends one datagram and closes it: notifications are
/// rare, and holding no descriptor keeps the value `Sendable` and free of cleanup.
public struct SystemdNotifier: Sendable {
    /// The notification socket (`NOTIFY_SOCKET`), or `nil` when not running under systemd.
    public let socketPath: String?

    /// How often the manager expects `.watchdog` pings (`WATCHDOG_USEC`), or `nil` when the
    /// watchdog is off or meant for another process (`WATCHDOG_PID`).
    ///
    /// Ping at about half this interval so one late ping does not get the service killed.
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(
            socketPath: environment["NOTIFY_SOCKET"],
            watchdogInterval: Self.watchdogInterval(in: environment, processID: getpid())
        )
    }

    /// Uses `socketPath` as the notification socket; `nil` or empty makes a no-op notifier.
    public init(socketPath: String?, watchdogInterval: Duration? = nil) {
        self.socketPath = socketPath.flatMap { $0.isEmpty ? nil : $0 }
        self.watchdogInterval = watchdogInterval
    }

    /// Whether notifications go anywhere, that is, whether a notification socket is known.
    public var isEnabled: Bool { socketPath != nil }

    /// Sends `states` in one datagram, e.g. `notify(.ready, .status("serving"))`.
    /// - Throws: ``NotifyError`` when the socket is malformed or the datagram cannot be sent.
    public func notify(_ states: NotifyState...) throws {
        try notify(states)
    }

    /// Sends `states` in one datagram, one `KEY=VALUE` assignment per line.
    /// - Throws: ``NotifyError`` when the socket is malformed or the datagram cannot be sent.
    public func notify(_ states: [NotifyState]) throws {
        guard let socketPath, !states.isEmpty else { return }
        try Self.send(states.map(\.assignment).joined(separator: "\n"), to: socketPath)
    }

    /// Removes the notification variables from this process's environment, so that child
    /// processes (the workers `tinq serve` starts, say) do not pose as the service.
    public static func unsetEnvironment() {
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            unsetenv(name)
        }
    }

    static func watchdogInterval(in environment: [String: String], processID: pid_t) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else {
            return nil
        }
        if let owner = environment["WATCHDOG_PID"], Int32(owner) != processID {
            return nil
        }
        return .microseconds(microseconds)
    }

    private static func send(_ message: String, to socketPath: String) throws {
        var (address, length) = try socketAddress(socketPath)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw NotifyError(call: "socket", errno: errno) }
        defer { close(descriptor) }

        let bytes = Array(message.utf8)
        var sent: Int
        repeat {
            sent = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        } while sent < 0 && errno == EINTR
        guard sent >= 0 else { throw NotifyError(call: "sendto", errno: errno) }
        guard sent == bytes.count else { throw NotifyError(call: "sendto", errno: EMSGSIZE) }
    }

    private static func socketAddress(_ socketPath: String) throws -> (sockaddr_un, socklen_t) {
        var path = Array(socketPath.utf8)
        let isAbstract = path.first == UInt8(ascii: "@")
        // sd_notify(3) accepts only absolute paths and abstract names on AF_UNIX.
        guard isAbstract || path.first == UInt8(ascii: "/") else {
            throw NotifyError(call: "NOTIFY_SOCKET", errno: EAFNOSUPPORT)
        }
        if isAbstract { path[0] = 0 }
        // A filesystem path carries its terminating NUL; an abstract name is exactly its bytes.
        let pathLength = path.count + (isAbstract ? 0 : 1)

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard pathLength <= MemoryLayout.size(ofValue: address.sun_path) else {
            throw NotifyError(call: "NOTIFY_SOCKET", errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathLength
        return (address, socklen_t(length))
    }
}
