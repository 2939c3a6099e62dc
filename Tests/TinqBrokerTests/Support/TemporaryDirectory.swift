import Foundation

/// A private directory (mode 0700, from mkdtemp), removed with everything in it on deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("\(NSTemporaryDirectory())/tinq-broker-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = String(cString: made)
    }

    /// `name` inside the directory.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    deinit {
        // A test may have made the directory read-only; give the owner its rights back first.
        chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
}
