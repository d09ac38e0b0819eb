import HeadroomModel

/// The mergeable state of one statistic family after some blocks of paths: its sums (exact, so totals never depend on
/// the thread count or the shards), its histograms (integer counts, merged in any order) and, for drivers, the first
/// paths' sampled inputs.
///
/// States are `Codable` so that shards of a run can be saved and merged before summarising.
public struct AccumulatorState: Sendable, Hashable, Codable {
    /// The family.
    public var family: StatisticFamily
    /// Floating-point sums, in the family's own layout (``exactSums`` rounded).
    public var sums: [Double]
    /// The same sums exact, which shards of a run add to the whole run's bit-identical totals.
    public var exactSums: ExactSums?
    /// Log histograms (monthly quantiles, per-path totals).
    public var histograms: [LogHistogram]
    /// Linear histograms (phase online months).
    public var linearHistograms: [LinearHistogram]
    /// Sampled inputs, column-major with `sampleStride` rows per column (drivers only).
    public var sample: [Float]
    /// Sampled outcomes, one per sampled path (drivers only).
    public var sampleOutcome: [Double]
    /// Rows per sampled column (drivers only).
    public var sampleStride: Int

    /// Creates a state.
    public init(
        family: StatisticFamily, sums: [Double], histograms: [LogHistogram] = [],
        linearHistograms: [LinearHistogram] = [],
        sample: [Float] = [], sampleOutcome: [Double] = [], sampleStride: Int = 0
    ) {
        self.family = family
        self.sums = sums
        self.exactSums = nil
        self.histograms = histograms
        self.linearHistograms = linearHistograms
        self.sample = sample
        self.sampleOutcome = sampleOutcome
        self.sampleStride = sampleStride
    }
}

extension AccumulatorState {
    /// Adds another shard's state of the same family: exact sums add, histogram counts add, and the sampled rows
    /// (each written by the one shard that ran its path, zero elsewhere) add too.
    ///
    /// - Parameter other: The same family's state from disjoint blocks of the same run.
    /// - Returns: `nil` when the two do not fit together (another family, layout or sample size).
    public func merged(with other: AccumulatorState) -> AccumulatorState? {
        guard family == other.family, sums.count == other.sums.count, histograms.count == other.histograms.count,
            linearHistograms.count == other.linearHistograms.count, sample.count == other.sample.count,
            sampleOutcome.count == other.sampleOutcome.count, sampleStride == other.sampleStride,
            var exact = exactSums, let otherExact = other.exactSums, exact.count == otherExact.count
        else { return nil }
        exact.merge(otherExact)
        var result = self
        result.exactSums = exact
        result.sums = exact.rounded()
        for i in histograms.indices { result.histograms[i].merge(other.histograms[i]) }
        for i in linearHistograms.indices {
            guard linearHistograms[i].lowerBound == other.linearHistograms[i].lowerBound,
                linearHistograms[i].binWidth == other.linearHistograms[i].binWidth
            else { return nil }
            result.linearHistograms[i].merge(other.linearHistograms[i])
        }
        for i in sample.indices { result.sample[i] += other.sample[i] }
        for i in sampleOutcome.indices { result.sampleOutcome[i] += other.sampleOutcome[i] }
        return result
    }
}

/// What every family's accumulator sees: the compiled model (the drivers' sample, bounded by the run's paths, is
/// passed to its accumulator apart).
struct AccumulationContext {
    let model: CompiledScenario

    var kernel: KernelData { model.kernel }
}

