import Dispatch
import HeadroomModel

/// One variant of a joint run: a compiled scenario and how much it records.
public struct SimulationVariant: Sendable {
    /// What a variant records on every path.
    public enum Statistics: Sendable, Hashable {
        /// Every statistic of a ``MonteCarloResult``.
        case full
        /// Only what its paired comparisons need: the per-path headline figures and monthly sums of capacity,
        /// shortfall and spend.
        case pairedFiguresOnly
    }

    /// The compiled scenario (a static run or a deal structure's dynamic run).
    public var model: SimulationModel
    /// What it records.
    public var statistics: Statistics

    /// Creates a variant.
    public init(_ model: SimulationModel, statistics: Statistics = .full) {
        self.model = model
        self.statistics = statistics
    }
}

/// Two variants of a joint run whose paired differences (other − base) are accumulated path by path.
public struct VariantPair: Sendable, Hashable {
    /// Index of variant A.
    public var base: Int
    /// Index of variant B.
    public var other: Int

    /// Creates a pair.
    public init(base: Int, other: Int) {
        self.base = base
        self.other = other
    }
}

/// What a joint run measured: each variant's statistics and each pair's paired differences.
public struct JointRunResult: Sendable {
    /// Per variant, its statistics (`nil` for a ``SimulationVariant/Statistics/pairedFiguresOnly`` variant).
    public var results: [MonteCarloResult?]
    /// Per pair, in request order.
    public var comparisons: [ComparisonResult]
    /// Paths simulated: every variant ran exactly these.
    public var paths: Int
    /// Why the run ended.
    public var ending: RunEnding
}

/// The per-path figures every variant records for paired comparisons: any shortfall (0/1), unserved MW-months,
/// peak shortfall MW, total spend USD, then one 0/1 per budget cap (exceeded or not).
enum PathFigures {
    /// Figures per path for a model with `caps` budget caps.
    static func count(caps: Int) -> Int { 4 + caps }

    /// The figures' kinds in order, for `model`.
    static func kinds(_ model: SimulationModel) -> [PairedFigure.Kind] {
        [.anyShortfall, .unservedMWMonths, .peakShortfallMW, .totalSpendUSD] + model.caps.map { .capExceeded($0.id) }
    }

    /// Writes the figures of the path evaluated in `ws`.
    @inline(__always)
    static func record(_ ws: PathWorkspace, capUSD: UnsafeMutableBufferPointer<Double>, into figures: UnsafeMutablePointer<Double>) {
        figures[0] = ws.pathPeakShortfall > 0 ? 1 : 0
        figures[1] = ws.pathUnserved
        figures[2] = ws.pathPeakShortfall
        figures[3] = ws.pathSpend
        for cap in 0..<capUSD.count { figures[4 + cap] = ws.capSpend[cap] > capUSD[cap] ? 1 : 0 }
    }
}

/// Sampled driver inputs (path-major columns of delays, risk indicators and demand draws) and outcomes.
struct DriverSample {
    let inputs: UnsafeMutableBufferPointer<Float>
    let outcome: UnsafeMutableBufferPointer<Double>
    let rows: Int

    /// Room for `rows` paths of `columns` inputs.
    init(rows: Int, columns: Int) {
        self.rows = rows
        inputs = .allocate(capacity: max(1, rows * columns))
        outcome = .allocate(capacity: max(1, rows))
    }

    func deallocate() {
        inputs.deallocate()
        outcome.deallocate()
    }
}

/// One worker thread's state in a joint run: a full worker or a bare workspace per variant, each variant's figures
/// for the current block, and each pair's difference histograms.
final class JointWorker {
    let full: [WorkerState?]
    let bare: [PathWorkspace?]
    let figures: [UnsafeMutableBufferPointer<Double>]
    var pairHistograms: [[LogHistogram]]

    init(variants: [SimulationVariant], ranges: [[(lower: Double, upper: Double)]], pairFigures: [Int]) {
        full = variants.indices.map { v in
            variants[v].statistics == .full ? WorkerState(model: variants[v].model, onlineRanges: ranges[v]) : nil
        }
        bare = variants.map { $0.statistics == .full ? nil : PathWorkspace(model: $0.model) }
        figures = variants.map { v in
            zeroedBuffer(MonteCarloOptions.blockSize * PathFigures.count(caps: v.model.caps.count))
        }
        pairHistograms = pairFigures.map { [LogHistogram](repeating: LogHistogram(), count: $0) }
    }

    deinit {
        for buffer in figures { buffer.deallocate() }
    }
}

