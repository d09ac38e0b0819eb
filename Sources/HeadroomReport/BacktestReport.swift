import HeadroomAnalysis
import HeadroomCalibration
import HeadroomModel

/// What `headroom backtest` prints: each observed phase's score against the model, in sample and leave-one-out,
/// and the summaries.
public struct BacktestReport: Sendable {
    /// The back-test.
    public var outcome: BacktestOutcome

    /// A report of `outcome`.
    public init(_ outcome: BacktestOutcome) {
        self.outcome = outcome
    }

    /// The in-sample back-test.
    public var backtest: Backtest { outcome.inSample }

    static func outcome(_ outcome: SlipObservation.Outcome) -> String {
        switch outcome {
        case .slipped(let months): return "slipped \(Format.grouped(months))"
        case .pending(let months): return "≥ \(Format.grouped(months)) (pending)"
        case .cancelled: return "fell through"
        }
    }

    /// How the delays were refitted, in words.
    static func method(_ method: CalibrationMethod) -> String {
        switch method {
        case .family(let family): "\(family.rawValue) fitted to the other slips"
        case .pooled(let column): "lognormal pooled across \(column), fitted to the other slips"
        }
    }

    static func percent(_ p: Double) -> String { Format.grouped(100 * p, decimals: 1) + "%" }

    /// The summary sentence of a back-test.
    static func summary(_ s: BacktestSummary) -> String {
        "\(s.count) slips scored: \(Format.grouped(100 * s.coverage50))% inside their central 50% interval "
            + "(calibrated: 50%), \(Format.grouped(100 * s.coverage80))% inside their central 80% (calibrated: 80%); "
            + "mean CRPS \(Format.grouped(s.meanCRPS, decimals: 2)) months."
    }

    /// The rows of a back-test's table, with the delay each was scored against when given.
    static func table(_ backtest: Backtest, title: String, delays: [String: Distribution]? = nil) -> TextTable {
        let rows = backtest.rows.map { row -> [String] in
            [row.name]
                + (delays.map { [$0[row.name].map(\.inlineText) ?? "-"] } ?? [row.unit])
                + [
                    Self.outcome(row.outcome), row.score.map { percent($0.percentile) } ?? "-",
                    row.score.map { $0.inCentral50 ? "yes" : "no" } ?? "-",
                    row.score.map { $0.inCentral80 ? "yes" : "no" } ?? "-",
                    row.score.map { Format.grouped($0.crps, decimals: 2) } ?? "-",
                    row.probabilityOfOutcome.map(percent) ?? "-",
                ]
        }
        return TextTable(
            title: title,
            headers: [
                "slips row", delays == nil ? "unit" : "delay without it", "outcome", "percentile", "in P25–P75",
                "in P10–P90", "CRPS", "P(outcome)",
            ],
            rows: rows)
    }

