import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Small tmpfs mounts and immutable files, to give a process a full disk or a read-only data
/// directory. Tests run as root, where permissions restrict nothing; these tricks still bite.
public enum ScratchFilesystem {
    /// True when this process may mount a tmpfs (root with CAP_SYS_ADMIN); tried once.
    public static let canMount: Bool = {
        var template = Array("/tmp/tq-mnt-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { return false }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { rmdir(path) }
        guard mount("tmpfs", path, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount2(path, Int32(MNT_DETACH))
        return true
    }()

    /// True when `chattr +i` works here (root with CAP_LINUX_IMMUTABLE on a filesystem that
    /// supports it); tried once.
    public static let canMakeImmutable: Bool = {
        var template = Array("/tmp/tq-attr-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { return false }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { _ = try? run("/usr/bin/chattr", ["-i", path]); rmdir(path) }
        guard (try? run("/usr/bin/chattr", ["+i", path])) == true else { return false }
        return FileManager.default.createFile(atPath: path + "/probe", contents: Data()) == false
    }()

    /// Mounts a tmpfs of `size` (e.g. "384k") at the existing directory `path`.
    public static func mountTmpfs(at path: String, size: String) throws {
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(size),mode=0755") == 0 else {
            throw TestFailure("mount tmpfs at \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Changes the size of the tmpfs mounted at `path`, keeping its files.
    public static func resizeTmpfs(at path: String, size: String) throws {
        guard mount("tmpfs", path, "tmpfs", UInt(MS_REMOUNT), "size=\(size)") == 0 else {
            throw TestFailure("remount tmpfs at \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Detaches the mount at `path` (lazily, so open files do not block it).
    public static func unmount(_ path: String) {
        umount2(path, Int32(MNT_DETACH))
    }

    /// `chattr +i` (or `-i`) on `path` and, when it is a directory, everything in it.
    public static func setImmutable(_ immutable: Bool, _ path: String) throws {
        guard try run("/usr/bin/chattr", ["-R", immutable ? "+i" : "-i", path]) else {
            throw TestFailure("chattr \(immutable ? "+i" : "-i") \(path) failed")
        }
    }

    /// Runs a short command to completion; true on exit 0.
    private static func run(_ executable: String, _ arguments: [String]) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
