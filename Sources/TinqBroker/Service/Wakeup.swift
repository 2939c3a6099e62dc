#if canImport(Glibc)
import Glibc
#endif

/// A self-pipe that another thread signals to wake the broker's poll loop.
///
/// The broker's sockets belong to its own thread, so other threads (the store thread, the
/// shutdown handler) never touch them: they leave work in a locked inbox and signal this pipe,
/// whose read end the loop polls beside its sockets.
final class Wakeup: Sendable {
    /// The read end, to poll for readability.
    let fileDescriptor: Int32
    private let writeEnd: Int32

    /// Creates the pipe (both ends non-blocking, close-on-exec).
    init() throws(BrokerError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw BrokerError.system(call: "pipe", errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        fileDescriptor = fds[0]
        writeEnd = fds[1]
    }

    /// Wakes the poll loop (safe from any thread; a full pipe already means "wake up").
    func signal() {
        var one: UInt8 = 1
        _ = write(writeEnd, &one, 1)
    }

    /// Clears pending signals (the loop's thread, after waking).
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(fileDescriptor, &buffer, buffer.count) > 0 {}
    }

    deinit {
        close(fileDescriptor)
        close(writeEnd)
    }
}
