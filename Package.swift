// swift-tools-version: 6.2
//
// tinq: a news-ingest queue. ZeroMQ broker, Swift analysis workers, durable results log.
//
// Targets by job (dependencies point one way):
//   CZeroMQ, CLibXML2      system libraries from Debian (libzmq3-dev, libxml2-dev)
//   ZeroMQ                 thin binding over libzmq; knows nothing of tinq
//   TinqAnalysis           pure article analysis (no sockets, clocks or globals)
//   TinqProtocol           wire protocol v1: frames <-> typed messages (see PROTOCOL.md)
//   TinqBroker             broker state machine, durable store, socket loop
//   TinqWorker             worker state machine and socket loop
//   TinqClient             producer / subscriber / admin client library
//   SystemdNotify          sd_notify(3) readiness protocol
//   tinq                   the CLI; the only place that wires everything together
//   TinqTesting            helpers for the test suites
import PackageDescription

import class Foundation.ProcessInfo

let package = Package(
    name: "tinq",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tinq", targets: ["tinq"]),
        .library(name: "TinqClient", targets: ["TinqClient"]),
        .library(name: "TinqAnalysis", targets: ["TinqAnalysis"]),
        // The wire format alone (frames, commands, replies), for Swift clients and Fuzz/.
        .library(name: "TinqProtocol", targets: ["TinqProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),  // LogHandler.log(event:)
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(
            url: "https://github.com/apple/swift-configuration",
            from: "1.0.0",
            traits: [.defaults, "YAML", "CommandLineArguments"]
        ),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // MARK: C libraries from Debian
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // MARK: Libraries
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        .target(name: "TinqAnalysis", dependencies: ["CLibXML2"], resources: [.embedInCode("Resources/taxonomy.json")]),
        .target(name: "TinqProtocol"),
        .target(name: "SystemdNotify"),
        .target(
            name: "TinqBroker",
            dependencies: [
                "ZeroMQ",
                "TinqProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "TinqWorker",
            dependencies: [
                "ZeroMQ",
                "TinqProtocol",
                "TinqAnalysis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .target(
            name: "TinqClient",
            dependencies: [
                "ZeroMQ",
                "TinqProtocol",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "tinq",
            dependencies: [
                "ZeroMQ",
                "TinqProtocol",
                "TinqAnalysis",
                "TinqBroker",
                "TinqWorker",
                "TinqClient",
                "SystemdNotify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(name: "TinqTesting"),

        // MARK: Tests
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "TinqProtocolTests", dependencies: ["TinqProtocol"]),
        .testTarget(name: "TinqAnalysisTests", dependencies: ["TinqAnalysis", "TinqTesting"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TinqBrokerTests",
            dependencies: ["TinqBroker", "TinqProtocol", "TinqTesting", "ZeroMQ", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "TinqWorkerTests", dependencies: ["TinqWorker", "TinqProtocol"]),
        .testTarget(name: "SystemdNotifyTests", dependencies: ["SystemdNotify", "TinqTesting"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["TinqTesting", "TinqProtocol", "ZeroMQ"]
        ),
    ]
)

// MARK: Compiler settings, once, for every target of ours.
// CI (CI=true) treats every warning as an error; local builds only report them.
let treatWarningsAsErrors = ProcessInfo.processInfo.environment["CI"] == "true"
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    if treatWarningsAsErrors {
        settings.append(.treatAllWarnings(as: .error))
    }
    target.swiftSettings = settings
}
