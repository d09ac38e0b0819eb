import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

/// Deal structures side by side (DESIGN §6): the same paths (common random numbers) run under each structure, so the
/// columns differ only by who was asked for new capacity.
public struct StructuresReport: Sendable {
    /// Each structure's run, in column order.
    public var runs: [StructureRun]
    /// The holder of the rights (the incumbent), if any.
    public var holder: ProviderID?
    /// Spend by provider is summed through this month (inclusive).
    public var through: Month
    /// Paired differences of each other structure against the first (same paths, common random numbers).
    public var paired: [StructureComparison]

    /// Creates the report of `outcome`; `through` defaults to the last month simulated.
    public init(outcome: StructuresOutcome, holder: ProviderID?, through: Month? = nil) {
        self.runs = outcome.runs
        self.paired = outcome.paired
        self.holder = holder
        self.through = through ?? outcome.runs.first?.result.months.last ?? Month(ordinal: 0)
    }

    /// The report of a structures run, or `nil` for another kind of analysis.
    public init?(run: AnalysisRun, through: Month? = nil) {
        guard case .structures(let outcome) = run.outcome else { return nil }
        self.init(outcome: outcome, holder: run.facts.holder, through: through ?? run.facts.defaultSpendThrough)
    }

    private func monthsThrough(_ result: MonteCarloResult) -> [Int] {
        result.months.indices.filter { result.months[$0] <= through }
    }

    /// Holder's share of delivered MW-months and of payments for capacity over the horizon.
    private func holderShares(_ result: MonteCarloResult) -> (capacity: Double, spend: Double)? {
        guard let holder, let h = result.providers.first(where: { $0.id == holder }) else { return nil }
        let delivered = result.providers.map { $0.meanDeliveredMW.reduce(0, +) }.reduce(0, +)
        let spend = result.providers.map(\.expectedCapacityPaymentUSD).reduce(0, +)
        return (
            delivered > 0 ? h.meanDeliveredMW.reduce(0, +) / delivered : 0,
            spend != 0 ? h.expectedCapacityPaymentUSD / spend : 0
        )
    }

    /// One compared figure: a stable key (CSV and JSON), a label (tables), the value under each structure, and its
    /// standard error under each structure where it is a Monte Carlo mean.
    struct Figure {
        let key: String
        let label: String
        let values: [Double]
        let standardErrors: [Double]?
        let format: @Sendable (Double) -> String
    }

    /// Every compared figure, in table order.
    func figures() -> [Figure] {
        var out: [Figure] = []
        func add(
            _ key: String, _ label: String, _ format: @escaping @Sendable (Double) -> String,
            error: ((MonteCarloResult) -> Double)? = nil, _ value: (MonteCarloResult) -> Double
        ) {
            out.append(
                Figure(
                    key: key, label: label, values: runs.map { value($0.result) },
                    standardErrors: error.map { e in runs.map { e($0.result) } }, format: format))
        }
        let mw: @Sendable (Double) -> String = { Format.grouped($0) }
        let percent: @Sendable (Double) -> String = { Format.percent($0) }
        let usd: @Sendable (Double) -> String = { Format.usd($0) }
        add(
            "expected_unserved_mw_months", "expected unserved MW-months", mw,
            error: { $0.headlineFigures.expectedUnservedMWMonths.standardError },
            { $0.headlineFigures.expectedUnservedMWMonths.value })
        add("unserved_mw_months_p90", "unserved MW-months P90", mw) { $0.unservedQuantiles.p90 }
        let months: @Sendable (Double) -> String = { Format.grouped($0, decimals: 1) }
        add("expected_months_with_shortfall", "expected months with a shortfall", months) {
            $0.probabilities.reduce(0, +)
        }
        add("probability_of_any_shortfall", "P(any shortfall)", percent) {
            $0.headlineFigures.probabilityOfAnyShortfall.value
        }
        add("expected_total_spend_usd", "expected total spend", usd) { $0.spendEstimate.value }
        for (k, cap) in (runs.first?.result.caps ?? []).enumerated() {
            add("cap:\(cap.id):spend_p50_usd", "spend in \(cap.id) P50", usd) { $0.caps[k].spendQuantiles.p50 }
            add("cap:\(cap.id):spend_p90_usd", "spend in \(cap.id) P90", usd) { $0.caps[k].spendQuantiles.p90 }
            add("cap:\(cap.id):probability_exceeded", "P(spend > \(cap.id) \(Format.usd(cap.usd)))", percent) {
                $0.caps[k].probabilityExceeded.value
            }
        }
        if let holder {
            add("holder_share_of_delivered_mw_months", "\(holder) share of delivered MW-months", percent) {
                holderShares($0)?.capacity ?? .nan
            }
            add("holder_share_of_capacity_spend", "\(holder) share of capacity spend", percent) {
                holderShares($0)?.spend ?? .nan
            }
        }
        add("mean_largest_request_mw", "largest single request, MW (mean)", mw) {
            $0.procurement?.largestRequestMW.value ?? 0
        }
        add("probability_request_unplaced", "P(a request not fully placed)", percent) {
            $0.procurement?.probabilityUnplaced ?? 0
        }
        for (p, id) in (runs.first?.result.providers.map(\.id) ?? []).enumerated() {
            let before = out.count
            add("provider:\(id):capacity_spend_through_usd", "\(id) capacity spend through \(through)", usd) { result in
                let payments = result.providers[p].meanCapacityPaymentUSD
                return monthsThrough(result).reduce(0) { $0 + payments[$1] }
            }
            if out.count > before, out[out.count - 1].values.allSatisfy({ $0 == 0 }) { out.removeLast() }
        }
        add("revenue_share_through_usd", "revenue share paid through \(through)", usd) { result in
            monthsThrough(result).reduce(0.0) { total, t in
                total + result.providers.reduce(0) { $0 + $1.meanRevenueShareUSD[t] }
            }
        }
        if let last = out.last, last.values.allSatisfy({ $0 == 0 }) { out.removeLast() }
        return out
    }

