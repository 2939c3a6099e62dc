import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The process groups of children still running, SIGKILLed when the test process exits, so a
/// test that fails before its own cleanup leaves no broker or worker behind.
enum LiveProcessGroups {
    private static let groups = Mutex<Set<pid_t>>([])
    private static let hook: Void = {
        atexit { LiveProcessGroups.killAll() }
    }()

    static func add(_ pid: pid_t) {
        _ = hook
        groups.withLock { _ = $0.insert(pid) }
    }

    static func remove(_ pid: pid_t) {
        groups.withLock { _ = $0.remove(pid) }
    }

    /// SIGKILLs every group still registered.
    static func killAll() {
        let all = groups.withLock { $0 }
        for pid in all {
            _ = kill(-pid, SIGKILL)
            _ = kill(pid, SIGKILL)
        }
    }
}