/// One statistic family's per-worker accumulator: it records each evaluated path, adds its floating-point sums to
/// the block's slot, keeps its histograms itself, and hands over its state at the end.
///
/// Paths are recorded in sub-batches of ``MonteCarloOptions/histogramBatch``: ``record(_:path:batchIndex:sums:)``
/// for each path, then ``endBatch(count:sums:)``, so a family can reduce whole columns at once.
protocol PathAccumulator: AnyObject {
    /// The family it accumulates.
    var family: StatisticFamily { get }
    /// How many floating-point sums it adds to a block's slot.
    var sumCount: Int { get }
    /// Called before a block's first path, with this family's part of the block's slot.
    func beginBlock(_ ws: PathWorkspace, sums: UnsafeMutablePointer<Double>)
    /// Records path `path` (the `i`-th of the current sub-batch) from the evaluated workspace.
    func record(_ ws: PathWorkspace, path: Int, batchIndex i: Int, sums: UnsafeMutablePointer<Double>)
    /// Ends a sub-batch of `n` paths.
    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>)
    /// Its state after `paths` paths, given its merged sums; `others` are the same family's accumulators of the
    /// other workers (their histograms merge into this one's).
    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState
    /// Whether this family's headline figures are known to `tolerance` after `paths` paths (relative for
    /// expectations, absolute for probabilities), for early stopping.
    func converged(_ sums: ArraySlice<Double>, paths: Int, tolerance: Double) -> Bool
    /// Writes this family's section of `result` from a merged state.
    static func summarise(
        _ state: AccumulatorState, _ model: CompiledScenario, options: MonteCarloOptions, paths: Int,
        into result: inout MonteCarloResult
    )
}

extension PathAccumulator {
    func converged(_ sums: ArraySlice<Double>, paths: Int, tolerance: Double) -> Bool { true }

    func beginBlock(_ ws: PathWorkspace, sums: UnsafeMutablePointer<Double>) {}

    func endBatch(count n: Int, sums: UnsafeMutablePointer<Double>) {}

    func state(sums: [Double], others: [any PathAccumulator], paths: Int) -> AccumulatorState {
        AccumulatorState(family: family, sums: sums)
    }
}

extension CompiledScenario {
    /// The accumulators of `selection` for one worker, in family order.
    func makeAccumulators(
        _ selection: StatisticsSelection, context: AccumulationContext, driverSample: DriverSample
    ) -> [any PathAccumulator] {
        selection.families.sorted().compactMap { family -> (any PathAccumulator)? in
            switch family {
            case .unserved: UnservedAccumulator(context)
            case .spend: SpendAccumulator(context)
            case .monthly:
                MonthlyAccumulator(context, moments: selection.monthlyMetrics, quantiles: selection.quantileMetrics)
            case .phases: PhaseAccumulator(context)
            case .providers: ProviderAccumulator(context)
            case .contracts: ContractAccumulator(context)
            case .caps: CapAccumulator(context)
            case .risks: RiskAccumulator(context)
            case .drivers: DriverAccumulator(context, sample: driverSample)
            case .procurement: procurement == nil ? nil : ProcurementAccumulator(context)
            }
        }
    }

    /// Simulates one block of paths: each path is drawn, evaluated, its paired figures written to `figures`, and
    /// recorded by every accumulator into its part of `slot` (at `offsets`).
    func runBlock(
        paths: Range<Int>, seed: UInt64, ws: PathWorkspace, accumulators: [any PathAccumulator], offsets: [Int],
        slot: UnsafeMutableBufferPointer<Double>, figures: UnsafeMutablePointer<Double>
    ) {
        guard let base = slot.baseAddress else { return }
        for (a, accumulator) in accumulators.enumerated() { accumulator.beginBlock(ws, sums: base + offsets[a]) }
        let k = kernel
        let figureCount = PathFigures.count(caps: k.capCount)
        var start = paths.lowerBound
        while start < paths.upperBound {
            let end = min(start + MonteCarloOptions.histogramBatch, paths.upperBound)
            for path in start..<end {
                drawPath(.random(seed: seed, path: path), into: ws)
                evaluatePath(ws)
                PathFigures.record(ws, capUSD: k.capUSD, into: figures + (path - paths.lowerBound) * figureCount)
                for (a, accumulator) in accumulators.enumerated() {
                    accumulator.record(ws, path: path, batchIndex: path - start, sums: base + offsets[a])
                }
            }
            for (a, accumulator) in accumulators.enumerated() {
                accumulator.endBatch(count: end - start, sums: base + offsets[a])
            }
            start = end
        }
    }
}
