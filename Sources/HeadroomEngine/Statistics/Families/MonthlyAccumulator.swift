import HeadroomModel

/// ``StatisticFamily/monthly``: per month, the mean and standard error of the selected metrics and the quantiles of
/// some of them.
///
/// Each path's monthly series are copied into a column of a sub-batch buffer; at the end of the sub-batch every
/// series is reduced (sum, sum of squares) and fed to its histogram from its contiguous column.
final class MonthlyAccumulator: PathAccumulator {
    let family = StatisticFamily.monthly
    let months: Int
    /// The metrics with moments, in declaration order, and whether each keeps quantiles.
    let metrics: [MonthlyMetric]
    let withQuantiles: [Bool]
    /// Per sub-batch, series-major: `(metric × month) × path`, so that each series is one contiguous column.
    let batch: UnsafeMutableBufferPointer<Double>
    /// One histogram per (metric with quantiles) × month, indexed like the series (`nil` slots unused).
    var histograms: [LogHistogram]

    init(_ context: AccumulationContext, moments: Set<MonthlyMetric>, quantiles: Set<MonthlyMetric>) {
        months = context.kernel.months
        metrics = moments.sorted()
        withQuantiles = metrics.map { quantiles.contains($0) }
        batch = zeroedBuffer(metrics.count * months * MonteCarloOptions.histogramBatch)
        histograms = [LogHistogram](repeating: LogHistogram(), count: withQuantiles.filter { $0 }.count * months)
    }

    deinit { batch.deallocate() }

    /// Sums then squares, each metric × month.
    var sumCount: Int { 2 * metrics.count * months }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        guard let columns = batch.baseAddress else { return }
        let stride = MonteCarloOptions.histogramBatch
        for (k, metric) in metrics.enumerated() {
            let series: UnsafeMutableBufferPointer<Double>
            switch metric {
            case .demand: series = ws.demandTotal
            case .capacity: series = ws.capacityTotal
            case .shortfall: series = ws.shortfallTotal
            case .idle: series = ws.idleTotal
            case .spend: series = ws.spendTotal
            }
            let first = columns + k * months * stride + i
            for t in 0..<months { first[t * stride] = series[t] }
        }
    }

    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>) {
        guard let columns = batch.baseAddress else { return }
        let series = metrics.count * months
        let stride = MonteCarloOptions.histogramBatch
        var histogram = 0
        histograms.withUnsafeMutableBufferPointer { histograms in
            for s in 0..<series {
                let column = columns + s * stride
                var sum = 0.0
                var squares = 0.0
                var smallest = Double.infinity
                var largest = 0.0
                var positive = 0
                var negative = false
                for i in 0..<n {
                    let v = column[i]
                    sum += v
                    squares += v * v
                    if v > 0 {
                        positive += 1
                        smallest = min(smallest, v)
                        largest = max(largest, v)
                    } else if v < 0 {
                        negative = true
                    }
                }
                sums[s] += sum
                sums[series + s] += squares
                guard withQuantiles[s / months] else { continue }
                let values = UnsafeBufferPointer(start: column, count: n)
                if negative {
                    // Spend can go negative with late-delivery credits.
                    histograms[histogram].insert(contentsOf: values)
                } else {
                    histograms[histogram].insert(
                        nonNegative: values, smallestPositive: smallest, largest: largest, zeros: UInt64(n - positive))
                }
                histogram += 1
            }
        }
    }

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        var merged = histograms
        for other in others.compactMap({ $0 as? MonthlyAccumulator }) {
            for h in merged.indices { merged[h].merge(other.histograms[h]) }
        }
        return AccumulatorState(family: family, sums: sums, histograms: merged)
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let n = Double(paths)
        let m = model.monthCount
        let metrics = result.statistics.monthlyMetrics.sorted()
        let series = metrics.count * m
        let levels = result.quantileLevels
        var histogram = 0
        for (k, metric) in metrics.enumerated() {
            var mean = [Double](repeating: 0, count: m)
            var error = [Double](repeating: 0, count: m)
            for t in 0..<m {
                let e = CompiledScenario.estimate(
                    sum: state.sums[k * m + t], squares: state.sums[series + k * m + t], n: n)
                mean[t] = e.value
                error[t] = e.standardError
            }
            var quantiles: [[Double]] = []
            if result.statistics.quantileMetrics.contains(metric) {
                let first = histogram
                quantiles = levels.map { q in (0..<m).map { t in state.histograms[first + t].quantile(q) ?? 0 } }
                histogram += m
            }
            let statistic = MonthlyStatistic(mean: mean, standardError: error, quantiles: quantiles)
            switch metric {
            case .demand: result.demand = statistic
            case .capacity: result.capacity = statistic
            case .shortfall: result.shortfall = statistic
            case .idle: result.idle = statistic
            case .spend: result.spend = statistic
            }
        }
    }
}

/// ``StatisticFamily/phases``: each unit's online-month histogram, mean delay and probability of cancellation.
final class PhaseAccumulator: PathAccumulator {
    let family = StatisticFamily.phases
    let units: Int
    let online: OnlineCounters
    /// Per sub-batch rows of online months: path × unit.
    let batch: UnsafeMutableBufferPointer<Double>

    init(_ context: AccumulationContext) {
        units = context.kernel.unitCount
        online = OnlineCounters(ranges: context.model.onlineMonthRanges())
        batch = zeroedBuffer(units * MonteCarloOptions.histogramBatch)
    }

    deinit { batch.deallocate() }

    /// Delay sums, then online counts, per unit.
    var sumCount: Int { 2 * units }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        for u in 0..<units {
            let time = ws.online[u]
            batch[i * units + u] = time
            if time.isFinite {
                sums[u] += ws.delay[u]
                sums[units + u] += 1
            }
        }
    }

    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>) {
        guard let rows = batch.baseAddress else { return }
        for u in 0..<units { online.insert(u, rows + u, count: n, stride: units) }
        online.recorded(paths: n)
    }

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        for other in others.compactMap({ $0 as? PhaseAccumulator }) { online.merge(other.online) }
        return AccumulatorState(family: family, sums: sums, linearHistograms: online.histograms())
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let uc = model.units.count
        let online = state.linearHistograms
        result.phases = model.units.indices.map { u -> PhaseOnline in
            let onlineCount = state.sums[uc + u]
            let unit = model.units[u]
            return PhaseOnline(
                name: unit.name, planned: unit.plannedIndex, p50: online[u].quantile(0.5) ?? .nan,
                p80: online[u].quantile(0.8) ?? .nan, p90: online[u].quantile(0.9) ?? .nan,
                meanDelay: onlineCount > 0 ? state.sums[u] / onlineCount : .nan,
                probabilityCancelled: Double(online[u].infinite) / max(1, Double(online[u].count)))
        }
    }
}
