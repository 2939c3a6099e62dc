import Foundation

/// Finds the `tinq` executable the integration tests run.
///
/// The binary of the build that runs the tests comes first, so `swift test --scratch-path X`
/// tests X's binary: `$TINQ_BINARY` when set, else the `tinq` beside the running test bundle
/// (both live in `.build*/<triple>/<config>/`), else `.build/debug/tinq` in the checkout.
public enum TinqBinary {
    /// Why no binary was found.
    public struct NotFound: Error, CustomStringConvertible {
        /// The paths that were tried.
        public var tried: [String]
        /// A sentence for the test log.
        public var description: String {
            "no tinq executable found (build it first, e.g. `swift build --build-tests`, or set TINQ_BINARY); tried: "
                + tried.joined(separator: ", ")
        }
    }

    /// The absolute path of the `tinq` executable to test.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let candidates = self.candidates(environment: environment)
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw NotFound(tried: candidates)
    }

    /// The places looked at, in order.
    public static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var out: [String] = []
        if let explicit = environment["TINQ_BINARY"], !explicit.isEmpty {
            out.append(explicit.hasPrefix("/") ? explicit : RepositoryPaths.root.appendingPathComponent(explicit).path)
            return out
        }
        // The test runner is `<build>/<config>/<package>PackageTests.xctest` (an executable on
        // Linux, a bundle directory elsewhere); the products of the same build sit beside it.
        for executable in [Bundle.main.executablePath, try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")] {
            guard let executable else { continue }
            let url = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
            var directory = url.deletingLastPathComponent()
            var probe = url
            while probe.path != "/" && !probe.path.isEmpty {
                if probe.pathExtension == "xctest" {
                    directory = probe.deletingLastPathComponent()
                    break
                }
                probe.deleteLastPathComponent()
            }
            out.append(directory.appendingPathComponent("tinq").path)
        }
        out.append(RepositoryPaths.root.appendingPathComponent(".build/debug/tinq").path)
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}
