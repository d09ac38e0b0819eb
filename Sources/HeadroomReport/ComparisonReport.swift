import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

/// Renders a ``ComparisonResult``: the distribution of paired differences B − A.
public struct ComparisonReport: Sendable {
    /// The result.
    public var result: ComparisonResult
    /// Names of the two scenarios.
    public var nameA: String
    /// Name of scenario B.
    public var nameB: String

    /// Creates a report.
    public init(result: ComparisonResult, nameA: String, nameB: String) {
        self.result = result
        self.nameA = nameA
        self.nameB = nameB
    }

    /// The report of a comparison run (A = the run's scenario, B = the other), or `nil` for another analysis.
    public init?(run: AnalysisRun) {
        guard case .comparison(let result, let other) = run.outcome else { return nil }
        self.init(result: result, nameA: run.facts.scenario.name, nameB: other.scenario.name)
    }

    private func format(_ kind: PairedFigure.Kind, _ v: Double) -> String {
        if kind.isProbability { return Format.percent(v, decimals: 2) }
        if kind == .totalSpendUSD { return Format.usd(v) }
        return Format.grouped(v, decimals: 1)
    }

    /// The paired-difference table.
    public func table() -> TextTable {
        let levels = result.quantileLevels.map { "Δ " + SimulationReport.levelName($0) }
        let rows = result.figures.map { f -> [String] in
            [
                f.name, format(f.kind, f.a.value), format(f.kind, f.b.value), format(f.kind, f.difference.value),
                "± " + format(f.kind, f.difference.standardError), "± " + format(f.kind, f.independentStandardError),
            ]
                + f.differenceQuantiles.map { format(f.kind, $0) }
                + [Format.percent(f.probabilityBGreater), Format.percent(f.probabilityBSmaller)]
        }
        return TextTable(
            title:
                "B − A on common random numbers (\(Format.grouped(Double(result.paths))) paired paths, seed \(result.seed)); A = \(nameA), B = \(nameB)",
            headers: ["figure", "A", "B", "B − A", "SE paired", "SE if independent"] + levels + [
                "P(B > A)", "P(B < A)",
            ],
            rows: rows)
    }

    /// Mean monthly differences by year (shortfall and capacity at year end, spend summed).
    public func yearlyTable() -> TextTable {
        let groups = Period.year.groups(result.months)
        let rows = groups.map { g -> [String] in
            let t = g.indices[g.indices.count - 1]
            return [
                g.label, Format.grouped(result.meanShortfallDifference[t], decimals: 1),
                Format.grouped(result.meanCapacityDifference[t], decimals: 1),
                Format.usd(Aggregation.sum.apply(result.meanSpendDifference, g.indices)),
            ]
        }
        return TextTable(
            title: "Mean B − A by year (MW at year end; spend over the year)",
            headers: ["year", "Δ shortfall MW", "Δ capacity MW", "Δ spend"], rows: rows)
    }

    /// Both tables for a terminal.
    public func text() -> String {
        var parts = [table().rendered()]
        if !result.months.isEmpty {
            parts.append(yearlyTable().rendered())
        } else {
            parts.append("note: the scenarios' horizons differ, so monthly differences are not shown\n")
        }
        return parts.joined(separator: "\n")
    }

    /// The comparison as long-format CSV, `month,figure,statistic,value`: first every paired figure (month empty;
    /// statistics `a`, `a_standard_error`, `b`, `b_standard_error`, `difference`, `difference_standard_error`,
    /// `independent_standard_error`, one `difference_p<q>` per quantile level, `probability_b_greater`,
    /// `probability_b_smaller`), then per common month the mean differences `shortfall_mw`, `capacity_mw` and
    /// `spend_usd` (statistic `mean_difference`).
    public func csv() -> String {
        var rows: [[String]] = []
        for f in result.figures {
            var values: [(String, Double)] = [
                ("a", f.a.value), ("a_standard_error", f.a.standardError), ("b", f.b.value),
                ("b_standard_error", f.b.standardError), ("difference", f.difference.value),
                ("difference_standard_error", f.difference.standardError),
                ("independent_standard_error", f.independentStandardError),
            ]
            values += zip(result.quantileLevels, f.differenceQuantiles).map {
                ("difference_" + SimulationReport.levelName($0), $1)
            }
            values += [
                ("probability_b_greater", f.probabilityBGreater), ("probability_b_smaller", f.probabilityBSmaller),
            ]
            rows += values.map { ["", f.name, $0.0, "\($0.1)"] }
        }
        for (t, month) in result.months.enumerated() {
            rows.append([month.description, "shortfall_mw", "mean_difference", "\(result.meanShortfallDifference[t])"])
            rows.append([month.description, "capacity_mw", "mean_difference", "\(result.meanCapacityDifference[t])"])
            rows.append([month.description, "spend_usd", "mean_difference", "\(result.meanSpendDifference[t])"])
        }
        return TextTable(headers: ["month", "figure", "statistic", "value"], rows: rows).csv()
    }

    /// The comparison as JSON.
    public func json() -> JSONValue {
        func e(_ x: Estimate) -> JSONValue {
            .object([("value", .number(x.value)), ("standard_error", .number(x.standardError))])
        }
        return .object([
            ("a", .string(nameA)), ("b", .string(nameB)), ("paths", .integer(result.paths)),
            ("seed", .string(String(result.seed))), ("quantile_levels", .numbers(result.quantileLevels)),
            (
                "figures",
                .array(
                    result.figures.map { f in
                        .object([
                            ("name", .string(f.name)), ("a", e(f.a)), ("b", e(f.b)), ("difference", e(f.difference)),
                            ("independent_standard_error", .number(f.independentStandardError)),
                            ("difference_quantiles", .numbers(f.differenceQuantiles)),
                            ("probability_b_greater", .number(f.probabilityBGreater)),
                            ("probability_b_smaller", .number(f.probabilityBSmaller)),
                        ])
                    })
            ),
            ("months", .array(result.months.map { .string($0.description) })),
            ("mean_shortfall_difference_mw", .numbers(result.meanShortfallDifference)),
            ("mean_capacity_difference_mw", .numbers(result.meanCapacityDifference)),
            ("mean_spend_difference_usd", .numbers(result.meanSpendDifference)),
        ])
    }
}
