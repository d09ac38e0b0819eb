import HeadroomEngine
import HeadroomModel

/// Deal structures side by side (DESIGN §6): the same paths (common random numbers) run under each structure, so the
/// columns differ only by who was asked for new capacity.
public struct StructuresReport: Sendable {
    /// Each structure's run, in column order.
    public var runs: [(structure: Policy.Structure, result: MonteCarloResult)]
    /// The holder of the rights (the incumbent), if any.
    public var holder: ProviderID?
    /// Spend by provider is summed through this month (inclusive).
    public var through: Month
    /// Paired differences of each other structure against the first (same paths, common random numbers).
    public var paired: [(structure: Policy.Structure, comparison: ComparisonResult)]

    /// Creates the report; `through` defaults to the last month simulated.
    public init(
        runs: [(structure: Policy.Structure, result: MonteCarloResult)], holder: ProviderID?, through: Month? = nil,
        paired: [(structure: Policy.Structure, comparison: ComparisonResult)] = []
    ) {
        self.runs = runs
        self.paired = paired
        self.holder = holder
        self.through = through ?? runs.first?.result.months.last ?? Month(ordinal: 0)
    }

    private func monthsThrough(_ result: MonteCarloResult) -> [Int] {
        result.months.indices.filter { result.months[$0] <= through }
    }

    /// Holder's share of delivered MW-months and of revenue for capacity over the horizon.
    private func holderShares(_ result: MonteCarloResult) -> (capacity: Double, spend: Double)? {
        guard let holder, let h = result.providers.first(where: { $0.id == holder }) else { return nil }
        let delivered = result.providers.map { $0.meanDeliveredMW.reduce(0, +) }.reduce(0, +)
        let spend = result.providers.map { p in zip(p.meanRevenueUSD, p.meanRevenueShareUSD).map { $0 - $1 }.reduce(0, +) }
            .reduce(0, +)
        let holderSpend = zip(h.meanRevenueUSD, h.meanRevenueShareUSD).map { $0 - $1 }.reduce(0, +)
        return (
            delivered > 0 ? h.meanDeliveredMW.reduce(0, +) / delivered : 0, spend != 0 ? holderSpend / spend : 0
        )
    }

    /// The comparison: one row per figure, one column per structure.
    public func table() -> TextTable {
        var rows: [[String]] = []
        func add(_ name: String, _ value: (MonteCarloResult) -> String) {
            rows.append([name] + runs.map { value($0.result) })
        }
        add("expected unserved MW-months") {
            Format.grouped($0.headline.expectedUnservedMWMonths.value) + " ± "
                + Format.grouped($0.headline.expectedUnservedMWMonths.standardError)
        }
        add("unserved MW-months P90") { Format.grouped($0.unservedMWMonthsQuantiles.p90) }
        add("expected months with a shortfall") { Format.grouped($0.shortfallProbability.reduce(0, +), decimals: 1) }
        add("P(any shortfall)") { Format.percent($0.headline.probabilityOfAnyShortfall.value) }
        add("expected total spend") { Format.usd($0.headline.expectedTotalSpendUSD.value) }
        for (k, cap) in (runs.first?.result.caps ?? []).enumerated() {
            add("spend in \(cap.id) P50") { Format.usd($0.caps[k].spendQuantiles.p50) }
            add("spend in \(cap.id) P90") { Format.usd($0.caps[k].spendQuantiles.p90) }
            add("P(spend > \(cap.id) \(Format.usd(cap.usd)))") { Format.percent($0.caps[k].probabilityExceeded.value) }
        }
        if let holder {
            add("\(holder) share of delivered MW-months") { holderShares($0).map { Format.percent($0.capacity) } ?? "-" }
            add("\(holder) share of capacity spend") { holderShares($0).map { Format.percent($0.spend) } ?? "-" }
        }
        add("largest single request, MW (mean)") { Format.megawatts($0.procurement?.largestRequestMW.value ?? 0) }
        add("P(a request not fully placed)") { Format.percent($0.procurement?.probabilityUnplaced ?? 0) }
        let ids = runs.first?.result.providers.map(\.id) ?? []
        for (p, id) in ids.enumerated() {
            let values = runs.map { run -> Double in
                let provider = run.result.providers[p]
                return monthsThrough(run.result).reduce(0) { $0 + provider.meanRevenueUSD[$1] - provider.meanRevenueShareUSD[$1] }
            }
            guard values.contains(where: { $0 != 0 }) else { continue }
            rows.append(["\(id) capacity spend through \(through)"] + values.map(Format.usd))
        }
        let shares = runs.map { run in
            monthsThrough(run.result).reduce(0.0) { total, t in total + run.result.providers.reduce(0) { $0 + $1.meanRevenueShareUSD[t] } }
        }
        if shares.contains(where: { $0 != 0 }) {
            rows.append(["revenue share paid through \(through)"] + shares.map(Format.usd))
        }
        let paths = runs.first.map { Format.grouped(Double($0.result.paths)) } ?? "0"
        let seed = runs.first.map { String($0.result.seed) } ?? "-"
        return TextTable(
            title: "Deal structures on common random numbers (\(paths) paths, seed \(seed)); spend is expected unless a "
                + "quantile is named; capacity spend excludes revenue share",
            headers: ["figure"] + runs.map(\.structure.rawValue), rows: rows)
    }

