import ArgumentParser
import Foundation
import HeadroomCSV
import HeadroomCalibration
import HeadroomModel
import HeadroomReport

/// `headroom calibrate SLIPS.csv`: fits delay distributions to observed slips by maximum likelihood.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit delay distributions to observed slips (maximum likelihood, right-censored), pick one by AIC.",
        discussion: """
            SLIPS.csv has the columns of ../shared/data/slips.csv (campus, phase, planned, online). At --as-of, a \
            phase online by then slipped online − planned months; one expected later has slipped at least as-of − \
            planned months (censored); one without an online month fell through and counts towards a cancellation \
            probability. Prints each family's fit with standard errors, the AIC's choice in scenario syntax, and the \
            cancellation probability with a Wilson 95% interval.
            """
    )

    @Argument(help: "Slips file (CSV).")
    var file: String

    @Option(help: "Judge outcomes at this month (YYYY-MM; default: the current month).")
    var asOf: Month?

    /// `calibrate`'s output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(
        help:
            "Also fit a lognormal pooled across the groups of this column (partial pooling: sparse groups borrow strength)."
    )
    var groupBy: String?

    @Option(
        help: ArgumentHelp(
            "A slips map (CSV: campus, phase, unit, …) whose further columns annotate the slips for --group-by.",
            valueName: "map.csv"))
    var map: String?

    @Option(help: "Also write an SVG of the PIT diagnostics (QQ plot of every fit, histogram of the chosen one).")
    var plot: String?

    func run() throws {
        let inputs = try SlipInputs(slips: file, map: map, asOf: asOf ?? Self.currentMonth(), groupBy: groupBy)
        let report: CalibrationReport
        do throws(CalibrationError) {
            report = try CalibrationReport(inputs.table, groupColumn: groupBy)
        } catch {
            printError("\(file): \(error.message)")
            throw invalidInputExitCode
        }
        try emit(format == .json ? report.json().rendered() + "\n" : report.text(), to: out)
        if let plot { try emit(report.svg(), to: plot) }
    }

    /// This month, in UTC.
    static func currentMonth() -> Month {
        let now = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "UTC") ?? .current, from: Date())
        return Month(year: now.year ?? 2026, month: now.month ?? 1) ?? Month(ordinal: 0)
    }
}
