import Benchmark
import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// Kernel benchmarks: set-up is outside the measured part and results go to `blackHole`.
///
/// The committed thresholds (`Thresholds/`, `swift package benchmark thresholds check`) cover allocations, which are
/// deterministic: a run allocates per worker and per wave, never per path, whatever the number of paths. Wall clock
/// and memory are reported; this machine's speed varies too much from day to day to hold them to a threshold.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5), maxIterations: 20,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 5.0], absolute: [.p90: 200])])

    let scenario: Scenario? = try? ScenarioReader.read(contentsOf: "../bench/bench-60x120.yaml")
    let model: CompiledScenario? = scenario.flatMap { try? CompiledScenario(scenario: $0) }

    Benchmark("monte carlo, bench-60x120, 8,192 paths, 1 thread") { benchmark in
        guard let model else { return }
        benchmark.startMeasurement()
        blackHole(Simulator(model).simulate(MonteCarloOptions(paths: 8_192, seed: 1, threads: 1, driverSample: 0)))
    }

    Benchmark("monte carlo, bench-60x120, 65,536 paths, reference statistics, 1 thread") { benchmark in
        guard let model else { return }
        benchmark.startMeasurement()
        blackHole(
            Simulator(model).simulate(
                MonteCarloOptions(paths: 65_536, seed: 1, threads: 1, driverSample: 0, statistics: .reference)))
    }

    Benchmark("monte carlo, bench-60x120, 65,536 paths, all cores") { benchmark in
        guard let model else { return }
        benchmark.startMeasurement()
        blackHole(Simulator(model).simulate(MonteCarloOptions(paths: 65_536, seed: 1, threads: 2, driverSample: 0)))
    }

    Benchmark("projection, bench-60x120") { benchmark in
        guard let model else { return }
        for _ in benchmark.scaledIterations { blackHole(Simulator(model).project()) }
    }

    Benchmark("compile bench-60x120 (quantile tables)") { benchmark in
        guard let scenario else { return }
        for _ in benchmark.scaledIterations { blackHole(try? CompiledScenario(scenario: scenario)) }
    }

    Benchmark("log histogram, 1M inserts", configuration: .init(scalingFactor: .mega)) { benchmark in
        var histogram = LogHistogram()
        var x = 1_000.0
        for _ in benchmark.scaledIterations {
            x = x * 1.000_001 + 0.5
            histogram.insert(x)
        }
        blackHole(histogram.quantile(0.5))
    }

    Benchmark("normal score table lookups, 1M", configuration: .init(scalingFactor: .mega)) { benchmark in
        let table = NormalScoreTable(.pert(min: 0, mode: 3, max: 12))
        var x = -4.0
        var sum = 0.0
        for _ in benchmark.scaledIterations {
            x += 8e-6
            sum += table.value(atScore: x)
        }
        blackHole(sum)
    }
}