    /// The comparison: one row per figure, one column per structure.
    public func table() -> TextTable {
        let rows = figures().map { figure in
            [figure.label]
                + figure.values.indices.map { i in
                    let value = figure.values[i].isNaN ? "-" : figure.format(figure.values[i])
                    return figure.standardErrors.map { value + " ± " + figure.format($0[i]) } ?? value
                }
        }
        let paths = runs.first.map { Format.grouped(Double($0.result.paths)) } ?? "0"
        let seed = runs.first.map { String($0.result.seed) } ?? "-"
        return TextTable(
            title:
                "Deal structures on common random numbers (\(paths) paths, seed \(seed)); spend is expected unless a "
                + "quantile is named; capacity spend excludes revenue share",
            headers: ["figure"] + runs.map(\.structure.rawValue), rows: rows)
    }

    /// Paired differences against the first structure: mean ± paired standard error, and the standard error two
    /// independent runs would have given.
    public func pairedTable() -> TextTable? {
        guard let base = runs.first?.structure, !paired.isEmpty else { return nil }
        var rows: [[String]] = []
        for pair in paired {
            for figure in pair.comparison.figures where Self.isPairedRow(figure.kind) {
                func format(_ value: Double) -> String {
                    if figure.kind.isProbability { return Format.percent(value, decimals: 2) }
                    return figure.kind == .totalSpendUSD ? Format.usd(value) : Format.grouped(value)
                }
                rows.append([
                    "\(pair.structure.rawValue) − \(base.rawValue)", figure.name, format(figure.difference.value),
                    "± " + format(figure.difference.standardError), "± " + format(figure.independentStandardError),
                    Format.percent(figure.probabilityBGreater),
                ])
            }
        }
        let paths = paired.first.map { Format.grouped(Double($0.comparison.paths)) } ?? "0"
        return TextTable(
            title:
                "Paired differences on common random numbers (\(paths) paths): the cost of each structure against \(base.rawValue)",
            headers: ["difference", "figure", "mean", "paired SE", "independent SE", "P(larger)"], rows: rows)
    }

    /// Whether the paired table shows a figure: unserved MW-months, total spend and the caps.
    private static func isPairedRow(_ kind: PairedFigure.Kind) -> Bool {
        switch kind {
        case .unservedMWMonths, .totalSpendUSD, .capExceeded: true
        case .anyShortfall, .peakShortfallMW: false
        }
    }

    /// The comparison, the paired differences, and each structure's provider exposure by year and in total.
    public func text() -> String {
        var parts = [table().rendered()]
        if let pairedTable = pairedTable() { parts.append(pairedTable.rendered()) }
        for run in runs {
            let exposure = ExposureReport(result: run.result)
            for table in [exposure.table(), exposure.yearlyTable()] {
                parts.append(
                    TextTable(
                        title: "Under \(run.structure.rawValue): " + (table.title ?? ""), headers: table.headers,
                        rows: table.rows
                    )
                    .rendered())
            }
        }
        return parts.joined(separator: "\n")
    }

    /// The compared figures (numbers under stable keys, standard errors where they apply), the paired
    /// differences, and every run's full statistics.
    public func json() -> JSONValue {
        .object([
            ("holder", holder.map { .string($0.rawValue) } ?? .null),
            ("through", .string(through.description)),
            (
                "comparison",
                .array(
                    figures().map { figure in
                        var members: [(String, JSONValue)] = [
                            ("figure", .string(figure.key)), ("label", .string(figure.label)),
                            ("values", .object(zip(runs, figure.values).map { ($0.structure.rawValue, .number($1)) })),
                        ]
                        if let errors = figure.standardErrors {
                            members.append(
                                (
                                    "standard_errors",
                                    .object(zip(runs, errors).map { ($0.structure.rawValue, .number($1)) })
                                ))
                        }
                        return .object(members)
                    })
            ),
            (
                "paired",
                .array(
                    paired.map { pair in
                        .object([
                            ("structure", .string(pair.structure.rawValue)),
                            ("against", .string(runs.first?.structure.rawValue ?? "")),
                            (
                                "comparison",
                                ComparisonReport(
                                    result: pair.comparison, nameA: runs.first?.structure.rawValue ?? "",
                                    nameB: pair.structure.rawValue
                                ).json()
                            ),
                        ])
                    })
            ),
            ("structures", .object(runs.map { ($0.structure.rawValue, SimulationReport(result: $0.result).json()) })),
        ])
    }

    /// The compared figures as CSV, `figure,<structure>…`: one row per figure key with plain numbers, and a
    /// `<key>:standard_error` row after each Monte Carlo mean.
    public func csv() -> String {
        var rows: [[String]] = []
        for figure in figures() {
            rows.append([figure.key] + figure.values.map { "\($0)" })
            if let errors = figure.standardErrors {
                rows.append([figure.key + ":standard_error"] + errors.map { "\($0)" })
            }
        }
        return TextTable(headers: ["figure"] + runs.map(\.structure.rawValue), rows: rows).csv()
    }
}
