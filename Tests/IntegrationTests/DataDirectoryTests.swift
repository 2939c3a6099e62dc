import Foundation
import Testing
import TinqTesting

extension Integration {
    @Suite("Unusable data directory") struct DataDirectoryTests {
        /// The broker cannot use its data directory: it must exit non-zero at once with an error
        /// that names the problem, never crash on a signal or start half-way. (Tests run as
        /// root, where chmod restricts nothing, so the directory is made unusable by shape.)
        @Test(.timeLimit(.minutes(1)), arguments: ["data-dir-is-a-file", "store-is-a-directory", "store-is-not-sqlite", "data-dir-under-a-file"])
        func brokerRefusesAnUnusableDataDirectory(_ kind: String) async throws {
            let sandbox = try TinqSandbox("datadir")
            defer { sandbox.shutdown() }
            let dataDir: String
            let mentions: String
            switch kind {
            case "data-dir-is-a-file":
                dataDir = try sandbox.directory.write("data-file", "not a directory\n")
                mentions = dataDir
            case "store-is-a-directory":
                dataDir = try sandbox.directory.makeDirectory("data")
                try sandbox.directory.makeDirectory("data/tinq.sqlite")
                mentions = "tinq.sqlite"
            case "store-is-not-sqlite":
                dataDir = try sandbox.directory.makeDirectory("data")
                try sandbox.directory.write("data/tinq.sqlite", String(repeating: "this is not a database ", count: 200))
                mentions = "tinq.sqlite"
            default:
                let file = try sandbox.directory.write("plain-file", "x\n")
                dataDir = file + "/data"
                mentions = file
            }
            let before = try? Data(contentsOf: URL(fileURLWithPath: "\(dataDir)/tinq.sqlite"))
            let run = try await sandbox.run(["broker", "--config", sandbox.configPath, "--runtime-dir", sandbox.directory.runtimeDirectory, "--data-dir", dataDir],
                                            common: false, timeout: .seconds(20))
            let firstError = run.stderr.split(separator: "\n").last(where: { $0.localizedCaseInsensitiveContains("error") }).map(String.init) ?? run.stderr.suffix(300).description
            report("datadir", "\(kind): \(run.termination) in \(run.duration); stderr: \(firstError.prefix(220))")
            #expect(!run.termination.wasSignaled, "crashed: \(run)")
            #expect(run.termination != .exited(0), "started with an unusable data directory: \(run)")
            #expect(run.stderr.contains(mentions), "the error should name \(mentions): \(run.stderr.suffix(1500))")
            #expect(!run.stderr.contains("Fatal error"), "a Swift trap, not a clear error: \(run.stderr.suffix(1500))")
            #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("NSPOSIXErrorDomain"),
                    "a raw Foundation error is not a clear message: \(run.stderr.suffix(1500))")
            let after = try? Data(contentsOf: URL(fileURLWithPath: "\(dataDir)/tinq.sqlite"))
            #expect(before == after, "the broker changed a store it could not use")
        }
    }
}
