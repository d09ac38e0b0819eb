import HeadroomEngine
import HeadroomModel

/// What each provider earns from the buyer and what it risks in idle capacity, from one Monte Carlo run: the
/// overbuild risk a provider's finance team weighs.
public struct ExposureReport: Sendable {
    /// The run.
    public var result: MonteCarloResult

    /// Creates the report.
    public init(result: MonteCarloResult) {
        self.result = result
    }

    /// Providers that deliver or earn anything on some path.
    var activeProviders: [ProviderStatistics] {
        result.providers.filter { p in
            p.meanDeliveredMW.contains { $0 > 0 } || p.meanRevenueUSD.contains { $0 != 0 }
        }
    }

    /// One row per provider: revenue, capacity built, idle MW-months over all paths and on slow-demand paths.
    public func table() -> TextTable {
        let dynamic = result.structure != nil
        var headers = ["provider", "revenue P50", "revenue P90", "revenue share", "peak MW"]
        if dynamic { headers.append("awarded MW") }
        headers += [
            "idle MW-mo mean", "idle P90", "slow demand: mean", "slow P90", "idle paid (take-or-pay)", "idle unpaid",
            "slow: unpaid",
        ]
        let rows = activeProviders.map { p -> [String] in
            var row = [
                p.id.rawValue, Format.usd(p.capacityRevenueQuantiles.p50), Format.usd(p.capacityRevenueQuantiles.p90),
                Format.usd(p.meanRevenueShareUSD.reduce(0, +)), Format.megawatts(p.meanDeliveredMW.max() ?? 0),
            ]
            if dynamic { row.append(Format.megawatts(p.awardedMW?.value ?? 0)) }
            row += [
                Format.megawatts(p.idleMWMonths.value), Format.megawatts(p.idleMWMonthsQuantiles.p90),
                p.slowDemandIdleMWMonths.map { Format.megawatts($0.value) } ?? "-",
                p.slowDemandIdleMWMonthsQuantiles.map { Format.megawatts($0.p90) } ?? "-",
                Format.usd(p.expectedIdlePaidUSD), Format.usd(p.expectedIdleUnpaidUSD),
                p.slowDemandIdleUnpaidUSD.map(Format.usd) ?? "-",
            ]
            return row
        }
        let slowShare = Format.percent(Double(result.slowDemandPaths) / Double(max(1, result.paths)))
        return TextTable(
            title:
                "Provider exposure over the horizon: revenue for capacity (quantiles over paths), revenue share (mean), "
                + "peak of mean delivered IT MW, idle IT MW-months; idle paid = take-or-pay payments for idle capacity "
                + "(the buyer's loss), idle unpaid = pay-for-use revenue idle capacity did not earn (the provider's); "
                + "slow demand = the \(slowShare) of paths with the lowest demand draws",
            headers: headers, rows: rows)
    }

    /// Mean revenue for capacity, revenue share and idle IT MW per provider and year.
    public func yearlyTable() -> TextTable {
        let years = Period.year.groups(result.months)
        var rows: [[String]] = []
        for p in activeProviders {
            let capacity = p.meanCapacityPaymentUSD
            rows.append(
                [p.id.rawValue, "capacity revenue"]
                    + years.map { Format.usd(Aggregation.sum.apply(capacity, $0.indices)) })
            if p.meanRevenueShareUSD.contains(where: { $0 != 0 }) {
                rows.append(
                    ["", "revenue share"]
                        + years.map { Format.usd(Aggregation.sum.apply(p.meanRevenueShareUSD, $0.indices)) })
            }
            rows.append(
                ["", "delivered MW"]
                    + years.map { Format.megawatts(Aggregation.average.apply(p.meanDeliveredMW, $0.indices)) })
            rows.append(
                ["", "idle MW"] + years.map { Format.megawatts(Aggregation.average.apply(p.meanIdleMW, $0.indices)) })
            if p.awardedMW != nil {
                rows.append(
                    ["", "awarded MW"]
                        + years.map { Format.megawatts(Aggregation.sum.apply(p.meanAwardedMW, $0.indices)) })
            }
        }
        return TextTable(
            title: "Providers by year: expected revenue (capacity and revenue share), mean delivered and idle IT MW"
                + (result.structure == nil ? "" : ", MW awarded by the policy"),
            headers: ["provider", "figure"] + years.map(\.label), rows: rows)
    }

    /// Contract economics: each contract's price (derived from a stated total or per accelerator-hour where so
    /// stated) and its expected payments split into the take-or-pay minimum, paid use and late-delivery credits.
    public func contractsTable() -> TextTable {
        let rows = result.contracts.filter { $0.expectedDeliveredMWMonths > 0 || $0.expectedSpendUSD.value != 0 }.map {
            c in
            [
                c.id.rawValue, c.provider.rawValue,
                Format.usd(c.pricing.usdPerMWMonth) + (c.pricing.derivedFromTotalValue ? " *" : ""),
                c.pricing.usdPerAcceleratorHour.map { Format.grouped($0, decimals: 2) } ?? "-",
                Format.percent(c.takeOrPayFraction, decimals: 0), Format.megawatts(c.expectedDeliveredMWMonths),
                Format.usd(c.expectedSpendUSD.value), Format.usd(c.expectedTakeOrPayUSD),
                Format.usd(c.expectedUsageUSD),
                Format.usd(c.expectedLateCreditUSD),
            ]
        }
        return TextTable(
            title: "Contract economics over the horizon (expected; * price derived from a stated total value)",
            headers: [
                "contract", "provider", "USD/MW-month", "USD/acc-hour", "take-or-pay", "MW-months", "spend",
                "take-or-pay part", "paid use", "late credits",
            ], rows: rows)
    }
}
