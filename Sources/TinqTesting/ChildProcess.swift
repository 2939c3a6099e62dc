import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A process started by a test, with its standard output and error captured to files.
///
/// Each child leads its own process group, so ``killTree()`` also reaches the processes it
/// started itself (the workers of `tinq serve`). Only this object reaps the child (waitpid on
/// its own pid), so its exit status is never lost to anyone else.
public final class ChildProcess: Sendable {
    /// A name for messages, e.g. "broker" or "worker-2".
    public let name: String
    /// The process id (also its process group id).
    public let pid: pid_t
    /// The command line, for messages.
    public let commandLine: [String]
    /// Where its standard output goes.
    public let stdoutPath: String
    /// Where its standard error goes.
    public let stderrPath: String

    private let reaped = Mutex<ProcessTermination?>(nil)

    private init(name: String, pid: pid_t, commandLine: [String], stdoutPath: String, stderrPath: String) {
        self.name = name
        self.pid = pid
        self.commandLine = commandLine
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    /// Starts `executable` with `arguments`.
    /// - Parameters:
    ///   - environment: the complete environment of the child.
    ///   - directory: its working directory.
    ///   - stdoutPath, stderrPath: files that receive its output (created or truncated).
    public static func launch(
        name: String,
        executable: String,
        arguments: [String],
        environment: [String: String],
        directory: String,
        stdoutPath: String,
        stderrPath: String
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let addChdir = Self.addChdir {
            _ = addChdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group; no blocked signals and default handlers, whatever the test
        // runner set up for itself.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = [executable] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }.sorted()
        var pid: pid_t = 0
        let code = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in
                posix_spawn(&pid, executable, &actions, &attributes, cArgv, cEnvp)
            }
        }
        guard code == 0 else {
            throw TestFailure("cannot start \(name) (\(executable)): \(String(cString: strerror(code)))")
        }
        let child = ChildProcess(name: name, pid: pid, commandLine: argv, stdoutPath: stdoutPath, stderrPath: stderrPath)
        LiveProcessGroups.add(pid)
        return child
    }

    /// glibc's posix_spawn_file_actions_addchdir_np, which Swift does not import (it hides
    /// behind _GNU_SOURCE); looked up once at run time.
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    /// How it ended, or nil while it runs. Reaps it when it has ended.
    public var termination: ProcessTermination? {
        reaped.withLock { state in
            if let state { return state }
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                state = ProcessTermination(waitStatus: status)
                LiveProcessGroups.remove(pid)
            } else if r == -1 && errno == ECHILD {
                // Someone else reaped it; it is gone all the same.
                state = .exited(-1)
                LiveProcessGroups.remove(pid)
            }
            return state
        }
    }

    /// True until it has ended.
    public var isRunning: Bool { termination == nil }

    /// Sends `signal` to the process (not its group), unless it has already been reaped.
    public func signal(_ signal: Int32) {
        reaped.withLock { state in
            if state == nil { _ = kill(pid, signal) }
        }
    }

    /// Waits until it ends, at most `timeout`; nil when it is still running then.
    public func wait(timeout: Duration) async -> ProcessTermination? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let t = termination { return t }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// SIGKILLs the process, its group and every process it started (found through /proc,
    /// so children that left the group are caught too), then reaps it.
    public func killTree() {
        guard termination == nil else {
            // Its own descendants may outlive it (orphans keep the process group id).
            _ = kill(-pid, SIGKILL)
            return
        }
        let descendants = ProcessTable.descendants(of: pid)
        reaped.withLock { state in
            guard state == nil else { return }
            _ = kill(-pid, SIGKILL)
            _ = kill(pid, SIGKILL)
            for d in descendants { _ = kill(d, SIGKILL) }
            var status: Int32 = 0
            while true {
                let r = waitpid(pid, &status, 0)
                if r == pid { state = ProcessTermination(waitStatus: status); break }
                if r == -1 && errno == EINTR { continue }
                state = .exited(-1)
                break
            }
            LiveProcessGroups.remove(pid)
        }
    }

    /// Everything it wrote to standard output so far.
    public func stdout() -> String { Self.read(stdoutPath) }

    /// Everything it wrote to standard error so far.
    public func stderr() -> String { Self.read(stderrPath) }

    /// The last `lines` lines of standard error, for failure messages.
    public func stderrTail(_ lines: Int = 15) -> String {
        stderr().split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private static func read(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Runs `body` with a NULL-terminated C array of `strings`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
