// swift-tools-version: 6.2
//
// libFuzzer harnesses for the analysis library and the wire decoders (kept out of the main package so that ordinary
// builds never need the fuzzer runtime). Build and run it with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "TinqFuzz",
    dependencies: [.package(name: "tinq", path: "..")],
    targets: [
        // libFuzzer's driver entry point, shared by the fuzzers.
        .target(name: "FuzzDriver", swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "AnalysisFuzzer",
            dependencies: ["FuzzDriver", .product(name: "TinqAnalysis", package: "tinq")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ProtocolFuzzer",
            dependencies: ["FuzzDriver", .product(name: "TinqProtocol", package: "tinq")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
