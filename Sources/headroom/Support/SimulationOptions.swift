import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomReport

/// Monte Carlo options shared by `simulate`, `compare`, `structures` and `report`.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Number of paths.")
    var paths = 100_000

    @Option(help: "Random seed: the same seed gives bit-identical results at any thread count.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: every core).")
    var threads: Int?

    @Option(help: "Quantile levels, comma-separated, each in (0, 1).")
    var quantiles: QuantileLevels = QuantileLevels(levels: [0.1, 0.5, 0.9])

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard paths >= 1, paths <= 2_000_000_000 else { throw ValidationError("--paths must be between 1 and 2e9") }
        if let threads, threads < 1 || threads > 1024 { throw ValidationError("--threads must be between 1 and 1024") }
    }

    /// The analysis settings these options ask for, stopping early at `untilSE` when it is given.
    func settings(untilSE: Double? = nil) -> SimulationSettings {
        SimulationSettings(
            paths: paths, seed: seed, threads: threads, quantileLevels: quantiles.levels, untilStandardError: untilSE)
    }
}

/// How `simulate` and `merge` print a run: the monthly table's period, the format and the destination.
struct SimulationOutputOptions: ParsableArguments {
    @Option(help: "Group the monthly table by month, quarter or year.")
    var by: Period = .year

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    /// `result` in the chosen format (`seconds`: the run's wall time, shown when known).
    func render(_ result: MonteCarloResult, origin: Month, seconds: Double?) -> String {
        let report = SimulationReport(result: result, period: by, seconds: seconds)
        switch format {
        case .table: return report.text(origin: origin)
        case .json: return report.json().rendered() + "\n"
        case .csv: return report.csv()
        }
    }
}

/// Early stopping, for the commands whose runs may end before `--paths` (`simulate` and `compare`).
struct EarlyStopOption: ParsableArguments {
    @Option(
        name: .customLong("until-se"),
        help:
            "Stop once every headline standard error (compare: of every paired difference) is below this, relative for expectations, absolute for probabilities; --paths is then the most paths run."
    )
    var untilSE: Double?

    func validate() throws {
        if let untilSE, !(untilSE > 0 && untilSE.isFinite) {
            throw ValidationError("--until-se must be a positive number")
        }
    }
}

/// Comma-separated quantile levels in (0, 1).
struct QuantileLevels: ExpressibleByArgument {
    var levels: [Double]

    init(levels: [Double]) {
        self.levels = levels
    }

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0.map { $0 > 0 && $0 < 1 } ?? false }) else { return nil }
        levels = Array(Set(parts.compactMap { $0 })).sorted()
    }

    var defaultValueDescription: String { levels.map { "\($0)" }.joined(separator: ",") }
}