    /// The text report.
    public func text() -> String {
        let s = backtest.summary
        var lines = [
            Self.table(
                backtest,
                title:
                    "Back-test at \(outcome.asOf): observed slips against the model's predictive slips (\(outcome.paths) paths)"
            ).rendered(),
            Self.summary(s),
            "PIT histogram (tenths): \(s.pitHistogram.map(String.init).joined(separator: " "))",
        ]
        if let loo = outcome.leaveOneOut {
            lines.append("")
            lines.append(
                Self.table(
                    loo.backtest,
                    title: "Leave-one-out: each slip against its unit's delay, \(Self.method(loo.method))",
                    delays: loo.delays
                ).rendered())
            lines.append(Self.summary(loo.backtest.summary))
            lines.append(
                "PIT histogram (tenths): \(loo.backtest.summary.pitHistogram.map(String.init).joined(separator: " "))")
            lines.append(
                "\(loo.calibratedRows.count) of \(loo.scoredRows) scored units have this file's full-data fit as their "
                    + "delay (calibrated on it: their in-sample scores are optimistic)."
            )
        }
        for m in backtest.mismatched {
            lines.append(
                "Not scored, planned months differ: \(m.name) is planned \(m.slipsPlanned) in the slips and "
                    + "\(m.unit) \(m.scenarioPlanned) in the scenario.")
        }
        if !backtest.unmatched.isEmpty {
            lines.append(
                "Not scored (no unit in the map or the scenario): \(backtest.unmatched.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A back-test's rows and summary as JSON.
    static func json(_ backtest: Backtest, delays: [String: Distribution]? = nil) -> [(String, JSONValue)] {
        [
            (
                "rows",
                .array(
                    backtest.rows.map { row in
                        var fields: [(String, JSONValue)] = [
                            ("name", .string(row.name)), ("unit", .string(row.unit)),
                            ("outcome", .string(Self.outcome(row.outcome))),
                            ("percentile", row.score.map { .number($0.percentile) } ?? .null),
                            ("in_central_50", row.score.map { .bool($0.inCentral50) } ?? .null),
                            ("in_central_80", row.score.map { .bool($0.inCentral80) } ?? .null),
                            ("crps", row.score.map { .number($0.crps) } ?? .null),
                            (
                                "quantiles_10_25_50_75_90",
                                row.score.map { .array($0.centralQuantiles.map(JSONValue.number)) } ?? .null
                            ),
                            ("probability_of_outcome", row.probabilityOfOutcome.map(JSONValue.number) ?? .null),
                        ]
                        if let delays {
                            fields.append(("delay", delays[row.name].map { .string($0.inlineText) } ?? .null))
                        }
                        return .object(fields)
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
        ]
    }

    /// The JSON export.
    public func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("as_of", .string(outcome.asOf.description)), ("paths", .number(Double(outcome.paths))),
            ("seed", .number(Double(outcome.seed))),
        ]
        fields += Self.json(backtest)
        fields.append(("unmatched", .array(backtest.unmatched.map(JSONValue.string))))
        fields.append(
            (
                "planned_mismatches",
                .array(
                    backtest.mismatched.map {
                        .object([
                            ("name", .string($0.name)), ("unit", .string($0.unit)),
                            ("slips_planned", .string($0.slipsPlanned.description)),
                            ("scenario_planned", .string($0.scenarioPlanned.description)),
                        ])
                    })
            ))
        if let loo = outcome.leaveOneOut {
            fields.append(
                (
                    "leave_one_out",
                    .object(
                        [
                            ("method", .string(Self.method(loo.method))),
                            ("calibrated_rows", .array(loo.calibratedRows.map(JSONValue.string))),
                        ] + Self.json(loo.backtest, delays: loo.delays))
                ))
        }
        return .object(fields)
    }

    /// One CSV line per scored slip: the in-sample score, and the leave-one-out score when it was run.
    public func csv() -> String {
        var header = [
            "slips_row", "unit", "outcome", "observed_months", "percentile", "in_central_50", "in_central_80", "crps",
            "p10", "p25", "p50", "p75", "p90", "probability_of_outcome",
        ]
        let loo = outcome.leaveOneOut
        if loo != nil {
            header += [
                "loo_delay", "loo_percentile", "loo_in_central_50", "loo_in_central_80", "loo_crps",
                "loo_probability_of_outcome",
            ]
        }
        let looRows = Dictionary(loo?.backtest.rows.map { ($0.name, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        func flag(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "" }
        var lines: [[String]] = []
        for row in backtest.rows {
            let observed: Double? =
                switch row.outcome {
                case .slipped(let m), .pending(let m): m
                case .cancelled: nil
                }
            var cells = [
                row.name, row.unit, Self.outcome(row.outcome),
                number(observed), number(row.score?.percentile), flag(row.score?.inCentral50),
                flag(row.score?.inCentral80), number(row.score?.crps),
            ]
            cells += (0..<5).map { k in number(row.score?.centralQuantiles[k]) }
            cells.append(number(row.probabilityOfOutcome))
            if let loo {
                let left = looRows[row.name]
                cells += [
                    loo.delays[row.name]?.inlineText ?? "", number(left?.score?.percentile),
                    flag(left?.score?.inCentral50), flag(left?.score?.inCentral80), number(left?.score?.crps),
                    number(left?.probabilityOfOutcome),
                ]
            }
            lines.append(cells)
        }
        return TextTable(headers: header, rows: lines).csv()
    }
}
