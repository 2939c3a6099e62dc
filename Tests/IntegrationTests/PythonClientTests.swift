import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Python client from PROTOCOL.md") struct PythonClientTests {
        static let python = "/usr/bin/python3"

        /// True when /usr/bin/python3 exists and imports zmq (Debian's python3-zmq).
        static let pythonHasZMQ: Bool = {
            guard FileManager.default.isExecutableFile(atPath: python) else { return false }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = ["-c", "import zmq"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return false }
            p.waitUntilExit()
            return p.terminationStatus == 0
        }()

        /// tests/python/run.sh: a pyzmq producer (DEALER and REQ), SUB subscribers, REPLAY,
        /// STATUS, DUPLICATE and REJECTED, all written from PROTOCOL.md, against this build's
        /// binary.
        @Test(.timeLimit(.minutes(2)),
              .enabled(if: pythonHasZMQ, "skipped: /usr/bin/python3 cannot import zmq (apt-get install python3-zmq)"))
        func pythonClientTalksToTheBroker() async throws {
            let sandbox = try TinqSandbox("python")
            defer { sandbox.shutdown() }
            let script = RepositoryPaths.root.appendingPathComponent("tests/python/run.sh").path
            let run = try sandbox.startExecutable("python", "/bin/bash", [script], environment: ["TINQ_BINARY": sandbox.binary])
            guard let end = await run.wait(timeout: .seconds(90)) else {
                run.killTree()
                Issue.record("tests/python/run.sh did not finish in 90 s:\n\(run.stdout().suffix(3000))")
                return
            }
            let output = run.stdout() + run.stderr()
            let last = run.stdout().split(separator: "\n").last.map(String.init) ?? ""
            report("python", "tests/python/run.sh: \(last) (\(end))")
            #expect(end == .exited(0), "\(output.suffix(4000))")
            #expect(last.hasSuffix(" passed, 0 failed") && !last.hasPrefix("0 passed"), "last line: \(last)")
        }
    }
}
