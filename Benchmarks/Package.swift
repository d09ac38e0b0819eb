// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that the benchmark framework (and its malloc interposer) never enters
// Headroom's main build. Run: cd Benchmarks && swift package benchmark
let package = Package(
    name: "HeadroomBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The main package by path; its identity is the checkout folder's name ("main" here).
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HeadroomEngine", package: "main"),
                .product(name: "HeadroomModel", package: "main"),
                .product(name: "HeadroomScenario", package: "main"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
