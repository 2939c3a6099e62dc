import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One integration test's world: a private short temp directory (sockets in `run/`, the store
/// in `data/`, each process's output in `logs/`) and the real `tinq` processes started in it.
///
/// Every command gets `--config` (the shipped config/tinq.yaml), `--runtime-dir`, `--data-dir`
/// and the sandbox's `--set` overrides, and a clean environment (no `TINQ_*`, no
/// `NOTIFY_SOCKET`), so nothing from the developer's shell leaks in. Call ``shutdown()`` in a
/// `defer`: it SIGKILLs every process still running and removes the directory.
///
/// Every child also carries `TQ_TEST_SANDBOX=<directory>` in its environment, which its own
/// children inherit: ``killAll()`` sweeps /proc for it to catch orphans (workers of a killed
/// `tinq serve`), and a small watchdog shell does the same if the test process itself dies
/// (a crash, or a CI timeout) while the directory still exists.
public final class TinqSandbox: Sendable {
    /// The private directory.
    public let directory: TestDirectory
    /// The `tinq` executable under test.
    public let binary: String
    /// `key=value` overrides given to every command.
    public let settings: [String]

    private let children = Mutex<[ChildProcess]>([])
    private let launches = Atomic<Int>(0)

    /// Creates the directory and finds the binary.
    /// - Parameters:
    ///   - label: a short name for the directory, e.g. "kill-worker".
    ///   - settings: `key=value` overrides for every command (`--set`).
    public init(_ label: String, settings: [String] = []) throws {
        binary = try TinqBinary.path()
        directory = try TestDirectory(label: label)
        self.settings = settings
        try directory.makeDirectory("logs")
        try directory.makeDirectory("work")
        try startWatchdog()
    }

    /// The environment entry that marks this sandbox's processes.
    public var marker: String { "TQ_TEST_SANDBOX=\(directory.path)" }

    /// A shell that outlives this process: when the test process is gone and the directory is
    /// still there, it SIGKILLs every process carrying the marker and removes the directory
    /// (kept with `TINQ_KEEP_TEST_DIRS`). Normally ``killAll()`` kills it first.
    private func startWatchdog() throws {
        let script = """
            while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 0.5; done
            [ -d "$2" ] || exit 0
            for e in /proc/[0-9]*/environ; do
                if tr '\\0' '\\n' < "$e" 2>/dev/null | grep -qxF "TQ_TEST_SANDBOX=$2"; then
                    p="${e#/proc/}"; kill -9 "${p%/environ}" 2>/dev/null
                fi
            done
            [ -n "$3" ] || rm -rf "$2"
            """
        let child = try ChildProcess.launch(
            name: "watchdog", executable: "/bin/sh", arguments: ["-c", script, "tq-watchdog", String(getpid()), directory.path,
                                                          ProcessInfo.processInfo.environment["TINQ_KEEP_TEST_DIRS"] ?? ""],
            environment: ["PATH": "/usr/bin:/bin"], directory: "/",
            stdoutPath: "/dev/null", stderrPath: "/dev/null")
        children.withLock { $0.append(child) }
    }

    /// The configuration file every command reads.
    public var configPath: String { RepositoryPaths.config.appendingPathComponent("tinq.yaml").path }

    /// The options every command gets, after its subcommand.
    public func commonOptions(settings extra: [String] = []) -> [String] {
        var out = ["--config", configPath, "--runtime-dir", directory.runtimeDirectory, "--data-dir", directory.dataDirectory]
        for s in settings + extra { out += ["--set", s] }
        return out
    }