extension SimulationModel {
    /// Simulates several variants on common random numbers in one pass over the paths, accumulating each variant's
    /// statistics and the paired differences of each pair together (DESIGN §5.4).
    ///
    /// Path `i` of every variant uses the same draws for every entity the variants share (a phase, provider, region,
    /// risk or workload with the same id). Each block of paths runs every variant in turn, then adds the pairs'
    /// differences path by path, so a pair costs no second simulation. Sums merge in block order: the result is
    /// bit-identical at any thread count. With `options.untilStandardError`, the run stops at the first wave where
    /// every pair's differences (or, without pairs, every variant's headline figures) are known to the tolerance.
    /// - Parameters:
    ///   - variants: the compiled scenarios and what each records.
    ///   - pairs: which paired differences (other − base) to accumulate.
    ///   - options: paths, seed, threads, quantile levels, early stopping and driver settings.
    ///   - control: progress after each wave and a stop check before the next.
    /// - Returns: each variant's statistics and each pair's comparison.
    /// - Complexity: O(paths × Σ variants' path cost), memory independent of the number of paths.
    public static func simulate(
        _ variants: [SimulationVariant], pairs: [VariantPair], options: MonteCarloOptions, control: RunControl = .none
    ) -> JointRunResult {
        let totalPaths = min(max(1, options.paths), MonteCarloOptions.maximumPaths)
        let threads = max(1, options.threads)
        let models = variants.map(\.model)
        let layouts = models.map { SumLayout(model: $0) }
        let sizes = variants.indices.map { v in
            variants[v].statistics == .full ? layouts[v].count : 3 * models[v].monthCount
        }
        let plans = pairs.map { PairPlan(a: models[$0.base], b: models[$0.other], pair: $0) }
        let parts = sizes + plans.map(\.slotSize)
        let offsets = parts.indices.map { parts[..<$0].reduce(0, +) }
        let slotSize = parts.reduce(0, +)
        let ranges = models.map { $0.onlineMonthRanges() }
        let workers = (0..<threads).map { _ in
            JointWorker(variants: variants, ranges: ranges, pairFigures: plans.map(\.kinds.count))
        }
        let drivers = models.map { model in
            let columns = model.units.count + model.risks.count + model.workloads.count
            let rows = columns == 0 ? 0 : min(totalPaths, options.driverSample, max(1_000, 8_000_000 / columns))
            return DriverSample(rows: rows, columns: columns)
        }
        defer { for sample in drivers { sample.deallocate() } }
        let shared = UnsafeShared(value: (workers, drivers))
        let statistics = variants.map(\.statistics)
        let scheduler = WaveScheduler(totalPaths: totalPaths, threads: threads, slotSize: slotSize)
        var ending = RunEnding.completed
        let (totals, done) = scheduler.run(
            block: { paths, w, slot in
                let (workers, drivers) = shared.value
                let worker = workers[w]
                for v in models.indices {
                    let part = UnsafeMutableBufferPointer(rebasing: slot[offsets[v]..<(offsets[v] + sizes[v])])
                    guard let figures = worker.figures[v].baseAddress else { continue }
                    if statistics[v] == .full, let state = worker.full[v] {
                        models[v].runBlock(
                            paths: paths, seed: options.seed, worker: state, slot: part, layout: layouts[v],
                            drivers: drivers[v], figures: figures)
                    } else if let ws = worker.bare[v] {
                        models[v].runFiguresBlock(paths: paths, seed: options.seed, ws: ws, slot: part, figures: figures)
                    }
                }
                for (p, plan) in plans.enumerated() {
                    let part = UnsafeMutableBufferPointer(
                        rebasing: slot[offsets[models.count + p]..<(offsets[models.count + p] + plan.slotSize)])
                    plan.accumulate(
                        paths: paths.count, a: worker.figures[plan.pair.base], b: worker.figures[plan.pair.other],
                        into: part, histograms: &worker.pairHistograms[p])
                }
            },
            afterWave: { totals, done, _ in
                control.progress(MonteCarloProgress(completed: done, total: totalPaths))
                if control.shouldStop() {
                    ending = .stopped
                    return true
                }
                guard let tolerance = options.untilStandardError else { return false }
                let converged: Bool
                if plans.isEmpty {
                    converged = models.indices.allSatisfy { v in
                        statistics[v] != .full
                            || models[v].headlineConverged(
                                Array(totals[offsets[v]..<(offsets[v] + sizes[v])]), layout: layouts[v], paths: done,
                                tolerance: tolerance)
                    }
                } else {
                    converged = plans.indices.allSatisfy { p in
                        plans[p].converged(totals, offset: offsets[models.count + p], paths: done, tolerance: tolerance)
                    }
                }
                if converged { ending = .converged }
                return converged
            })
        let results = models.indices.map { v -> MonteCarloResult? in
            guard statistics[v] == .full else { return nil }
            return models[v].summariseVariant(
                Array(totals[offsets[v]..<(offsets[v] + sizes[v])]), layout: layouts[v],
                states: workers.compactMap { $0.full[v] }, drivers: drivers[v], paths: done, options: options)
        }
        let comparisons = plans.enumerated().map { p, plan in
            let a = plan.pair.base
            let b = plan.pair.other
            func sums(_ v: Int, _ metric: PairedMonthlyMetric) -> ArraySlice<Double> {
                let m = models[v].monthCount
                let start = offsets[v]
                    + (statistics[v] == .full ? layouts[v].metricSum + metric.fullIndex * m : metric.rawValue * m)
                return totals[start..<(start + m)]
            }
            var merged = workers[0].pairHistograms[p]
            for worker in workers.dropFirst() {
                for f in merged.indices { merged[f].merge(worker.pairHistograms[p][f]) }
            }
            return plan.summarise(
                totals, offset: offsets[models.count + p], histograms: merged, paths: done, options: options,
                monthlySums: { metric in (sums(a, metric), sums(b, metric)) })
        }
        return JointRunResult(results: results, comparisons: comparisons, paths: done, ending: ending)
    }

