import HeadroomEngine
import HeadroomModel

/// Renders a deterministic ``Projection`` as tables, JSON or CSV, grouped by month, quarter or year.
public struct ProjectionReport: Sendable {
    /// The projection.
    public var projection: Projection
    /// The reporting period.
    public var period: Period
    /// Month indices kept (the `--from`/`--to` window).
    public var window: Range<Int>

    /// Creates a report of `projection` restricted to months in `from...to` (either may be `nil`).
    public init(projection: Projection, period: Period, from: Month? = nil, to: Month? = nil) {
        self.projection = projection
        self.period = period
        let months = projection.months
        let lower = from.flatMap { f in months.firstIndex { $0 >= f } } ?? (from == nil ? 0 : months.count)
        let upper = to.flatMap { t in months.lastIndex { $0 <= t } }.map { $0 + 1 } ?? (to == nil ? months.count : 0)
        self.window = lower..<max(lower, upper)
    }

    private var groups: [(label: String, indices: [Int])] {
        period.groups(Array(projection.months[window])).map { ($0.label, $0.indices.map { $0 + window.lowerBound }) }
    }

    /// The headline rows: demand, capacity, served, shortfall, idle, spend and cumulative spend per period.
    public func totalsTable() -> TextTable {
        let t = projection.totals
        let rows = groups.map { g -> [String] in
            [
                g.label, Format.megawatts(Aggregation.average.apply(t.demand, g.indices)),
                Format.megawatts(Aggregation.average.apply(t.capacity, g.indices)),
                Format.megawatts(Aggregation.average.apply(t.served, g.indices)),
                Format.megawatts(Aggregation.average.apply(t.shortfall, g.indices)),
                Format.megawatts(Aggregation.average.apply(t.idle, g.indices)),
                Format.usd(Aggregation.sum.apply(t.spend, g.indices)),
                Format.usd(Aggregation.last.apply(t.cumulativeSpend, g.indices)),
            ]
        }
        return TextTable(
            title:
                "Plan of record (\(projection.basis.rawValue) of every distribution); MW are IT MW, averaged over the period",
            headers: [
                "period", "demand MW", "capacity MW", "served MW", "shortfall MW", "idle MW", "spend", "cumulative",
            ],
            rows: rows)
    }

    /// A breakdown table: one row per period, one column per series.
    public func breakdownTable(_ title: String, _ series: [Projection.Series], _ aggregation: Aggregation, usd: Bool)
        -> TextTable
    {
        let rows = groups.map { g in
            [g.label]
                + series.map { s in
                    let v = aggregation.apply(s.values, g.indices)
                    return usd ? Format.usd(v) : Format.megawatts(v)
                }
        }
        return TextTable(title: title, headers: ["period"] + series.map(\.name), rows: rows)
    }

    /// Budget caps: cumulative counted spend at the end of the window against each limit.
    public func capsTable() -> TextTable {
        let rows = zip(projection.cumulativeSpendByCap, projection.capLimits).map { series, limit -> [String] in
            let final = series.values.last ?? 0
            let firstOver = series.values.firstIndex { $0 > limit }.map { projection.months[$0].description } ?? "never"
            return [
                series.name, Format.usd(limit), Format.usd(final), Format.percent(limit > 0 ? final / limit : 0),
                firstOver,
            ]
        }
        return TextTable(
            title: "Budget caps (spend counted in each cap's window, through the horizon)",
            headers: ["cap", "limit", "spend", "of limit", "exceeded in"], rows: rows)
    }

    /// Every table, as text for a terminal.
    public func text() -> String {
        var parts = [totalsTable().rendered()]
        parts.append(
            breakdownTable("Capacity by provider (MW)", projection.capacityByProvider, .average, usd: false).rendered())
        parts.append(
            breakdownTable("Capacity by campus (MW)", projection.capacityByCampus, .average, usd: false).rendered())
        parts.append(
            breakdownTable(
                "Capacity by eligible workloads (MW)", projection.capacityByEligibility, .average, usd: false
            ).rendered())
        parts.append(breakdownTable("Demand by workload (MW)", projection.demand, .average, usd: false).rendered())
        parts.append(
            breakdownTable("Shortfall by workload (MW)", projection.shortfall, .average, usd: false).rendered())
        parts.append(
            breakdownTable("Idle capacity by provider (MW)", projection.idleByProvider, .average, usd: false).rendered()
        )
        parts.append(breakdownTable("Spend by provider", projection.spendByProvider, .sum, usd: true).rendered())
        parts.append(breakdownTable("Spend by contract", projection.spendByContract, .sum, usd: true).rendered())
        if !projection.capLimits.isEmpty { parts.append(capsTable().rendered()) }
        return parts.joined(separator: "\n")
    }

