#if canImport(Glibc)
import Glibc
#endif

/// Names the calling thread for the kernel, so `top -H`, `ps -L` and `perf` show which tinq
/// thread is busy (Foundation's `Thread.name` does not reach the kernel on Linux). Every
/// dedicated thread (a socket loop, the store, the log syncer) calls it first.
///
/// Writes `/proc/thread-self/comm` (what `pthread_setname_np` does, which Swift cannot import
/// from glibc without `_GNU_SOURCE`). Best effort: without /proc the name simply stays.
public enum ThreadName {
    /// Sets the name; the kernel keeps at most 15 bytes, so longer names are cut.
    public static func set(_ name: String) {
        #if canImport(Glibc)
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #endif
    }

    /// The calling thread's kernel name ("" when unknown).
    public static func current() -> String {
        #if canImport(Glibc)
        let fd = open("/proc/thread-self/comm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return "" }
        return String(decoding: buffer[..<n].prefix { $0 != 0x0A }, as: UTF8.self)
        #else
        return ""
        #endif
    }
}
