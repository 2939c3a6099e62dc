#if canImport(Glibc)
import Glibc
#endif

/// A self-pipe that any thread signals to wake a poll loop.
///
/// Sockets belong to the thread that polls them, so other threads never touch them: they leave
/// work in a locked inbox and signal this pipe, whose read end the loop adds to its ``Poller``
/// with ``Poller/add(fileDescriptor:events:)``.
public final class Wakeup: Sendable {
    /// The read end, to poll for readability.
    public let fileDescriptor: Int32
    private let writeEnd: Int32

    /// Creates the pipe (both ends non-blocking, close-on-exec).
    public init() throws(ZMQError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw ZMQError(code: errno, call: "pipe") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        fileDescriptor = fds[0]
        writeEnd = fds[1]
    }

    /// Wakes the poll loop (safe from any thread; a full pipe already means "wake up").
    public func signal() {
        var one: UInt8 = 1
        _ = write(writeEnd, &one, 1)
    }

    /// Clears pending signals (the loop's thread, after waking).
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(fileDescriptor, &buffer, buffer.count) > 0 {}
    }

    deinit {
        close(fileDescriptor)
        close(writeEnd)
    }
}
