import HeadroomModel

/// Per-path totals gathered across a sub-batch, one column per histogram, and the histograms they feed.
final class PathColumns {
    let count: Int
    /// `values[h * histogramBatch + i]`: histogram `h`'s value for path `i` of the sub-batch (NaN: not counted).
    let values: UnsafeMutableBufferPointer<Double>
    var histograms: [LogHistogram]

    init(count: Int) {
        self.count = count
        values = zeroedBuffer(count * MonteCarloOptions.histogramBatch)
        histograms = [LogHistogram](repeating: LogHistogram(), count: count)
    }

    deinit { values.deallocate() }

    @inline(__always)
    func set(_ h: Int, _ i: Int, _ value: Double) { values[h * MonteCarloOptions.histogramBatch + i] = value }

    /// Feeds the first `n` rows of every column to its histogram.
    func flush(_ n: Int) {
        let stride = MonteCarloOptions.histogramBatch
        for h in 0..<count {
            histograms[h].insert(contentsOf: UnsafeBufferPointer(rebasing: values[(h * stride)..<(h * stride + n)]))
        }
    }

    /// These histograms merged with the other workers'.
    func merged(_ others: [PathColumns]) -> [LogHistogram] {
        var merged = histograms
        for other in others {
            for h in merged.indices { merged[h].merge(other.histograms[h]) }
        }
        return merged
    }
}

extension LogHistogram {
    /// Its 10th, 50th and 90th percentiles (0 when empty).
    var pathQuantiles: PathQuantiles {
        PathQuantiles(p10: quantile(0.1) ?? 0, p50: quantile(0.5) ?? 0, p90: quantile(0.9) ?? 0)
    }
}

/// ``StatisticFamily/unserved``: headline shortfall figures, unserved MW-months' quantiles, P(shortfall) per month,
/// and mean unserved MW per workload and month (added by the path kernel straight into the block's sums).
final class UnservedAccumulator: PathAccumulator {
    let family = StatisticFamily.unserved
    /// Sums and squares of unserved MW-months, accelerator-hours, FLOP, any shortfall (0/1), peak shortfall.
    static let figures = 5
    let months: Int
    let workloads: Int
    let columns = PathColumns(count: 1)

    init(_ context: AccumulationContext) {
        months = context.kernel.months
        workloads = context.kernel.workloadCount
    }

    var sumCount: Int { 2 * Self.figures + months + months * workloads }

    /// Offset of the per-workload shortfall sums, which the kernel adds to directly.
    var workloadShortfallOffset: Int { 2 * Self.figures + months }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        @inline(__always) func add(_ f: Int, _ v: Double) {
            sums[2 * f] += v
            sums[2 * f + 1] += v * v
        }
        add(0, ws.pathUnserved)
        add(1, ws.pathAcceleratorHours)
        add(2, ws.pathFlop)
        add(3, ws.pathPeakShortfall > 0 ? 1 : 0)
        add(4, ws.pathPeakShortfall)
        let positive = sums + 2 * Self.figures
        for t in 0..<months where ws.shortfallTotal[t] > 0 { positive[t] += 1 }
        columns.set(0, i, ws.pathUnserved)
    }

    func converged(_ sums: ArraySlice<Double>, paths: Int, tolerance: Double) -> Bool {
        let s = Array(sums)
        let n = Double(paths)
        let unserved = CompiledScenario.estimate(sum: s[0], squares: s[1], n: n)
        let any = CompiledScenario.estimate(sum: s[6], squares: s[7], n: n)
        return unserved.standardError <= tolerance * abs(unserved.value) && any.standardError <= tolerance
    }

    func beginBlock(_ ws: PathWorkspace, sums: UnsafeMutablePointer<Double>) {
        ws.addWorkloadShortfall(to: sums + workloadShortfallOffset)
    }

    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>) { columns.flush(n) }

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        AccumulatorState(
            family: family, sums: sums,
            histograms: columns.merged(others.compactMap { ($0 as? UnservedAccumulator)?.columns }))
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let n = Double(paths)
        let m = model.monthCount
        let wc = model.workloads.count
        let s = state.sums
        func figure(_ f: Int) -> Estimate { CompiledScenario.estimate(sum: s[2 * f], squares: s[2 * f + 1], n: n) }
        let hasAccelerators = model.referenceAccelerator.contains { $0 != nil }
        result.headline = Headline(
            expectedUnservedMWMonths: figure(0), expectedUnservedAcceleratorHours: hasAccelerators ? figure(1) : nil,
            expectedUnservedFLOP: hasAccelerators ? figure(2) : nil, probabilityOfAnyShortfall: figure(3),
            expectedPeakShortfallMW: figure(4))
        result.unservedMWMonthsQuantiles = state.histograms.first?.pathQuantiles
        result.shortfallProbability = (0..<m).map { s[2 * figures + $0] / n }
        let byWorkload = 2 * figures + m
        result.shortfallByWorkload = model.workloads.indices.map { w in
            NamedSeries(name: model.workloads[w].rawValue, values: (0..<m).map { s[byWorkload + $0 * wc + w] / n })
        }
    }
}

/// ``StatisticFamily/spend``: expected total spend and its quantiles over paths.
final class SpendAccumulator: PathAccumulator {
    let family = StatisticFamily.spend
    let columns = PathColumns(count: 1)

    init(_ context: AccumulationContext) {}

    var sumCount: Int { 2 }

    func converged(_ sums: ArraySlice<Double>, paths: Int, tolerance: Double) -> Bool {
        let spend = CompiledScenario.estimate(
            sum: sums[sums.startIndex], squares: sums[sums.startIndex + 1], n: Double(paths))
        return spend.standardError <= tolerance * abs(spend.value)
    }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        sums[0] += ws.pathSpend
        sums[1] += ws.pathSpend * ws.pathSpend
        columns.set(0, i, ws.pathSpend)
    }

    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>) { columns.flush(n) }

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        AccumulatorState(
            family: family, sums: sums,
            histograms: columns.merged(others.compactMap { ($0 as? SpendAccumulator)?.columns }))
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        result.expectedTotalSpendUSD = CompiledScenario.estimate(
            sum: state.sums[0], squares: state.sums[1], n: Double(paths))
        result.totalSpendQuantiles = state.histograms.first?.pathQuantiles
    }
}

/// ``StatisticFamily/risks``: how often each risk-register event happened.
final class RiskAccumulator: PathAccumulator {
    let family = StatisticFamily.risks
    let risks: Int

    init(_ context: AccumulationContext) { risks = context.kernel.riskCount }

    var sumCount: Int { risks }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        for r in 0..<risks { sums[r] += Double(ws.riskOccurred[r]) }
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        result.riskFrequencies = model.risks.indices.map {
            NamedValue(name: model.risks[$0].id.rawValue, value: state.sums[$0] / Double(paths))
        }
    }
}
