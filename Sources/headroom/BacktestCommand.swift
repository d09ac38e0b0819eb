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

    /// `backtest`'s output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, html
    }

    @Option(help: "Output format: table, json, csv (one line per slip) or html (a standalone page).")
    var format: Format = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(
        help: """
            Also score each slip out of sample: against its unit's delay refitted without it, the way the scenario \
            was calibrated on this file (--group-by for a pooled lognormal, else --family).
            """)
    var leaveOneOut = false

    @Option(
        help: ArgumentHelp(
            "With --leave-one-out: the delays are a lognormal pooled across this column (of the slips or the map).",
            valueName: "column"))
    var groupBy: String?

    @Option(help: "With --leave-one-out and no --group-by: the family refitted (default: the one the AIC picks).")
    var family: DelayFamily?

    func validate() throws {
        guard paths >= 1, paths <= 10_000_000 else { throw ValidationError("--paths must be between 1 and 1e7") }
        if !leaveOneOut && (groupBy != nil || family != nil) {
            throw ValidationError("--group-by and --family apply to --leave-one-out only")
        }
        if groupBy != nil && family != nil {
            throw ValidationError("--group-by (a pooled lognormal) and --family are alternatives; give one")
        }
    }

    func run() async throws {
        let month = asOf ?? CalibrateCommand.currentMonth()
        let inputs = try SlipInputs(slips: slips, map: map, asOf: month, groupBy: groupBy)
        let table = inputs.table
        let slipMap = inputs.map ?? SlipMap(units: [:])
        var method: CalibrationMethod?
        if leaveOneOut {
            if let groupBy {
                method = .pooled(column: groupBy)
            } else if let family {
                method = .family(family)
            } else {
                do throws(CalibrationError) {
                    method = try DelayCalibration.fitAll(table.observations).first.map { .family($0.family) }
                } catch {
                    printError("\(slips): \(error.message)")
                    throw invalidInputExitCode
                }
            }
        }
        let result = Result { () throws(AnalysisError) in
            try Analyzer.backtest(
                .file(scenario), slips: table, map: slipMap, paths: paths, seed: seed, leaveOneOut: method)
        }
        guard case .success(let outcome) = result else {
            if case .failure(let error) = result { printError(error.description) }
            throw invalidInputExitCode
        }
        let report = BacktestReport(outcome)
        let text: String
        switch format {
        case .table: text = report.text()
        case .json: text = report.json().rendered() + "\n"
        case .csv: text = report.csv()
        case .html:
            text = report.html(
                scenario: (scenario as NSString).lastPathComponent, version: Headroom.configuration.version)
        }
        try emit(text, to: out)
    }
}

extension DelayFamily: ExpressibleByArgument {}
