import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomCSV
import HeadroomCalibration
import HeadroomModel
import HeadroomReport

/// `headroom backtest SCENARIO SLIPS.csv --map MAP.csv`: how well the scenario's delays predicted observed slips.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score observed slips against the scenario's predictive delays: percentiles, coverage, CRPS.",
        discussion: """
            Each row of SLIPS.csv (read as by `calibrate`, at --as-of) is paired with a unit of the scenario by \
            --map (columns campus, phase, unit) and scored against that unit's predictive slip after its planned \
            month, drawn on the Monte Carlo's own paths (its delay, the risks that hit it, the copula): the \
            percentile of an observed slip, whether it falls in the central 50% and 80% intervals, the CRPS; for \
            a pending or fallen-through phase, the model's probability of what is known. Pair rows whose planned \
            month agrees with the scenario's.
            """
    )

    @Argument(help: "Scenario file (YAML or JSON).")
    var scenario: String

    @Argument(help: "Slips file (CSV).")
    var slips: String

    @Option(help: "Map from slips rows to scenario units (CSV: campus, phase, unit).")
    var map: String

    @Option(help: "Judge outcomes at this month (YYYY-MM; default: the current month).")
    var asOf: Month?

    @Option(help: "Paths of predictive draws.")
    var paths = 20_000

    @Option(help: "Random seed (the same draws as simulate with this seed).")
    var seed: UInt64 = 1

    @Option(help: "Output format: table or json.")
    var format: CalibrateCommand.Format = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        guard paths >= 1, paths <= 10_000_000 else { throw ValidationError("--paths must be between 1 and 1e7") }
    }

    func run() async throws {
        let month = asOf ?? CalibrateCommand.currentMonth()
        let table: SlipTable
        let slipMap: SlipMap
        do {
            table = try SlipTable.parse(try readText(slips), file: slips, asOf: month)
            slipMap = try SlipMap.parse(try readText(map), file: map)
        } catch let error as SlipTableError {
            printError(error.description)
            throw invalidInputExitCode
        }
        let samples: [String: [Double]]
        do {
            samples = try Analyzer.slipSamples(.file(scenario), paths: paths, seed: seed)
        } catch {
            printError(error.description)
            throw invalidInputExitCode
        }
        let report = BacktestReport(
            Backtest(table.observations, map: slipMap, samples: samples), asOf: month, paths: paths)
        try emit(format == .json ? report.json().rendered() + "\n" : report.text(), to: out)
    }

    /// The text of `path`, or exit status 2 naming it.
    private func readText(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            printError("\(path): cannot read the file")
            throw invalidInputExitCode
        }
        return text
    }
}
