import Foundation
import HeadroomAnalysis
import HeadroomModel
import HeadroomOptimize

/// Renders an optimization: what to sign and why, the bounds, the commitment curve, the out-of-sample table, the
/// plan without caps and the frontier, for a terminal, as CSV or as JSON.
public struct OptimizationReport: Sendable {
    /// The outcome.
    public var outcome: OptimizationOutcome

    /// Creates a report.
    public init(outcome: OptimizationOutcome) {
        self.outcome = outcome
    }

    /// The report of an optimization run, or `nil` for another analysis.
    public init?(run: AnalysisRun) {
        guard case .optimization(let outcome) = run.outcome else { return nil }
        self.init(outcome: outcome)
    }

    var plan: OptimizationResult { outcome.plan }

    /// What to sign.
    public func planTable() -> TextTable {
        let rows = plan.lines.map { line -> [String] in
            [
                line.offer.rawValue, line.provider.rawValue, line.start.description, "\(line.lots)",
                Format.megawatts(line.megawatts), line.plannedOnline.description, Format.usd(line.expectedSpendUSD),
            ]
        }
        let total = plan.lines.reduce(0.0) { $0 + $1.megawatts }
        let spend = plan.lines.reduce(0.0) { $0 + $1.expectedSpendUSD }
        return TextTable(
            title: "What to sign (decided \(plan.decisionMonth); \(Format.megawatts(total)) MW new, expected spend "
                + "\(Format.usd(spend)) over the horizon)",
            headers: ["offer", "provider", "start", "lots", "MW", "planned online", "expected spend"],
            rows: rows.isEmpty ? [["(nothing signed)", "", "", "", "", "", ""]] : rows)
    }

    /// The constraints: use, whether they bind, their marginal values.
    public func constraintTable() -> TextTable {
        let caps = plan.inSample.caps.map { use -> [String] in
            [
                use.name, Format.usd(use.limit), Format.usd(use.value), use.binding ? "binds" : "slack",
                use.marginalValue.map { Format.grouped($0, decimals: 3) + " USD per USD" } ?? "—",
            ]
        }
        let shares = plan.inSample.shares.map { use -> [String] in
            [
                use.name, Format.percent(use.limit), Format.percent(use.value), use.binding ? "binds" : "slack",
                use.marginalValue.map { Format.usd($0) + " per point" } ?? "—",
            ]
        }
        return TextTable(
            title: "Why: the constraints (marginal value = objective saved by loosening the limit 1%, re-solved)",
            headers: ["constraint", "limit", "plan", "", "marginal value"], rows: caps + shares)
    }

    /// Bounds, money and demand in sample.
    public func summaryTable() -> TextTable {
        let s = plan.inSample
        let rows: [[String]] = [
            ["objective (expected cost + penalty)", Format.usd(plan.objectiveUSD)],
            ["lower bound", Format.usd(plan.lowerBoundUSD)],
            ["gap", Format.percent(plan.gap, decimals: 3)],
            [
                "status",
                "\(plan.status) (\(plan.method), \(plan.solver), \(plan.iterations.count) iterations, "
                    + String(format: "%.1f s", plan.seconds) + ")",
            ],
            ["signed contracts' expected spend", Format.usd(s.signedSpendUSD)],
            ["new contracts' expected spend", Format.usd(s.newSpendUSD)],
            ["expected penalty", Format.usd(s.penaltyUSD)],
            [
                "unserved MW-months: plan / signed alone",
                Format.grouped(s.unservedMWMonths) + " / " + Format.grouped(s.signedUnservedMWMonths),
            ],
            [
                "penalty per unserved MW-month",
                s.penalties.map { "\($0.name) \(Format.usd($0.value))" }.joined(separator: ", "),
            ],
        ]
        return TextTable(
            title: "In sample: \(plan.paths) paths, seed \(plan.seed)", headers: ["figure", "value"], rows: rows)
    }

    /// New MW planned online at each year's end.
    public func commitmentTable() -> TextTable {
        var rows: [[String]] = []
        for (t, month) in plan.months.enumerated()
        where month.description.hasSuffix("-12") || t == plan.months.count - 1 {
            rows.append([month.description, Format.megawatts(plan.commitmentMW[t])])
        }
        return TextTable(
            title: "Commitment curve: new MW planned online (no delays)", headers: ["month", "MW"], rows: rows)
    }

