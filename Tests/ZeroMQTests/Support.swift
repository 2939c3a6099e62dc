import Foundation
import Testing
import ZeroMQ

/// A private directory (mode 0700, from mkdtemp) for ipc endpoints, removed on deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).path  // no trailing slash
        var template = Array("\(base)/tinq-zmq-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = String(cString: made)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// An `ipc://` endpoint for `name` inside the directory.
    func ipc(_ name: String) -> String {
        "ipc://\(path)/\(name)"
    }
}

/// Milliseconds any single test wait may take before the test fails instead of hanging.
let testTimeout: Int32 = 5_000

/// A socket with linger 0 (so closing never waits) and send/receive timeouts.
func makeSocket(_ context: Context, _ type: SocketType) throws -> Socket {
    let socket = try Socket(context: context, type: type)
    try socket.setLinger(0)
    try socket.setReceiveTimeout(testTimeout)
    try socket.setSendTimeout(testTimeout)
    return socket
}

/// `count` bytes covering every byte value, NUL and invalid UTF-8 included, in an order
/// that a truncation or misplaced copy would change.
func arbitraryBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

/// Receives or fails the test: nil from `receive` here means the timeout expired.
func receiveOrFail(_ socket: Socket, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[UInt8]] {
    try #require(try socket.receive(), "no message within \(testTimeout) ms", sourceLocation: sourceLocation)
}