    /// Paired differences against the first structure: mean ± paired standard error, and the standard error two
    /// independent runs would have given.
    public func pairedTable() -> TextTable? {
        guard let base = runs.first?.structure, !paired.isEmpty else { return nil }
        var rows: [[String]] = []
        for (structure, comparison) in paired {
            for figure in comparison.figures where figure.name == "unserved MW-months" || figure.name == "total spend USD"
                || figure.name.hasPrefix("P(spend >")
            {
                func format(_ value: Double) -> String {
                    if figure.name.hasPrefix("P(") { return Format.percent(value, decimals: 2) }
                    return figure.name.hasSuffix("USD") ? Format.usd(value) : Format.grouped(value)
                }
                rows.append([
                    "\(structure.rawValue) − \(base.rawValue)", figure.name, format(figure.difference.value),
                    "± " + format(figure.difference.standardError), "± " + format(figure.independentStandardError),
                    Format.percent(figure.probabilityBGreater),
                ])
            }
        }
        let paths = paired.first.map { Format.grouped(Double($0.comparison.paths)) } ?? "0"
        return TextTable(
            title: "Paired differences on common random numbers (\(paths) paths): the cost of each structure against \(base.rawValue)",
            headers: ["difference", "figure", "mean", "paired SE", "independent SE", "P(larger)"], rows: rows)
    }

    /// The comparison, the paired differences, and each structure's provider exposure by year and in total.
    public func text() -> String {
        var parts = [table().rendered()]
        if let pairedTable = pairedTable() { parts.append(pairedTable.rendered()) }
        for run in runs {
            let exposure = ExposureReport(result: run.result)
            for table in [exposure.table(), exposure.yearlyTable()] {
                parts.append(
                    TextTable(title: "Under \(run.structure.rawValue): " + (table.title ?? ""), headers: table.headers, rows: table.rows)
                        .rendered())
            }
        }
        return parts.joined(separator: "\n")
    }

    /// The comparison table's figures and every run's full statistics.
    public func json() -> JSONValue {
        let comparison = table()
        return .object([
            ("holder", holder.map { .string($0.rawValue) } ?? .null),
            ("through", .string(through.description)),
            ("comparison", .array(comparison.rows.map { row in
                .object([("figure", .string(row[0]))] + zip(comparison.headers.dropFirst(), row.dropFirst()).map { ($0, .string($1)) })
            })),
            ("paired", .array(paired.map { pair in
                .object([("structure", .string(pair.structure.rawValue)), ("against", .string(runs.first?.structure.rawValue ?? ""))]
                    + [("comparison", ComparisonReport(result: pair.comparison, nameA: runs.first?.structure.rawValue ?? "", nameB: pair.structure.rawValue).json())])
            })),
            ("structures", .object(runs.map { ($0.structure.rawValue, SimulationReport(result: $0.result).json()) })),
        ])
    }

    /// The comparison table as CSV.
    public func csv() -> String { table().csv() }
}