    /// The environment of every child: this process's, less what would change tinq's
    /// behaviour, plus `extra`.
    public func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("TINQ_") && !["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "RUNTIME_DIRECTORY",
                                         "STATE_DIRECTORY", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"].contains(key)
        }
        for (k, v) in extra { env[k] = v }
        env["TQ_TEST_SANDBOX"] = directory.path
        return env
    }

    /// Starts `tinq <arguments> <common options>` in the background.
    /// - Parameters:
    ///   - name: for messages and the log file names (`logs/<name>.<n>.out|err`).
    ///   - arguments: the subcommand and its own arguments.
    ///   - settings: more `--set` overrides for this command only.
    ///   - common: false to pass no common options (to test bad ones).
    @discardableResult
    public func start(_ name: String, _ arguments: [String], settings extra: [String] = [],
                      environment: [String: String] = [:], common: Bool = true) throws -> ChildProcess {
        let n = launches.add(1, ordering: .relaxed).newValue
        let base = directory.file("logs/\(name).\(n)")
        let child = try ChildProcess.launch(
            name: name, executable: binary,
            arguments: arguments + (common ? commonOptions(settings: extra) : []),
            environment: self.environment(environment), directory: directory.file("work"),
            stdoutPath: base + ".out", stderrPath: base + ".err")
        children.withLock { $0.append(child) }
        return child
    }

    /// Starts any executable (a script, python3) with the sandbox's clean environment, its
    /// output captured like the tinq processes'.
    @discardableResult
    public func startExecutable(_ name: String, _ executable: String, _ arguments: [String],
                                environment: [String: String] = [:]) throws -> ChildProcess {
        let n = launches.add(1, ordering: .relaxed).newValue
        let base = directory.file("logs/\(name).\(n)")
        let child = try ChildProcess.launch(
            name: name, executable: executable, arguments: arguments,
            environment: self.environment(environment), directory: directory.file("work"),
            stdoutPath: base + ".out", stderrPath: base + ".err")
        children.withLock { $0.append(child) }
        return child
    }

    /// Runs `tinq <arguments> <common options>` to completion; SIGKILLs it and throws after
    /// `timeout`.
    public func run(_ arguments: [String], settings extra: [String] = [], environment: [String: String] = [:],
                    common: Bool = true, timeout: Duration = .seconds(60)) async throws -> CommandResult {
        let started = ContinuousClock.now
        let name = arguments.first ?? "tinq"
        let child = try start(name, arguments, settings: extra, environment: environment, common: common)
        guard let termination = await child.wait(timeout: timeout) else {
            child.killTree()
            throw TestFailure("`tinq \(arguments.joined(separator: " "))` did not finish within \(timeout)\n--- stdout:\n\(child.stdout().suffix(2000))\n--- stderr:\n\(child.stderrTail())")
        }
        return CommandResult(termination: termination, stdout: child.stdout(), stderr: child.stderr(), duration: ContinuousClock.now - started)
    }

    /// Starts `tinq broker`.
    public func broker(settings extra: [String] = [], environment: [String: String] = [:]) throws -> ChildProcess {
        try start("broker", ["broker"], settings: extra, environment: environment)
    }

    /// Starts `tinq worker --name <name>`, optionally slowed down or with a crash marker
    /// (the worker's hidden test options).
    public func worker(_ name: String, settings extra: [String] = [], delayMs: Int = 0, crashMarker: String? = nil, hangMarker: String? = nil) throws -> ChildProcess {
        var arguments = ["worker", "--name", name]
        if delayMs > 0 { arguments += ["--test-delay-ms", String(delayMs)] }
        if let crashMarker { arguments += ["--test-crash-marker", crashMarker] }
        if let hangMarker { arguments += ["--test-hang-marker", hangMarker] }
        return try start(name, arguments, settings: extra)
    }

    /// Starts `tinq serve --workers <workers>`.
    public func serve(workers: Int, settings extra: [String] = []) throws -> ChildProcess {
        try start("serve", ["serve", "--workers", String(workers)], settings: extra)
    }

    /// Starts `tinq subscribe` writing JSON lines to its log; read them with
    /// ``DeliveredResult/parse(_:)`` on its `stdout()`.
    public func subscriber(_ name: String, fromSeq: UInt64? = nil, topics: [String] = [], count: Int? = nil,
                           idleTimeoutSeconds: Double? = nil, settings extra: [String] = []) throws -> ChildProcess {
        var arguments = ["subscribe"]
        if let fromSeq { arguments += ["--from-seq", String(fromSeq)] }
        for t in topics { arguments += ["--topic", t] }
        if let count { arguments += ["--count", String(count)] }
        if let idleTimeoutSeconds { arguments += ["--idle-timeout", String(idleTimeoutSeconds)] }
        return try start(name, arguments, settings: extra)
    }

    /// `tinq status --json`, parsed; nil when the broker does not answer within `timeout`.
    public func status(timeout: Double = 2) async throws -> BrokerStatus? {
        let result = try await run(["status", "--json", "--timeout", String(timeout)], timeout: .seconds(timeout + 20))
        guard result.succeeded else { return nil }
        return try BrokerStatus(json: result.stdout)
    }

    /// Waits until the broker answers `tinq status`.
    @discardableResult
    public func waitForBroker(timeout: Duration = .seconds(20)) async throws -> BrokerStatus {
        var last: BrokerStatus?
        try await waitUntil("the broker answers `tinq status`", timeout: timeout, interval: .milliseconds(100)) {
            last = try await status(timeout: 1)
            return last != nil
        }
        return last!
    }

    /// Waits until `condition` holds for the broker's status; returns that status.
    @discardableResult
    public func waitForStatus(_ what: String, timeout: Duration = .seconds(30),
                              _ condition: (BrokerStatus) -> Bool) async throws -> BrokerStatus {
        var last: BrokerStatus?
        do {
            try await waitUntil(what, timeout: timeout, interval: .milliseconds(150)) {
                last = try await status(timeout: 1)
                return last.map(condition) ?? false
            }
        } catch let failure as TestFailure {
            throw TestFailure("\(failure.description); last status: \(last.map { "\($0)" } ?? "no answer")")
        }
        return last!
    }

    /// Waits until `process` has written `text` to its standard error (its log).
    public func waitForLog(_ process: ChildProcess, _ text: String, timeout: Duration = .seconds(20)) async throws {
        do {
            try await waitUntil("\(process.name) logs \"\(text)\"", timeout: timeout, interval: .milliseconds(50)) {
                process.stderr().contains(text)
            }
        } catch let failure as TestFailure {
            throw TestFailure("\(failure.description); log tail: \(process.stderrTail())")
        }
    }

    /// The processes started so far.
    public var processes: [ChildProcess] { children.withLock { $0 } }

    /// SIGKILLs every process still running, with its descendants. Safe to call more than once.
    public func killAll() {
        let all = children.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for child in all.reversed() { child.killTree() }
        // Orphans: processes whose parent died before it could be asked to stop them.
        for pid in ProcessTable.processes(withEnvironmentEntry: marker) { kill(pid, SIGKILL) }
    }

    /// ``killAll()``, then removes the directory. Safe to call more than once.
    public func shutdown() {
        killAll()
        directory.remove()
    }
}
