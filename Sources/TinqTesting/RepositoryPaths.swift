import Foundation

/// Paths inside the tinq checkout, found from this source file's location, so tests work from
/// any working directory.
public enum RepositoryPaths {
    /// The repository's top-level folder (the one holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TinqTesting
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// `seeds/`: the five real pages tinq ships as examples and fixtures.
    public static var seeds: URL { root.appendingPathComponent("seeds") }

    /// `config/`: the shipped configuration files.
    public static var config: URL { root.appendingPathComponent("config") }

    /// `../shared/`, beside the checkout, when present (development data is read there, never copied).
    public static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The seed files, sorted by name.
    public static func seedFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: seeds, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
