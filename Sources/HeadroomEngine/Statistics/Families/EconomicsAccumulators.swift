import HeadroomModel

/// ``StatisticFamily/contracts``: per contract, expected spend (and its standard error), delivered MW-months and
/// late-delivery credits; the take-or-pay and use parts follow from them and the contract's price.
final class ContractAccumulator: PathAccumulator {
    let family = StatisticFamily.contracts
    let contracts: Int

    init(_ context: AccumulationContext) { contracts = context.kernel.contractCount }

    /// Spend, spend², delivered, credit; each `contracts` long.
    var sumCount: Int { 4 * contracts }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        let cc = contracts
        for c in 0..<cc {
            let spend = ws.contractPathSpend[c]
            sums[c] += spend
            sums[cc + c] += spend * spend
            sums[2 * cc + c] += ws.contractPathDelivered[c]
            sums[3 * cc + c] += ws.contractPathCredit[c]
        }
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let n = Double(paths)
        let cc = model.contracts.count
        let s = state.sums
        result.contracts = model.contracts.indices.map { c in
            let terms = model.contracts[c]
            let delivered = s[2 * cc + c] / n
            let spend = CompiledScenario.estimate(sum: s[c], squares: s[cc + c], n: n)
            let credit = s[3 * cc + c] / n
            let takeOrPay = terms.pricing.usdPerMWMonth * terms.takeOrPay * delivered
            return ContractStatistics(
                id: terms.id, provider: terms.provider, pricing: terms.pricing,
                takeOrPayFraction: terms.takeOrPay, expectedSpendUSD: spend, expectedDeliveredMWMonths: delivered,
                expectedTakeOrPayUSD: takeOrPay,
                expectedUsageUSD: CompiledScenario.roundingNoiseToZero(
                    spend.value + credit - takeOrPay, scale: spend.value),
                expectedLateCreditUSD: credit)
        }
    }
}

/// ``StatisticFamily/caps``: per budget cap, how often spend in its window exceeds it, and that spend's mean and
/// quantiles.
final class CapAccumulator: PathAccumulator {
    let family = StatisticFamily.caps
    let caps: Int
    let limits: UnsafeMutableBufferPointer<Double>
    let columns: PathColumns

    init(_ context: AccumulationContext) {
        caps = context.kernel.capCount
        limits = context.kernel.capUSD
        columns = PathColumns(count: caps)
    }

    /// Paths exceeded, spend, spend²; each `caps` long.
    var sumCount: Int { 3 * caps }

    func converged(_ sums: ArraySlice<Double>, paths: Int, tolerance: Double) -> Bool {
        (0..<caps).allSatisfy { k in
            let exceeded = sums[sums.startIndex + k]
            return CompiledScenario.estimate(sum: exceeded, squares: exceeded, n: Double(paths)).standardError
                <= tolerance
        }
    }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        for cap in 0..<caps {
            let counted = ws.capSpend[cap]
            if counted > limits[cap] { sums[cap] += 1 }
            sums[caps + cap] += counted
            sums[2 * caps + cap] += counted * counted
            columns.set(cap, i, counted)
        }
    }

    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>) { columns.flush(n) }

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        AccumulatorState(
            family: family, sums: sums,
            histograms: columns.merged(others.compactMap { ($0 as? CapAccumulator)?.columns }))
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let n = Double(paths)
        let kc = model.caps.count
        let s = state.sums
        result.caps = model.caps.indices.map { k in
            CapStatistics(
                id: model.caps[k].id, usd: model.caps[k].usd,
                probabilityExceeded: CompiledScenario.estimate(sum: s[k], squares: s[k], n: n),
                expectedSpendUSD: CompiledScenario.estimate(sum: s[kc + k], squares: s[2 * kc + k], n: n),
                spendQuantiles: state.histograms[k].pathQuantiles, truncated: model.caps[k].truncated)
        }
    }
}

/// ``StatisticFamily/procurement``: a dynamic run's largest request per path and what went unplaced.
final class ProcurementAccumulator: PathAccumulator {
    let family = StatisticFamily.procurement

    init(_ context: AccumulationContext) {}

    /// Largest request, its square, paths with an unplaced part, the largest unplaced part.
    var sumCount: Int { 4 }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        guard let state = ws.procurement else { return }
        sums[0] += state.largestRequestMW
        sums[1] += state.largestRequestMW * state.largestRequestMW
        if state.largestUnplacedMW > 0 { sums[2] += 1 }
        sums[3] += state.largestUnplacedMW
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let n = Double(paths)
        result.procurement = ProcurementStatistics(
            largestRequestMW: CompiledScenario.estimate(sum: state.sums[0], squares: state.sums[1], n: n),
            probabilityUnplaced: state.sums[2] / n, meanLargestUnplacedMW: state.sums[3] / n)
    }
}

/// ``StatisticFamily/drivers``: the first paths' total delays, risk indicators and demand draws with their unserved
/// MW-months, ranked at the end (Spearman) into the tornado.
///
/// Every worker writes the rows of its own paths into one sample shared by the variant's workers (rows are
/// disjoint), so merging needs no copy.
final class DriverAccumulator: PathAccumulator {
    let family = StatisticFamily.drivers
    let sample: DriverSample
    let units: Int
    let risks: Int
    let workloads: Int

    init(_ context: AccumulationContext, sample: DriverSample) {
        self.sample = sample
        units = context.kernel.unitCount
        risks = context.kernel.riskCount
        workloads = context.kernel.workloadCount
    }

    var sumCount: Int { 0 }

    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>) {
        let rows = sample.rows
        guard path < rows else { return }
        let inputs = sample.inputs
        for u in 0..<units {
            inputs[u * rows + path] = ws.online[u].isFinite ? Float(ws.delay[u]) : .greatestFiniteMagnitude
        }
        for r in 0..<risks { inputs[(units + r) * rows + path] = Float(ws.riskOccurred[r]) }
        for w in 0..<workloads { inputs[(units + risks + w) * rows + path] = Float(ws.demandScore[w]) }
        sample.outcome[path] = ws.pathUnserved
    }

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        let rows = min(sample.rows, paths)
        let columns = units + risks + workloads
        var kept = [Float](repeating: 0, count: rows * columns)
        for column in 0..<columns {
            for row in 0..<rows { kept[column * rows + row] = sample.inputs[column * sample.rows + row] }
        }
        return AccumulatorState(
            family: family, sums: sums, sample: kept, sampleOutcome: Array(sample.outcome[0..<rows]), sampleStride: rows
        )
    }

    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    ) {
        let rows = state.sampleStride
        result.drivers = state.sample.withUnsafeBufferPointer { inputs in
            state.sampleOutcome.withUnsafeBufferPointer { outcome in
                model.rankDrivers(
                    inputs: inputs, outcome: outcome, rows: rows, stride: rows, top: options.topDrivers,
                    threads: max(1, options.threads))
            }
        }
        result.driverSamplePaths = rows
    }
}
