import Dispatch
import HeadroomModel

/// One variant of a joint run: a compiled scenario and the statistics it accumulates.
public struct SimulationVariant: Sendable {
    /// The compiled scenario (a static run or a deal structure's dynamic run).
    public var model: CompiledScenario
    /// What it accumulates; a variant in a pair also keeps the monthly sums its comparisons difference.
    public var statistics: StatisticsSelection

    /// Creates a variant.
    public init(_ model: CompiledScenario, statistics: StatisticsSelection = .all) {
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
    /// Per variant, the statistics it asked for.
    public var results: [MonteCarloResult]
    /// Per variant, the mergeable state of every family it accumulated (what a shard of the run would save).
    public var states: [[AccumulatorState]]
    /// Per pair, the mergeable state of its paired differences.
    public var pairStates: [PairState]
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
    static func kinds(_ model: CompiledScenario) -> [PairedFigure.Kind] {
        [.anyShortfall, .unservedMWMonths, .peakShortfallMW, .totalSpendUSD] + model.caps.map { .capExceeded($0.id) }
    }

    /// Writes the figures of the path evaluated in `ws`.
    @inline(__always)
    static func record(
        _ ws: PathWorkspace, capUSD: UnsafeMutableBufferPointer<Double>, into figures: UnsafeMutablePointer<Double>
    ) {
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
        inputs = zeroedBuffer(max(1, rows * columns))
        outcome = zeroedBuffer(max(1, rows))
    }

    func deallocate() {
        inputs.deallocate()
        outcome.deallocate()
    }
}

/// One worker thread's state in a joint run: per variant a workspace, its accumulators and its paired figures for
/// the current block; per pair its difference histograms.
final class JointWorker {
    let workspaces: [PathWorkspace]
    let accumulators: [[any PathAccumulator]]
    let figures: [UnsafeMutableBufferPointer<Double>]
    var pairHistograms: [[LogHistogram]]

    init(
        variants: [SimulationVariant], contexts: [AccumulationContext], samples: [DriverSample], paired: [Bool],
        pairFigures: [Int]
    ) {
        workspaces = variants.indices.map { v in
            let ws = PathWorkspace(model: variants[v].model)
            ws.prepareForSimulation(
                spend: variants[v].statistics.needsSpend || paired[v],
                providerFigures: variants[v].statistics.needsProviderFigures)
            return ws
        }
        accumulators = variants.indices.map { v in
            variants[v].model.makeAccumulators(variants[v].statistics, context: contexts[v], driverSample: samples[v])
        }
        figures = variants.map { v in
            zeroedBuffer(MonteCarloOptions.blockSize * PathFigures.count(caps: v.model.caps.count))
        }
        pairHistograms = pairFigures.map { [LogHistogram](repeating: LogHistogram(), count: $0) }
    }

