import Dispatch
import HeadroomModel

/// Wraps a value shared across worker threads whose accesses the engine partitions itself (disjoint indices).
struct UnsafeShared<Value>: @unchecked Sendable {
    let value: Value
}

/// Every unit's online-month histogram in one flat buffer of counters (one worker's; merged after the run).
final class OnlineCounters {
    static let bins = 4096
    let lower: [Double]
    let inverseWidth: [Double]
    let width: [Double]
    /// `counts[u * bins + i]`.
    let counts: UnsafeMutableBufferPointer<UInt32>
    /// Per unit: underflow, overflow, never online (`[u * 3 + k]`).
    let outside: UnsafeMutableBufferPointer<UInt64>

    /// Counters for units whose online months are expected in `ranges` (lower, upper), `bins` bins each.
    init(ranges: [(lower: Double, upper: Double)]) {
        lower = ranges.map(\.lower)
        width = ranges.map { max($0.upper - $0.lower, 1e-9) / Double(Self.bins) }
        inverseWidth = width.map { 1 / $0 }
        counts = .allocate(capacity: max(1, ranges.count * Self.bins))
        counts.initialize(repeating: 0)
        outside = .allocate(capacity: max(1, ranges.count * 3))
        outside.initialize(repeating: 0)
    }

    deinit {
        counts.deallocate()
        outside.deallocate()
    }

    @inline(__always)
    func insert(_ u: Int, _ value: Double) {
        if value == .infinity {
            outside[u * 3 + 2] += 1
            return
        }
        let position = (value - lower[u]) * inverseWidth[u]
        if !(position >= 0) {
            outside[u * 3] += 1
        } else if position >= Double(Self.bins) {
            outside[u * 3 + 1] += 1
        } else {
            counts[u * Self.bins + Int(position)] &+= 1
        }
    }

    /// Adds another worker's counters.
    func merge(_ other: OnlineCounters) {
        for i in 0..<counts.count { counts[i] &+= other.counts[i] }
        for i in 0..<outside.count { outside[i] += other.outside[i] }
    }

    /// The histograms.
    func histograms() -> [LinearHistogram] {
        lower.indices.map { u in
            LinearHistogram(
                lowerBound: lower[u], binWidth: width[u], counts: Array(counts[(u * Self.bins)..<((u + 1) * Self.bins)]),
                underflow: outside[u * 3], overflow: outside[u * 3 + 1], infinite: outside[u * 3 + 2])
        }
    }
}

/// A path's demand is "slow" when its standardised demand draw, Σ z_w / √W, is below Φ⁻¹(0.2): the 20% of paths
/// with the least demand growth, on which provider exposure is reported.
let slowDemandScore = -0.841_621_233_572_914_3

/// One worker thread's reusable state: the path workspace and its integer (order-independent) histograms.
final class WorkerState {
    let workspace: PathWorkspace
    var monthly: [LogHistogram]
    /// Per-path totals (see ``SumLayout/histogramCount``).
    var perPath: [LogHistogram]
    /// Per-sub-batch columns of per-path totals: histogram × path (NaN where a path does not count).
    let perPathBatch: UnsafeMutableBufferPointer<Double>
    let online: OnlineCounters
    /// Per-sub-batch rows of online months: path × unit.
    let onlineBatch: UnsafeMutableBufferPointer<Double>
    /// Per-sub-batch rows of monthly totals: path × (metric × month).
    let batch: UnsafeMutableBufferPointer<Double>
    /// One series of a sub-batch, gathered for its histogram.
    let scratch: UnsafeMutableBufferPointer<Double>

    init(model: SimulationModel, onlineRanges: [(lower: Double, upper: Double)]) {
        workspace = PathWorkspace(model: model)
        monthly = [LogHistogram](repeating: LogHistogram(), count: SumLayout.metricCount * model.monthCount)
        let histograms = SumLayout(model: model).histogramCount
        perPath = [LogHistogram](repeating: LogHistogram(), count: histograms)
        perPathBatch = .allocate(capacity: max(1, histograms * MonteCarloOptions.histogramBatch))
        perPathBatch.initialize(repeating: 0)
        online = OnlineCounters(ranges: onlineRanges)
        onlineBatch = .allocate(capacity: max(1, model.units.count * MonteCarloOptions.histogramBatch))
        onlineBatch.initialize(repeating: 0)
        batch = .allocate(capacity: SumLayout.metricCount * model.monthCount * MonteCarloOptions.histogramBatch)
        batch.initialize(repeating: 0)
        scratch = .allocate(capacity: MonteCarloOptions.histogramBatch)
        scratch.initialize(repeating: 0)
    }