    /// The out-of-sample table.
    public func evaluationTable() -> TextTable? {
        guard let evaluation = outcome.evaluation else { return nil }
        let capNames = evaluation.rows.first?.capBreach.map(\.name) ?? []
        func ci(_ i: PlanEvaluation.Interval, _ f: (Double) -> String) -> String { f(i.value) + " ± " + f(i.halfWidth) }
        let rows = evaluation.rows.map { row -> [String] in
            [
                row.name, Format.megawatts(row.newMW), ci(row.expectedCostUSD, Format.usd),
                ci(row.engineSpendUSD, Format.usd),
                ci(row.expectedUnservedMWMonths, { Format.grouped($0) }), Format.percent(row.servedShare),
                Format.percent(row.probabilityOfShortfall),
            ] + row.capBreach.map { Format.percent($0.value) }
        }
        return TextTable(
            title: "Out of sample: \(Format.grouped(Double(evaluation.paths))) fresh paths (seed \(evaluation.seed)), "
                + "common random numbers, 95% intervals",
            headers: [
                "plan", "new MW", "E[cost]", "E[spend] (engine)", "E[unserved MW-months]", "served", "P(shortfall)",
            ]
                + capNames.map { "P(> \($0))" }, rows: rows)
    }

    /// VSS, EVPI, saving and the gap bound.
    public func valueTable() -> TextTable? {
        guard let evaluation = outcome.evaluation else { return nil }
        func ci(_ i: PlanEvaluation.Interval) -> String { Format.usd(i.value) + " ± " + Format.usd(i.halfWidth) }
        var rows: [[String]] = [
            ["saving against the signed contracts alone", ci(evaluation.savingAgainstSigned)],
            [
                "value of the stochastic solution (vs the plan made on medians)",
                ci(evaluation.valueOfStochasticSolution),
            ],
        ]
        if let evpi = evaluation.expectedValueOfPerfectInformation {
            rows.append([
                "expected value of perfect information (\(evaluation.perfectInformationPaths) paths)", ci(evpi),
            ])
        }
        if let bound = evaluation.gapBound {
            rows.append([
                "optimality gap, 95% upper bound (Mak–Morton–Wood, \(bound.replications) replications)",
                Format.usd(bound.upperBoundUSD) + " (" + Format.percent(bound.relativeUpperBound, decimals: 2) + ")",
            ])
        }
        return TextTable(title: "What the stochastic plan is worth", headers: ["figure", "value"], rows: rows)
    }

    /// Notes on the evaluation (how the plan made on medians was adjusted), one per line.
    public func notes() -> String {
        guard let note = outcome.evaluation?.medianPlanNote else { return "" }
        return "note: " + note + "\n"
    }

    /// The plan without caps, the demand goal and the frontier.
    public func alternativesTable() -> TextTable? {
        func row(_ name: String, _ result: OptimizationResult) -> [String] {
            let s = result.inSample
            return [
                name, Format.megawatts(result.lines.reduce(0) { $0 + $1.megawatts }),
                Format.usd(s.signedSpendUSD + s.newSpendUSD), Format.usd(s.newSpendUSD),
                Format.grouped(s.unservedMWMonths),
                Format.percent(s.demandMWMonths > 0 ? 1 - s.unservedMWMonths / s.demandMWMonths : 1),
            ]
        }
        var rows: [[String]] = [row("the plan", plan)]
        if let free = outcome.uncapped { rows.append(row("without the budget caps", free)) }
        if let goal = outcome.goal {
            rows.append(row("serve demand (no caps, penalty ×\(Int(OptimizeSettings.goalPenaltyMultiplier)))", goal))
        }
        for point in outcome.frontier {
            let label =
                point.penaltyMultiplier.map { "penalties ×\(Format.grouped($0, decimals: 2))" }
                ?? "penalty \(Format.usd(point.penaltyUSDPerMWMonth)) per MW-month"
            rows.append([
                label, Format.megawatts(point.newMW),
                Format.usd(point.spendUSD), "", Format.grouped(point.unservedMWMonths), "",
            ])
        }
        guard rows.count > 1 else { return nil }
        return TextTable(
            title: "Alternatives (in sample): what serving more demand costs",
            headers: ["plan", "new MW", "E[spend]", "E[new spend]", "E[unserved MW-months]", "served"], rows: rows)
    }

    /// Every table for a terminal.
    public func text() -> String {
        ([planTable(), summaryTable(), constraintTable(), commitmentTable()]
            + [evaluationTable(), valueTable(), alternativesTable()].compactMap { $0 })
            .map { $0.rendered() }.joined(separator: "\n") + notes()
    }

    /// The plan as CSV: one row per offer taken (`offer,contract,provider,start,lots,megawatts,planned_online,
    /// expected_spend_usd`).
    public func csv() -> String {
        TextTable(
            headers: [
                "offer", "contract", "provider", "start", "lots", "megawatts", "planned_online", "expected_spend_usd",
            ],
            rows: plan.lines.map {
                [
                    $0.offer.rawValue, $0.contract.rawValue, $0.provider.rawValue, $0.start.description, "\($0.lots)",
                    "\($0.megawatts)", $0.plannedOnline.description, "\($0.expectedSpendUSD)",
                ]
            }
        ).csv()
    }

    /// The whole outcome as JSON (snake_case keys, the Codable form of ``OptimizationOutcome``).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(outcome), as: UTF8.self) + "\n"
    }
}