    /// Runs the Monte Carlo simulation (DESIGN §5) of this model alone: `options.paths` correlated paths streamed
    /// into mergeable statistics (see ``simulate(_:pairs:options:control:)``).
    /// - Parameters:
    ///   - options: paths, seed, threads, quantile levels, early stopping and driver settings.
    ///   - control: progress after each wave and a stop check before the next.
    /// - Returns: the statistics of the paths simulated.
    public func simulate(_ options: MonteCarloOptions, control: RunControl = .none) -> MonteCarloResult {
        let run = Self.simulate([SimulationVariant(self)], pairs: [], options: options, control: control)
        guard let first = run.results.first, let result = first else {
            preconditionFailure("a full variant always has statistics")
        }
        return result
    }

    /// Simulates `self` (A) and `other` (B) on common random numbers and returns the distribution of their paired
    /// differences B − A (DESIGN §5.4).
    /// - Parameters:
    ///   - other: scenario B.
    ///   - options: paths, seed, threads, quantile levels and early stopping (on the paired differences).
    ///   - control: progress after each wave and a stop check before the next.
    /// - Returns: the paired figures and monthly mean differences.
    public func compare(with other: SimulationModel, options: MonteCarloOptions, control: RunControl = .none) -> ComparisonResult {
        let run = Self.simulate(
            [SimulationVariant(self, statistics: .pairedFiguresOnly), SimulationVariant(other, statistics: .pairedFiguresOnly)],
            pairs: [VariantPair(base: 0, other: 1)], options: options, control: control)
        return run.comparisons[0]
    }

    /// Simulates one block of paths recording only the paired figures and monthly sums of capacity, shortfall and
    /// spend (`slot`: three series of `monthCount`).
    func runFiguresBlock(
        paths: Range<Int>, seed: UInt64, ws: PathWorkspace, slot: UnsafeMutableBufferPointer<Double>,
        figures: UnsafeMutablePointer<Double>
    ) {
        let k = kernel
        let m = k.months
        let stride = PathFigures.count(caps: k.capCount)
        for path in paths {
            drawPath(.random(seed: seed, path: path), into: ws)
            evaluatePath(ws)
            PathFigures.record(ws, capUSD: k.capUSD, into: figures + (path - paths.lowerBound) * stride)
            for t in 0..<m {
                slot[t] += ws.capacityTotal[t]
                slot[m + t] += ws.shortfallTotal[t]
                slot[2 * m + t] += ws.spendTotal[t]
            }
        }
    }

    /// Merges the workers' histograms of one full variant and summarises its sums.
    func summariseVariant(
        _ totals: [Double], layout: SumLayout, states: [WorkerState], drivers: DriverSample, paths: Int,
        options: MonteCarloOptions
    ) -> MonteCarloResult {
        var monthly = states[0].monthly
        var perPath = states[0].perPath
        for state in states.dropFirst() {
            for i in monthly.indices { monthly[i].merge(state.monthly[i]) }
            for i in perPath.indices { perPath[i].merge(state.perPath[i]) }
            states[0].online.merge(state.online)
        }
        let online = states[0].online.histograms()
        let sampled = min(drivers.rows, paths)
        let ranked = rankDrivers(
            inputs: UnsafeBufferPointer(drivers.inputs), outcome: UnsafeBufferPointer(drivers.outcome), rows: sampled,
            stride: drivers.rows, top: options.topDrivers, threads: max(1, options.threads))
        return summarise(
            totals: totals, layout: layout, paths: paths, options: options, monthly: monthly, perPath: perPath,
            online: online, drivers: ranked, driverPaths: sampled)
    }
}
