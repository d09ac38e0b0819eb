// swift-tools-version: 6.1
import PackageDescription

/// Upcoming-feature flags every Headroom target is built with.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The engine checks its invariants on every path (capacity never negative, demand served within capacity, money
/// conserved; see `PathInvariants.swift`) in debug builds, and in any build made with `HEADROOM_CHECKED=1`.
let checkedSettings: [SwiftSetting] =
    [.define("HEADROOM_CHECKED", .when(configuration: .debug))]
    + (Context.environment["HEADROOM_CHECKED"] == "1" ? [.define("HEADROOM_CHECKED")] : [])

let package = Package(
    name: "Headroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "headroom", targets: ["headroom"]),
        .library(name: "HeadroomModel", targets: ["HeadroomModel"]),
        .library(name: "HeadroomEngine", targets: ["HeadroomEngine"]),
        .library(name: "HeadroomScenario", targets: ["HeadroomScenario"]),
        .library(name: "HeadroomAnalysis", targets: ["HeadroomAnalysis"]),
        .library(name: "HeadroomCalibration", targets: ["HeadroomCalibration"]),
        .library(name: "HeadroomReport", targets: ["HeadroomReport"]),
        .library(name: "HeadroomImport", targets: ["HeadroomImport"]),
        .library(name: "HeadroomMILP", targets: ["HeadroomMILP"]),
        .library(name: "HeadroomOptimize", targets: ["HeadroomOptimize"]),
        .library(name: "HeadroomStore", targets: ["HeadroomStore"]),
        .library(name: "HeadroomServer", targets: ["HeadroomServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "HeadroomModel",
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomEngine",
            dependencies: [
                "HeadroomModel",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings + checkedSettings
        ),
        .target(
            name: "HeadroomScenario",
            dependencies: [
                "HeadroomModel",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomCSV",
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomImport",
            dependencies: ["HeadroomModel", "HeadroomScenario", "HeadroomCSV", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomCalibration",
            dependencies: [
                "HeadroomModel", "HeadroomEngine", "HeadroomCSV", .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        .systemLibrary(
            name: "CCoinCbc",
            pkgConfig: "cbc",
            providers: [.apt(["coinor-libcbc-dev"])]
        ),
        .target(
            name: "HeadroomMILP",
            dependencies: ["CCoinCbc"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomOptimize",
            dependencies: [
                "HeadroomModel", "HeadroomEngine", "HeadroomMILP",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomAnalysis",
            dependencies: [
                "HeadroomModel", "HeadroomEngine", "HeadroomScenario", "HeadroomCalibration", "HeadroomOptimize",
                "HeadroomMILP",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomStore",
            dependencies: [
                "HeadroomModel", "HeadroomScenario", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomServer",
            dependencies: [
                "HeadroomModel", "HeadroomScenario", "HeadroomAnalysis", "HeadroomReport", "HeadroomStore",
                "HeadroomOptimize",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomReport",
            dependencies: [
                "HeadroomModel", "HeadroomEngine", "HeadroomAnalysis", "HeadroomCalibration", "HeadroomOptimize",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "headroom",
            dependencies: [
                "HeadroomModel",
                "HeadroomEngine",
                "HeadroomScenario",
                "HeadroomAnalysis",
                "HeadroomReport",
                "HeadroomCalibration",
                "HeadroomCSV",
                "HeadroomImport",
                "HeadroomOptimize",
                "HeadroomServer",
                "HeadroomStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "HeadroomTestSupport",
            dependencies: ["HeadroomModel", "HeadroomMILP"],
            path: "Sources/HeadroomTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "HeadroomModelTests", dependencies: ["HeadroomModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "HeadroomEngineTests",
            dependencies: ["HeadroomEngine", "HeadroomModel", "HeadroomTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomScenarioTests",
            dependencies: ["HeadroomScenario", "HeadroomModel", "HeadroomTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomCalibrationTests",
            dependencies: [
                "HeadroomCalibration", "HeadroomCSV", "HeadroomEngine", "HeadroomModel", "HeadroomTestSupport",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomImportTests",
            dependencies: ["HeadroomImport", "HeadroomCSV", "HeadroomModel", "HeadroomScenario"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomMILPTests",
            dependencies: ["HeadroomMILP", "HeadroomTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomOptimizeTests",
            dependencies: [
                "HeadroomOptimize", "HeadroomMILP", "HeadroomEngine", "HeadroomModel", "HeadroomTestSupport",
                "HeadroomScenario",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomStoreTests",
            dependencies: ["HeadroomStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomServerTests",
            dependencies: [
                "HeadroomServer", "HeadroomStore", "HeadroomAnalysis", "HeadroomEngine", "HeadroomOptimize",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomAnalysisTests",
            dependencies: ["HeadroomAnalysis", "HeadroomEngine", "HeadroomModel", "HeadroomScenario", "HeadroomTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomReportTests",
            dependencies: ["HeadroomReport", "HeadroomAnalysis", "HeadroomEngine", "HeadroomModel", "HeadroomTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HeadroomCLITests",
            dependencies: ["headroom", "HeadroomStore"],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