    /// Every series, grouped by period, as a JSON document.
    public func json() -> JSONValue {
        let g = groups
        func series(_ list: [Projection.Series], _ aggregation: Aggregation) -> JSONValue {
            .object(list.map { s in (s.name, .numbers(g.map { aggregation.apply(s.values, $0.indices) })) })
        }
        let t = projection.totals
        func total(_ values: [Double], _ aggregation: Aggregation) -> JSONValue {
            .numbers(g.map { aggregation.apply(values, $0.indices) })
        }
        return .object([
            ("basis", .string(projection.basis.rawValue)),
            ("period", .string(period.rawValue)),
            ("power_basis", .string("it")),
            (
                "units",
                .object([("mw", .string("IT MW, mean over the period")), ("usd", .string("USD, sum over the period"))])
            ),
            ("periods", .array(g.map { .string($0.label) })),
            (
                "totals",
                .object([
                    ("demand_mw", total(t.demand, .average)), ("capacity_mw", total(t.capacity, .average)),
                    ("served_mw", total(t.served, .average)), ("shortfall_mw", total(t.shortfall, .average)),
                    ("idle_mw", total(t.idle, .average)), ("spend_usd", total(t.spend, .sum)),
                    ("cumulative_spend_usd", total(t.cumulativeSpend, .last)),
                ])
            ),
            ("demand_mw", series(projection.demand, .average)),
            ("served_mw", series(projection.served, .average)),
            ("shortfall_mw", series(projection.shortfall, .average)),
            ("capacity_by_provider_mw", series(projection.capacityByProvider, .average)),
            ("capacity_by_campus_mw", series(projection.capacityByCampus, .average)),
            ("capacity_by_eligibility_mw", series(projection.capacityByEligibility, .average)),
            ("idle_by_provider_mw", series(projection.idleByProvider, .average)),
            ("spend_by_provider_usd", series(projection.spendByProvider, .sum)),
            ("spend_by_contract_usd", series(projection.spendByContract, .sum)),
            (
                "budget",
                .array(
                    zip(projection.cumulativeSpendByCap, projection.capLimits).map { s, limit in
                        .object([
                            ("id", .string(s.name)), ("limit_usd", .number(limit)),
                            ("cumulative_spend_usd", .numbers(g.map { Aggregation.last.apply(s.values, $0.indices) })),
                        ])
                    })
            ),
        ])
    }

    /// Every series in long ("tidy") CSV: `period,series,name,value`.
    public func csv() -> String {
        let g = groups
        var rows: [[String]] = []
        func add(_ seriesName: String, _ list: [Projection.Series], _ aggregation: Aggregation) {
            for s in list {
                for group in g {
                    rows.append([group.label, seriesName, s.name, "\(aggregation.apply(s.values, group.indices))"])
                }
            }
        }
        let t = projection.totals
        add(
            "total_mw",
            [
                .init(name: "demand", values: t.demand), .init(name: "capacity", values: t.capacity),
                .init(name: "served", values: t.served), .init(name: "shortfall", values: t.shortfall),
                .init(name: "idle", values: t.idle),
            ], .average)
        add("total_usd", [.init(name: "spend", values: t.spend)], .sum)
        add("cumulative_usd", [.init(name: "spend", values: t.cumulativeSpend)], .last)
        add("demand_mw", projection.demand, .average)
        add("served_mw", projection.served, .average)
        add("shortfall_mw", projection.shortfall, .average)
        add("capacity_by_provider_mw", projection.capacityByProvider, .average)
        add("capacity_by_campus_mw", projection.capacityByCampus, .average)
        add("capacity_by_eligibility_mw", projection.capacityByEligibility, .average)
        add("idle_by_provider_mw", projection.idleByProvider, .average)
        add("spend_by_provider_usd", projection.spendByProvider, .sum)
        add("spend_by_contract_usd", projection.spendByContract, .sum)
        add("budget_cumulative_usd", projection.cumulativeSpendByCap, .last)
        return TextTable(headers: ["period", "series", "name", "value"], rows: rows).csv()
    }
}