    deinit {
        batch.deallocate()
        scratch.deallocate()
        onlineBatch.deallocate()
        perPathBatch.deallocate()
    }
}

extension SimulationModel {
    /// Simulates one block of paths into its slot of sums and the worker's histograms.
    ///
    /// Paths run in sub-batches of ``MonteCarloOptions/histogramBatch``: each path's monthly totals are copied into a
    /// row of the worker's batch buffer, and at the end of the sub-batch every monthly series is reduced (sum, sum of
    /// squares, positive count) and fed to its histogram in one cache-friendly pass.
    func runBlock(
        paths: Range<Int>, seed: UInt64, worker: WorkerState, slot: UnsafeMutableBufferPointer<Double>,
        layout: SumLayout, drivers: DriverSample, figures: UnsafeMutablePointer<Double>
    ) {
        let ws = worker.workspace
        guard let base = slot.baseAddress, let rows = worker.batch.baseAddress, let demand = ws.demandTotal.baseAddress,
            let capacity = ws.capacityTotal.baseAddress, let shortfall = ws.shortfallTotal.baseAddress,
            let idle = ws.idleTotal.baseAddress, let spend = ws.spendTotal.baseAddress
        else { return }
        let k = kernel
        let m = k.months
        let pc = k.providerCount
        let uc = k.unitCount
        let series = SumLayout.metricCount * m
        let batch = worker.batch
        let onlineBatch = worker.onlineBatch
        let pathColumns = worker.perPathBatch
        let scratch = worker.scratch
        let (inputs, outcome, driverRows) = (drivers.inputs, drivers.outcome, drivers.rows)
        let figureCount = PathFigures.count(caps: k.capCount)
        ws.accumulate(
            into: base + layout.providerDelivered, revenue: base + layout.providerRevenue,
            idle: base + layout.providerIdle, share: base + layout.providerShare,
            shortfall: base + layout.workloadShortfall)
        let slowThreshold = slowDemandScore * Double(k.workloadCount).squareRoot()
        var start = paths.lowerBound
        while start < paths.upperBound {
            let end = min(start + MonteCarloOptions.histogramBatch, paths.upperBound)
            for path in start..<end {
                let i = path - start
                drawPath(.random(seed: seed, path: path), into: ws)
                evaluatePath(ws)
                PathFigures.record(ws, capUSD: k.capUSD, into: figures + (path - paths.lowerBound) * figureCount)
                let row = rows + i * series
                row.update(from: demand, count: m)
                (row + m).update(from: capacity, count: m)
                (row + 2 * m).update(from: shortfall, count: m)
                (row + 3 * m).update(from: idle, count: m)
                (row + 4 * m).update(from: spend, count: m)
                @inline(__always) func headline(_ slotIndex: HeadlineSlot, _ v: Double) {
                    slot[layout.headlineSum + slotIndex.rawValue] += v
                    slot[layout.headlineSquares + slotIndex.rawValue] += v * v
                }
                headline(.unservedMWMonths, ws.pathUnserved)
                headline(.unservedAcceleratorHours, ws.pathAcceleratorHours)
                headline(.unservedFLOP, ws.pathFlop)
                headline(.anyShortfall, ws.pathPeakShortfall > 0 ? 1 : 0)
                headline(.peakShortfall, ws.pathPeakShortfall)
                headline(.totalSpend, ws.pathSpend)
                for cap in 0..<k.capCount {
                    let counted = ws.capSpend[cap]
                    if counted > k.capUSD[cap] { slot[layout.capExceeded + cap] += 1 }
                    slot[layout.capSpend + cap] += counted
                    slot[layout.capSpendSquares + cap] += counted * counted
                }
                for r in 0..<k.riskCount { slot[layout.riskCount + r] += Double(ws.riskOccurred[r]) }
                var score = 0.0
                for w in 0..<k.workloadCount { score += ws.demandScore[w] }
                let slow = score < slowThreshold
                if slow { slot[layout.slowPaths] += 1 }
                let stride = MonteCarloOptions.histogramBatch
                pathColumns[i] = ws.pathUnserved
                pathColumns[stride + i] = ws.pathSpend
                for cap in 0..<k.capCount { pathColumns[(layout.histogramCapSpend + cap) * stride + i] = ws.capSpend[cap] }
                for p in 0..<pc {
                    let revenue = ws.providerPathRevenue[p]
                    let share = ws.providerPathShare[p]
                    let idleMWMonths = ws.providerPathIdle[p]
                    slot[layout.providerTotal + p] += revenue
                    slot[layout.providerTotalSquares + p] += revenue * revenue
                    slot[layout.providerShareTotal + p] += share
                    slot[layout.providerIdleTotal + p] += idleMWMonths
                    slot[layout.providerIdleSquares + p] += idleMWMonths * idleMWMonths
                    slot[layout.providerIdlePaid + p] += ws.providerPathIdlePaid[p]
                    slot[layout.providerIdleUnpaid + p] += ws.providerPathIdleUnpaid[p]
                    pathColumns[(layout.histogramProviderSpend + p) * stride + i] = revenue - share
                    pathColumns[(layout.histogramProviderIdle + p) * stride + i] = idleMWMonths
                    pathColumns[(layout.histogramProviderSlowIdle + p) * stride + i] = slow ? idleMWMonths : .nan
                    if slow {
                        slot[layout.providerSlowIdle + p] += idleMWMonths
                        slot[layout.providerSlowIdleSquares + p] += idleMWMonths * idleMWMonths
                        slot[layout.providerSlowIdleUnpaid + p] += ws.providerPathIdleUnpaid[p]
                    }
                }
                for c in 0..<k.contractCount {
                    let contractSpend = ws.contractPathSpend[c]
                    slot[layout.contractSpend + c] += contractSpend
                    slot[layout.contractSpendSquares + c] += contractSpend * contractSpend
                    slot[layout.contractDelivered + c] += ws.contractPathDelivered[c]
                    slot[layout.contractCredit + c] += ws.contractPathCredit[c]
                }
                if let state = ws.procurement {
                    slot[layout.requested] += state.largestRequestMW
                    slot[layout.requestedSquares] += state.largestRequestMW * state.largestRequestMW
                    if state.largestUnplacedMW > 0 { slot[layout.unplacedPaths] += 1 }
                    slot[layout.unplacedLargest] += state.largestUnplacedMW
                    for p in 0..<pc {
                        let awarded = state.awardedTotal[p]
                        slot[layout.providerAwarded + p] += awarded
                        slot[layout.providerAwardedSquares + p] += awarded * awarded
                    }
                    for a in 0..<state.awardCount {
                        slot[layout.awardedByMonth + Int(state.awardMonth[a]) * pc + Int(state.awardProvider[a])] +=
                            state.awardMW[a]
                    }
                }
                for u in 0..<uc {
                    let time = ws.online[u]
                    onlineBatch[i * uc + u] = time
                    if time.isFinite {
                        slot[layout.unitDelaySum + u] += ws.delay[u]
                        slot[layout.unitOnlineCount + u] += 1
                    }
                }
                if path < driverRows {
                    for u in 0..<uc {
                        inputs[u * driverRows + path] = ws.online[u].isFinite ? Float(ws.delay[u]) : .greatestFiniteMagnitude
                    }
                    for r in 0..<k.riskCount { inputs[(uc + r) * driverRows + path] = Float(ws.riskOccurred[r]) }
                    for w in 0..<k.workloadCount {
                        inputs[(uc + k.riskCount + w) * driverRows + path] = Float(ws.demandScore[w])
                    }
                    outcome[path] = ws.pathUnserved
                }
            }
            let n = end - start
            worker.monthly.withUnsafeMutableBufferPointer { histograms in
                for s in 0..<series {
                    var sum = 0.0
                    var squares = 0.0
                    var positive = 0.0
                    var smallest = Double.infinity
                    var largest = 0.0
                    var negative = false
                    for i in 0..<n {
                        let v = batch[i * series + s]
                        scratch[i] = v
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
                    slot[layout.metricSum + s] += sum
                    slot[layout.metricSquares + s] += squares
                    if s >= 2 * m && s < 3 * m { slot[layout.shortfallPositive + s - 2 * m] += positive }
                    let values = UnsafeBufferPointer(rebasing: scratch[0..<n])
                    if negative {
                        histograms[s].insert(contentsOf: values)  // spend can go negative with late-delivery credits
                    } else {
                        histograms[s].insert(
                            nonNegative: values, smallestPositive: smallest, largest: largest,
                            zeros: UInt64(n) - UInt64(positive))
                    }
                }
            }
            worker.perPath.withUnsafeMutableBufferPointer { histograms in
                for h in histograms.indices {
                    let start = h * MonteCarloOptions.histogramBatch
                    histograms[h].insert(contentsOf: UnsafeBufferPointer(rebasing: pathColumns[start..<(start + n)]))
                }
            }
            let online = worker.online
            for u in 0..<uc {
                for i in 0..<n { online.insert(u, onlineBatch[i * uc + u]) }
            }
            start = end
        }
    }

    /// Whether every headline figure's standard error is under `tolerance`.
    func headlineConverged(_ totals: [Double], layout: SumLayout, paths: Int, tolerance: Double) -> Bool {
        let n = Double(paths)
        func estimate(_ sum: Double, _ squares: Double) -> Estimate { Self.estimate(sum: sum, squares: squares, n: n) }
        for slot in [HeadlineSlot.unservedMWMonths, .totalSpend] {
            let e = estimate(totals[layout.headlineSum + slot.rawValue], totals[layout.headlineSquares + slot.rawValue])
            if e.standardError > tolerance * abs(e.value) { return false }
        }
        let any = estimate(totals[layout.headlineSum + HeadlineSlot.anyShortfall.rawValue], totals[layout.headlineSquares + HeadlineSlot.anyShortfall.rawValue])
        if any.standardError > tolerance { return false }
        for k in caps.indices {
            let count = totals[layout.capExceeded + k]
            if estimate(count, count).standardError > tolerance { return false }
        }
        return true
    }

    /// Mean and standard error from a sum and a sum of squares over `n` paths.
    static func estimate(sum: Double, squares: Double, n: Double) -> Estimate {
        guard n > 0 else { return Estimate(value: 0, standardError: 0) }
        let mean = sum / n
        let variance = n > 1 ? max(0, (squares - n * mean * mean) / (n - 1)) : 0
        return Estimate(value: mean, standardError: (variance / n).squareRoot())
    }

    /// Each unit's online-month range: its delay distribution's bounds (or 0.1% and 99.9% quantiles) plus the
    /// risk delays that can hit it.
    func onlineMonthRanges() -> [(lower: Double, upper: Double)] {
        var extra = [Double](repeating: 0, count: units.count)
        var earlier = [Double](repeating: 0, count: units.count)
        for (k, risk) in risks.enumerated() where risk.delay != nil {
            guard case .delay(let d) = scenario.risks[k].effect else { continue }
            let high = d.upperBound ?? d.quantile(1 - 1e-3)
            let low = d.lowerBound ?? d.quantile(1e-3)
            for u in risk.units {
                extra[u] += max(0, high)
                earlier[u] += min(0, low)
            }
        }
        return units.indices.map { u in
            let d = units[u].delay
            // Unbounded tails are cut at the 0.1% and 99.9% quantiles: values beyond fall in the underflow and
            // overflow counts (ranked exactly), which keeps the bins fine where P50…P90 live.
            let low = (d.lowerBound ?? d.quantile(1e-3)) + earlier[u]
            let high = (d.upperBound ?? d.quantile(1 - 1e-3)) + extra[u]
            let planned = units[u].plannedIndex
            return (planned + low - 1e-9, planned + high + 1e-6)
        }
    }

    /// Spearman correlations of every delay and risk indicator with total unserved demand, strongest first.
    func rankDrivers(
        inputs: UnsafeBufferPointer<Float>, outcome: UnsafeBufferPointer<Double>, rows: Int, stride: Int, top: Int,
        threads: Int
    ) -> [Driver] {
        guard rows > 2, top > 0 else { return [] }
        let outcomeRanks = RankCorrelation.ranks(Array(outcome[0..<rows]))
        let columns = units.count + risks.count + workloads.count
        let correlations = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, columns))
        correlations.initialize(repeating: 0)
        defer { correlations.deallocate() }
        let shared = UnsafeShared(value: (correlations, inputs))
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, columns))) { lane in
            var column = lane
            while column < columns {
                let values = (0..<rows).map { Double(shared.value.1[column * stride + $0]) }
                shared.value.0[column] = RankCorrelation.spearman(values, yRanks: outcomeRanks)
                column += max(1, min(threads, columns))
            }
        }
        var drivers: [Driver] = []
        for column in 0..<columns {
            let name: String
            let kind: Driver.Kind
            if column < units.count {
                (name, kind) = (units[column].name, .delay)
            } else if column < units.count + risks.count {
                (name, kind) = (risks[column - units.count].id.rawValue, .risk)
            } else {
                (name, kind) = ("demand:" + workloads[column - units.count - risks.count].rawValue, .demand)
            }
            drivers.append(Driver(name: name, kind: kind, rankCorrelation: correlations[column]))
        }
        return Array(drivers.sorted { (abs($0.rankCorrelation), $1.name) > (abs($1.rankCorrelation), $0.name) }.prefix(top))
    }
}
