import Foundation
import Glibc
import TinqTesting

/// A stand-in for systemd's end of `NOTIFY_SOCKET`: a bound datagram socket that the tests
/// read notifications from. Each instance is private to one test. Unlike TinqTesting's
/// `NotifyListener` it also binds abstract sockets and reads synchronously.
final class FakeNotifySocket {
    struct Failure: Error, CustomStringConvertible {
        let call: String
        let errno: Int32
        var description: String { "\(call): \(String(cString: strerror(errno)))" }
    }

    /// The value to put in `NOTIFY_SOCKET` to reach this socket.
    let notifySocket: String
    private let descriptor: Int32
    private let directory: TestDirectory?

    /// Binds a socket file in a new private temporary directory.
    static func filesystem() throws -> FakeNotifySocket {
        let directory = try TestDirectory(label: "notify")
        return try FakeNotifySocket(notifySocket: directory.file("notify"), directory: directory)
    }

    /// Binds an abstract socket with a name no other test uses.
    static func abstract() throws -> FakeNotifySocket {
        try FakeNotifySocket(notifySocket: "@tinq-notify-test-\(getpid())-\(UUID().uuidString)", directory: nil)
    }

    private init(notifySocket: String, directory: TestDirectory?) throws {
        self.notifySocket = notifySocket
        self.directory = directory
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket", errno: errno) }

        var path = Array(notifySocket.utf8)
        let isAbstract = path.first == UInt8(ascii: "@")
        if isAbstract { path[0] = 0 } else { path.append(0) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        // Every property is set by now, so a throw runs deinit, which closes and cleans up.
        guard result == 0 else { throw Failure(call: "bind", errno: errno) }
    }

    deinit {
        close(descriptor)
        directory?.remove()
    }

    /// The next datagram as text, or `nil` if none arrives within `timeout`.
    func receive(timeout: Duration = .seconds(5)) throws -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var ready: Int32
        repeat {
            ready = poll(&poller, 1, milliseconds)
        } while ready < 0 && errno == EINTR
        guard ready >= 0 else { throw Failure(call: "poll", errno: errno) }
        guard ready > 0 else { return nil }

        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { throw Failure(call: "recv", errno: errno) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