    deinit {
        for buffer in figures { buffer.deallocate() }
    }
}

extension Simulator {
    /// Simulates several variants on common random numbers in one pass over the paths, accumulating each variant's
    /// statistics and the paired differences of each pair together (DESIGN §5.4).
    ///
    /// Path `i` of every variant uses the same draws for every entity the variants share (a phase, provider, region,
    /// risk or workload with the same id). Each block of paths runs every variant in turn, then adds the pairs'
    /// differences path by path, so a pair costs no second simulation. Sums are exact (``ExactSums``): the result is
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
        let paired = variants.indices.map { v in pairs.contains { $0.base == v || $0.other == v } }
        let variants = variants.indices.map { v in pairedVariant(variants[v], paired: paired[v]) }
        let models = variants.map(\.model)
        let contexts = models.map { AccumulationContext(model: $0) }
        let drivers = models.map { model in
            let columns = model.units.count + model.risks.count + model.workloads.count
            let rows = columns == 0 ? 0 : min(totalPaths, options.driverSample, max(1_000, 8_000_000 / columns))
            return DriverSample(rows: rows, columns: columns)
        }
        defer { for sample in drivers { sample.deallocate() } }
        let plans = pairs.map { PairPlan(a: models[$0.base], b: models[$0.other], pair: $0) }
        let workers = (0..<threads).map { _ in
            JointWorker(
                variants: variants, contexts: contexts, samples: drivers, paired: paired,
                pairFigures: plans.map(\.kinds.count))
        }
        // The slot of one block: each variant's accumulators' sums, then each pair's.
        let familySizes = workers[0].accumulators.map { $0.map(\.sumCount) }
        let parts = familySizes.flatMap { $0 } + plans.map(\.slotSize)
        let offsets = parts.indices.map { parts[..<$0].reduce(0, +) }
        let slotSize = parts.reduce(0, +)
        var firstPart = [0]
        for sizes in familySizes { firstPart.append((firstPart.last ?? 0) + sizes.count) }
        let variantOffsets = models.indices.map { v in Array(offsets[firstPart[v]..<firstPart[v + 1]]) }
        let pairOffsets = plans.indices.map { offsets[firstPart[models.count] + $0] }
        let shared = UnsafeShared(value: workers)
        // A shard runs its blocks' paths only.
        let runPaths =
            options.blocks.map {
                min(totalPaths, $0.upperBound * MonteCarloOptions.blockSize) - $0.lowerBound
                    * MonteCarloOptions.blockSize
            } ?? totalPaths
        var scheduler = WaveScheduler(totalPaths: totalPaths, threads: threads, slotSize: slotSize)
        scheduler.blocks = options.blocks
        var ending = RunEnding.completed
        let (exactTotals, done) = scheduler.run(
            block: { paths, w, slot in
                let worker = shared.value[w]
                for v in models.indices {
                    guard let figures = worker.figures[v].baseAddress else { continue }
                    models[v].runBlock(
                        paths: paths, seed: options.seed, ws: worker.workspaces[v],
                        accumulators: worker.accumulators[v],
                        offsets: variantOffsets[v], slot: slot, figures: figures)
                }
                for (p, plan) in plans.enumerated() {
                    let part = UnsafeMutableBufferPointer(
                        rebasing: slot[pairOffsets[p]..<(pairOffsets[p] + plan.slotSize)])
                    plan.accumulate(
                        paths: paths.count, a: worker.figures[plan.pair.base], b: worker.figures[plan.pair.other],
                        into: part, histograms: &worker.pairHistograms[p])
                }
            },
            afterWave: { roundedTotals, done, _ in
                control.progress(MonteCarloProgress(completed: done, total: runPaths))
                if control.shouldStop() {
                    ending = .stopped
                    return true
                }
                guard let tolerance = options.untilStandardError else { return false }
                let totals = roundedTotals()
                let converged: Bool
                if plans.isEmpty {
                    converged = models.indices.allSatisfy { v in
                        zip(workers[0].accumulators[v], variantOffsets[v]).allSatisfy { accumulator, offset in
                            accumulator.converged(
                                totals[offset..<(offset + accumulator.sumCount)], paths: done, tolerance: tolerance)
                        }
                    }
                } else {
                    converged = plans.indices.allSatisfy { p in
                        plans[p].converged(totals, offset: pairOffsets[p], paths: done, tolerance: tolerance)
                    }
                }
                if converged { ending = .converged }
                return converged
            })
        // The driver sample's rows are path indices of the whole run: a shard keeps them all, filling its own.
        let lastPath = options.blocks == nil ? done : totalPaths
        let states = models.indices.map { v in
            workers[0].accumulators[v].enumerated().map { a, accumulator in
                let exact = exactTotals.slice(variantOffsets[v][a]..<(variantOffsets[v][a] + accumulator.sumCount))
                var state = accumulator.state(
                    sums: exact.rounded(), others: workers.dropFirst().map { $0.accumulators[v][a] }, paths: lastPath)
                state.exactSums = exact
                return state
            }
        }
        let pairStates = plans.enumerated().map { p, plan in
            var merged = workers[0].pairHistograms[p]
            for worker in workers.dropFirst() {
                for f in merged.indices { merged[f].merge(worker.pairHistograms[p][f]) }
            }
            return PairState(
                exactSums: exactTotals.slice(pairOffsets[p]..<(pairOffsets[p] + plan.slotSize)), histograms: merged)
        }
        var result = Self.summarise(
            variants: variants, plans: plans, states: states, pairStates: pairStates, paths: done, options: options)
        result.ending = ending
        return result
    }

    /// Runs the Monte Carlo simulation (DESIGN §5) of this model alone: `options.paths` correlated paths streamed
    /// into mergeable statistics (see ``simulate(_:pairs:options:control:)``).
    /// - Parameters:
    ///   - options: paths, seed, threads, quantile levels, early stopping and driver settings.
    ///   - control: progress after each wave and a stop check before the next.
    /// - Returns: the statistics of the paths simulated.
    public func simulate(_ options: MonteCarloOptions, control: RunControl = .none) -> MonteCarloResult {
        Self.simulate(
            [SimulationVariant(compiled, statistics: options.statistics)], pairs: [], options: options,
            control: control
        ).results[0]
    }

    /// Simulates this scenario (A) and `other` (B) on common random numbers and returns the distribution of their paired
    /// differences B − A (DESIGN §5.4).
    /// - Parameters:
    ///   - other: scenario B.
    ///   - options: paths, seed, threads, quantile levels and early stopping (on the paired differences).
    ///   - control: progress after each wave and a stop check before the next.
    /// - Returns: the paired figures and monthly mean differences.
    public func compare(with other: CompiledScenario, options: MonteCarloOptions, control: RunControl = .none)
        -> ComparisonResult
    {
        let run = Self.simulate(
            [SimulationVariant(compiled, statistics: .none), SimulationVariant(other, statistics: .none)],
            pairs: [VariantPair(base: 0, other: 1)], options: options, control: control)
        return run.comparisons[0]
    }
}
