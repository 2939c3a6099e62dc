import Foundation
import Glibc
import Testing
import TinqTesting

/// The units in `systemd/`, checked by systemd's own parser and for the promises tinq's
/// shutdown and readiness code relies on.
@Suite("systemd unit files")
struct UnitFilesTests {
    static let unitNames = ["tinq-broker.service", "tinq-worker@.service", "tinq.target"]
    static let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(
        "systemd-analyze verify reports nothing for the broker, a worker instance and the target",
        .enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed (Debian package systemd)"),
        .timeLimit(.minutes(1))
    )
    func verify() throws {
        // As they are in the repository, and as `make install` writes them (the binary's
        // absolute path in place of "/usr/bin/env tinq"; verify checks that it exists).
        let executable = (try? TinqBinary.path()) ?? "/bin/true"
        for (label, edit) in [("as in the repository", { (text: String) in text }),
                              ("as installed", { $0.replacingOccurrences(of: "/usr/bin/env tinq", with: executable) })] {
            let directory = try TestDirectory(label: "units")
            defer { directory.remove() }
            for name in Self.unitNames { try directory.write(name, edit(try unitText(name))) }
            let output = try run(
                Self.systemdAnalyze!,
                ["verify", "--man=no"] + ["tinq-broker.service", "tinq-worker@1.service", "tinq.target"].map(directory.file),
                outputIn: directory.path
            )
            #expect(output.status == 0, "\(label): systemd-analyze exited \(output.status): \(output.text)")
            #expect(output.text.isEmpty, "\(label): systemd-analyze verify says:\n\(output.text)")
        }
    }

    @Test("both services are Type=notify, stop on SIGTERM and leave room for the 20 s drain")
    func servicesPromises() throws {
        for name in ["tinq-broker.service", "tinq-worker@.service"] {
            let service = try Self.settings(try unitText(name), section: "Service")
            #expect(service["Type"] == ["notify"], "\(name)")
            #expect(service["NotifyAccess"] == ["main"], "\(name)")
            #expect(service["KillSignal"] == ["SIGTERM"], "\(name)")
            #expect(service["RuntimeDirectory"] == ["tinq"], "\(name)")
            #expect(service["RuntimeDirectoryPreserve"] == ["yes"], "\(name)")
            let timeout = service["TimeoutStopSec"]?.last.flatMap { Int($0) } ?? 0
            #expect(timeout > 20, "\(name): TimeoutStopSec=\(timeout) leaves no room for the drain")
            #expect(service["ExecStart"]?.last?.contains("--config /etc/tinq/tinq.yaml") == true, "\(name)")
        }
        let broker = try Self.settings(try unitText("tinq-broker.service"), section: "Service")
        #expect(broker["ExecStart"]?.last?.hasPrefix("/usr/bin/env tinq broker ") == true)
        #expect(broker["StateDirectory"] == ["tinq"])
        #expect(broker["ExecReload"] == ["/bin/kill -HUP $MAINPID"], "systemctl reload sends the SIGHUP the broker rereads its keys on")

        let worker = try unitText("tinq-worker@.service")
        #expect(try Self.settings(worker, section: "Service")["ExecStart"]?.last?.hasSuffix("--name %i") == true)
        let workerUnit = try Self.settings(worker, section: "Unit")
        #expect(workerUnit["BindsTo"] == nil, "workers reconnect by themselves; BindsTo= would stop them with the broker")
        #expect(workerUnit["Wants"] == ["tinq-broker.service"])
    }

    @Test("the broker's stop timeout outlasts the drain time in config/tinq.yaml")
    func stopTimeoutCoversDrain() throws {
        let config = try String(contentsOf: RepositoryPaths.config.appendingPathComponent("tinq.yaml"), encoding: .utf8)
        let drainLine = config.split(separator: "\n").first {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("drain_timeout_ms:")
        }
        let drainMilliseconds = try #require(drainLine?.split(separator: ":").last.flatMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        })
        let service = try Self.settings(try unitText("tinq-broker.service"), section: "Service")
        let stopSeconds = try #require(service["TimeoutStopSec"]?.last.flatMap { Int($0) })
        // A few seconds beyond the drain for the final store sync and exit.
        #expect(drainMilliseconds + 5_000 <= stopSeconds * 1_000)
    }

    @Test("the sandbox leaves libzmq what it needs: netlink for tcp:// and its sched_setscheduler call")
    func hardeningFitsLibzmq() throws {
        for name in ["tinq-broker.service", "tinq-worker@.service"] {
            let service = try Self.settings(try unitText(name), section: "Service")
            let families = Set(service["RestrictAddressFamilies"]?.flatMap { $0.split(separator: " ") } ?? [])
            #expect(families.isSuperset(of: ["AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK"]), "\(name)")
            let denied = (service["SystemCallFilter"] ?? []).filter { $0.hasPrefix("~") }
            #expect(!denied.contains { $0.contains("@resources") }, "\(name): libzmq threads abort without sched_setscheduler")
            #expect(service["MemoryDenyWriteExecute"] == ["true"], "\(name)")
            #expect(service["SystemCallFilter"]?.first == "@system-service", "\(name)")
        }
    }

    @Test("the target starts the broker and two workers")
    func target() throws {
        let unit = try Self.settings(try unitText("tinq.target"), section: "Unit")
        let wanted = Set(unit["Wants"]?.flatMap { $0.split(separator: " ").map(String.init) } ?? [])
        #expect(wanted == ["tinq-broker.service", "tinq-worker@1.service", "tinq-worker@2.service"])
    }

    /// `Key=value` lines of one section, values in file order; comments and blanks skipped.
    static func settings(_ text: String, section: String) throws -> [String: [String]] {
        var current = ""
        var result: [String: [String]] = [:]
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                current = String(line.dropFirst().dropLast())
            } else if current == section, let equals = line.firstIndex(of: "=") {
                result[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
            }
        }
        return result
    }

    private func unitText(_ name: String) throws -> String {
        try String(contentsOf: RepositoryPaths.root.appendingPathComponent("systemd/\(name)"), encoding: .utf8)
    }

    /// Runs a command to completion (killing it after 30 s) and returns its exit status and
    /// its combined output, read from a file so a chatty command cannot fill a pipe and stall.
    private func run(_ executable: String, _ arguments: [String], outputIn directory: String) throws
        -> (status: Int32, text: String)
    {
        let outputPath = "\(directory)/output.txt"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil) else {
            throw POSIXError(.EIO)
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer { try? output.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning && ContinuousClock.now < deadline {
            usleep(20_000)
        }
        if process.isRunning {
            process.terminate()
            Issue.record("\(executable) did not finish within 30 s")
        }
        process.waitUntilExit()
        let text = try String(contentsOfFile: outputPath, encoding: .utf8)
        return (process.terminationStatus, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
