// swift-tools-version: 6.2
//
// libFuzzer harnesses for the analysis library and the wire decoders (kept out of the main package so that ordinary
// builds never need the fuzzer runtime). Build and run it with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "TinqFuzz",
    dependencies: [.package(name: "tinq", path: "..")],
    targets: [
        .executableTarget(
            name: "AnalysisFuzzer",
            dependencies: [.product(name: "TinqAnalysis", package: "tinq")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ProtocolFuzzer",
            dependencies: [.product(name: "TinqProtocol", package: "tinq")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
