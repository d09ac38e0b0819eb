import HeadroomModel

/// The mergeable state of one pair of a joint run: its exact sums and its difference histograms.
public struct PairState: Sendable, Hashable, Codable {
    /// The pair's sums (eight per compared figure, then its monthly sums), exact.
    public var exactSums: ExactSums
    /// Per compared figure, the histogram of the paired differences.
    public var histograms: [LogHistogram]

    /// Creates a state.
    public init(exactSums: ExactSums, histograms: [LogHistogram]) {
        self.exactSums = exactSums
        self.histograms = histograms
    }

    /// Adds another shard's state of the same pair.
    ///
    /// - Parameter other: The same pair's state from disjoint blocks of the same run.
    /// - Returns: `nil` when the two do not fit together.
    public func merged(with other: PairState) -> PairState? {
        guard exactSums.count == other.exactSums.count, histograms.count == other.histograms.count else { return nil }
        var result = self
        result.exactSums.merge(other.exactSums)
        for i in histograms.indices { result.histograms[i].merge(other.histograms[i]) }
        return result
    }
}

extension Simulator {
    /// The statistics and comparisons of a joint run from its merged states (of one run, or of its shards merged):
    /// what ``simulate(_:pairs:options:control:)`` returns for the same variants, pairs and paths, bit for bit.
    ///
    /// - Parameters:
    ///   - variants: The run's variants, as given to `simulate`.
    ///   - pairs: Its pairs.
    ///   - states: Per variant, every family's merged state.
    ///   - pairStates: Per pair, its merged state.
    ///   - paths: Paths the states cover.
    ///   - options: The run's options.
    /// - Returns: The run's result (ending `completed`).
    public static func summarise(
        _ variants: [SimulationVariant], pairs: [VariantPair], states: [[AccumulatorState]], pairStates: [PairState],
        paths: Int, options: MonteCarloOptions
    ) -> JointRunResult {
        let paired = variants.indices.map { v in pairs.contains { $0.base == v || $0.other == v } }
        let variants = variants.indices.map { v in pairedVariant(variants[v], paired: paired[v]) }
        let plans = pairs.map { PairPlan(a: variants[$0.base].model, b: variants[$0.other].model, pair: $0) }
        return summarise(
            variants: variants, plans: plans, states: states, pairStates: pairStates, paths: paths, options: options)
    }

    /// A variant in a pair also keeps the monthly sums its comparisons difference.
    static func pairedVariant(_ variant: SimulationVariant, paired: Bool) -> SimulationVariant {
        guard paired else { return variant }
        var variant = variant
        variant.statistics = StatisticsSelection(
            families: variant.statistics.families.union([.monthly]),
            monthlyMetrics: variant.statistics.monthlyMetrics.union([.capacity, .shortfall, .spend]),
            quantileMetrics: variant.statistics.quantileMetrics)
        return variant
    }

    /// The shared tail of a joint run: results from states, comparisons from pair states and monthly sums.
    static func summarise(
        variants: [SimulationVariant], plans: [PairPlan], states: [[AccumulatorState]], pairStates: [PairState],
        paths: Int, options: MonteCarloOptions
    ) -> JointRunResult {
        let results = variants.indices.map { v in
            variants[v].model.summarise(states[v], statistics: variants[v].statistics, paths: paths, options: options)
        }
        let comparisons = plans.enumerated().map { p, plan in
            func sums(_ v: Int, _ metric: MonthlyMetric) -> ArraySlice<Double> {
                guard let state = states[v].first(where: { $0.family == .monthly }),
                    let k = variants[v].statistics.monthlyMetrics.sorted().firstIndex(of: metric)
                else { return [] }
                let m = variants[v].model.monthCount
                return state.sums[(k * m)..<((k + 1) * m)]
            }
            return plan.summarise(
                pairStates[p].exactSums.rounded(), offset: 0, histograms: pairStates[p].histograms, paths: paths,
                options: options,
                monthlySums: { metric in (sums(plan.pair.base, metric), sums(plan.pair.other, metric)) })
        }
        return JointRunResult(
            results: results, states: states, pairStates: pairStates, comparisons: comparisons, paths: paths,
            ending: .completed)
    }
}
