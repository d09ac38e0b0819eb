import HeadroomCalibration
import HeadroomModel

/// What `headroom backtest` prints: each observed phase's score against the model, and the summary.
public struct BacktestReport: Sendable {
    /// The scored back-test.
    public var backtest: Backtest
    /// The as-of month the outcomes were judged at.
    public var asOf: Month
    /// Paths the predictive slips were drawn on.
    public var paths: Int

    /// A report of `backtest`.
    public init(_ backtest: Backtest, asOf: Month, paths: Int) {
        self.backtest = backtest
        self.asOf = asOf
        self.paths = paths
    }

    static func outcome(_ outcome: SlipObservation.Outcome) -> String {
        switch outcome {
        case .slipped(let months): return "slipped \(Format.grouped(months))"
        case .pending(let months): return "≥ \(Format.grouped(months)) (pending)"
        case .cancelled: return "fell through"
        }
    }

    /// The text report.
    public func text() -> String {
        let rows = backtest.rows.map { row -> [String] in
            [
                row.name, row.unit, Self.outcome(row.outcome),
                row.score.map { Format.grouped(100 * $0.percentile, decimals: 1) + "%" } ?? "-",
                row.score.map { $0.inCentral50 ? "yes" : "no" } ?? "-",
                row.score.map { $0.inCentral80 ? "yes" : "no" } ?? "-",
                row.score.map { Format.grouped($0.crps, decimals: 2) } ?? "-",
                row.probabilityOfOutcome.map { Format.grouped(100 * $0, decimals: 1) + "%" } ?? "-",
            ]
        }
        let s = backtest.summary
        var lines = [
            TextTable(
                title: "Back-test at \(asOf): observed slips against the model's predictive slips (\(paths) paths)",
                headers: [
                    "slips row", "unit", "outcome", "percentile", "in P25–P75", "in P10–P90", "CRPS", "P(outcome)",
                ],
                rows: rows
            ).rendered(),
            "\(s.count) slips scored: \(Format.grouped(100 * s.coverage50))% inside their central 50% interval "
                + "(calibrated: 50%), \(Format.grouped(100 * s.coverage80))% inside their central 80% (calibrated: 80%); "
                + "mean CRPS \(Format.grouped(s.meanCRPS, decimals: 2)) months.",
            "PIT histogram (tenths): \(s.pitHistogram.map(String.init).joined(separator: " "))",
        ]
        if !backtest.unmatched.isEmpty {
            lines.append(
                "Not scored (no unit in the map or the scenario): \(backtest.unmatched.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON export.
    public func json() -> JSONValue {
        .object([
            ("as_of", .string(asOf.description)), ("paths", .number(Double(paths))),
            (
                "rows",
                .array(
                    backtest.rows.map { row in
                        .object([
                            ("name", .string(row.name)), ("unit", .string(row.unit)),
                            ("outcome", .string(Self.outcome(row.outcome))),
                            ("percentile", row.score.map { .number($0.percentile) } ?? .null),
                            ("in_central_50", row.score.map { .bool($0.inCentral50) } ?? .null),
                            ("in_central_80", row.score.map { .bool($0.inCentral80) } ?? .null),
                            ("crps", row.score.map { .number($0.crps) } ?? .null),
                            ("probability_of_outcome", row.probabilityOfOutcome.map(JSONValue.number) ?? .null),
                        ])
                    })
            ),
            (
                "summary",
                .object([
                    ("count", .number(Double(backtest.summary.count))),
                    ("coverage_50", .number(backtest.summary.coverage50)),
                    ("coverage_80", .number(backtest.summary.coverage80)),
                    ("mean_crps", .number(backtest.summary.meanCRPS)),
                    ("pit_histogram", .array(backtest.summary.pitHistogram.map { .number(Double($0)) })),
                ])
            ),
            ("unmatched", .array(backtest.unmatched.map(JSONValue.string))),
        ])
    }
}
