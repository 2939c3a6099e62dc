import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A private temporary directory with a short path under /tmp, removed by ``remove()``.
///
/// Short because an ipc:// endpoint is a Unix socket path, limited to 107 bytes: a path under
/// a deep `$TMPDIR` or the checkout would not fit. Private because `mkdtemp` makes it mode 0700
/// with a random name, so parallel runs never share sockets or data.
public final class TestDirectory: Sendable {
    /// The directory's absolute path, e.g. `/tmp/tq-kill-Ab12Cd`.
    public let path: String

    /// Creates `/tmp/tq-<label>-XXXXXX`. The label (letters, digits, `-`) is cut to 16 bytes.
    public init(label: String) throws {
        let clean = String(label.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(16))
        var template = Array("/tmp/tq-\(clean)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw TestFailure("mkdtemp failed for /tmp/tq-\(clean)-XXXXXX: \(String(cString: strerror(errno)))")
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// `path/name`.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// The runtime directory for the ipc sockets (`path/run`).
    public var runtimeDirectory: String { file("run") }

    /// The data directory for the store (`path/data`).
    public var dataDirectory: String { file("data") }

    /// Creates `path/name` (and parents) and returns its path.
    @discardableResult
    public func makeDirectory(_ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
        return file(name)
    }

    /// Writes `contents` to `path/name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    /// Deletes the directory and everything in it. Kept when `TINQ_KEEP_TEST_DIRS` is set, to
    /// read the logs of a failed run.
    public func remove() {
        if ProcessInfo.processInfo.environment["TINQ_KEEP_TEST_DIRS"] != nil { return }
        try? FileManager.default.removeItem(atPath: path)
    }
}
