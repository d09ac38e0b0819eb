import HeadroomModel

/// A path's demand is "slow" when its standardised demand draw, Σ z_w / √W, is below Φ⁻¹(0.2): the 20% of paths
/// with the least demand growth, on which provider exposure is reported.
let slowDemandScore = -0.841_621_233_572_914_3

/// ``StatisticFamily/providers``: per provider and month, delivered, revenue, idle MW and revenue share (added by the
/// path kernel straight into the block's sums); per provider, revenue, idle MW-months (over all and slow-demand
/// paths), idle capacity's cost, and a dynamic run's awards; quantiles over paths of capacity revenue and idle.
final class ProviderAccumulator: PathAccumulator {
    let family = StatisticFamily.providers
    /// Per-provider totals, each `providers` long, in this order.
    enum Total: Int, CaseIterable {
        case revenue, revenueSquares, share, idle, idleSquares, slowIdle, slowIdleSquares, idlePaid, idleUnpaid
        case slowIdleUnpaid, awarded, awardedSquares
    }
    let months: Int
    let providers: Int
    let workloads: Int
    let dynamic: Bool
    /// Per provider: capacity revenue, idle MW-months, idle MW-months on slow paths (NaN elsewhere).
    let columns: PathColumns

    init(_ context: AccumulationContext) {
        months = context.kernel.months
        providers = context.kernel.providerCount
        workloads = context.kernel.workloadCount
        dynamic = context.model.procurement != nil
        columns = PathColumns(count: 3 * providers)
    }

    var monthly: Int { months * providers }
    var awardedByMonth: Int { 4 * monthly }
    var totals: Int { awardedByMonth + (dynamic ? monthly : 0) }
    var slowPaths: Int { totals + Total.allCases.count * providers }
    var sumCount: Int { slowPaths + 1 }

    func beginBlock(_ ws: PathWorkspace, sums: UnsafeMutablePointer<Double>) {
        ws.addProviderFigures(
            delivered: sums, revenue: sums + monthly, idle: sums + 2 * monthly, share: sums + 3 * monthly)
    }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        let pc = providers
        var score = 0.0
        for w in 0..<workloads { score += ws.demandScore[w] }
        let slow = score < slowDemandScore * Double(workloads).squareRoot()
        if slow { sums[slowPaths] += 1 }
        @inline(__always) func add(_ total: Total, _ p: Int, _ v: Double) {
            sums[totals + total.rawValue * pc + p] += v
        }
        for p in 0..<pc {
            let revenue = ws.providerPathRevenue[p]
            let share = ws.providerPathShare[p]
            let idle = ws.providerPathIdle[p]
            add(.revenue, p, revenue)
            add(.revenueSquares, p, revenue * revenue)
            add(.share, p, share)
            add(.idle, p, idle)
            add(.idleSquares, p, idle * idle)
            add(.idlePaid, p, ws.providerPathIdlePaid[p])
            add(.idleUnpaid, p, ws.providerPathIdleUnpaid[p])
            columns.set(p, i, revenue - share)
            columns.set(pc + p, i, idle)
            columns.set(2 * pc + p, i, slow ? idle : .nan)
            if slow {
                add(.slowIdle, p, idle)
                add(.slowIdleSquares, p, idle * idle)
                add(.slowIdleUnpaid, p, ws.providerPathIdleUnpaid[p])
            }
        }
        guard let state = ws.procurement else { return }
        for p in 0..<pc {
            let awarded = state.awardedTotal[p]
            add(.awarded, p, awarded)
            add(.awardedSquares, p, awarded * awarded)
        }
        for a in 0..<state.awardCount {
            sums[awardedByMonth + Int(state.awardMonth[a]) * pc + Int(state.awardProvider[a])] += state.awardMW[a]
        }
    }

    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>) { columns.flush(n) }

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        AccumulatorState(
            family: family, sums: sums,
            histograms: columns.merged(others.compactMap { ($0 as? ProviderAccumulator)?.columns }))
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let n = Double(paths)
        let m = model.monthCount
        let pc = model.providers.count
        let s = state.sums
        let monthly = m * pc
        let dynamic = model.procurement != nil
        let totals = 4 * monthly + (dynamic ? monthly : 0)
        let slow = s[totals + Total.allCases.count * pc]
        func total(_ t: Total, _ p: Int) -> Double { s[totals + t.rawValue * pc + p] }
        func series(_ k: Int, _ p: Int) -> [Double] { (0..<m).map { s[k * monthly + $0 * pc + p] / n } }
        let h = state.histograms
        result.slowDemandPaths = Int(slow)
        result.providers = model.providers.indices.map { p in
            ProviderStatistics(
                id: model.providers[p], meanDeliveredMW: series(0, p), meanRevenueUSD: series(1, p),
                meanIdleMW: series(2, p),
                expectedTotalRevenueUSD: CompiledScenario.estimate(
                    sum: total(.revenue, p), squares: total(.revenueSquares, p), n: n),
                meanRevenueShareUSD: series(3, p), capacityRevenueQuantiles: h[p].pathQuantiles,
                idleMWMonths: CompiledScenario.estimate(sum: total(.idle, p), squares: total(.idleSquares, p), n: n),
                idleMWMonthsQuantiles: h[pc + p].pathQuantiles,
                slowDemandIdleMWMonths: slow > 0
                    ? CompiledScenario.estimate(sum: total(.slowIdle, p), squares: total(.slowIdleSquares, p), n: slow)
                    : nil,
                slowDemandIdleMWMonthsQuantiles: slow > 0 ? h[2 * pc + p].pathQuantiles : nil,
                expectedIdlePaidUSD: total(.idlePaid, p) / n, expectedIdleUnpaidUSD: total(.idleUnpaid, p) / n,
                slowDemandIdleUnpaidUSD: slow > 0 ? total(.slowIdleUnpaid, p) / slow : nil,
                awardedMW: dynamic
                    ? CompiledScenario.estimate(sum: total(.awarded, p), squares: total(.awardedSquares, p), n: n)
                    : nil,
                meanAwardedMW: dynamic ? series(4, p) : [])
        }
    }
}
