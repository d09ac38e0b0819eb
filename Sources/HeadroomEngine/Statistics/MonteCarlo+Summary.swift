import HeadroomModel

extension CompiledScenario {
    /// The result of merged family states (see ``Simulator/summarise(_:statistics:paths:options:)``).
    func summarise(
        _ states: [AccumulatorState], statistics: StatisticsSelection, paths: Int, options: MonteCarloOptions
    ) -> MonteCarloResult {
        var result = MonteCarloResult(
            paths: paths, seed: options.seed, statistics: statistics, structure: procurement?.structure,
            months: (0..<monthCount).map { start.adding(months: $0) }, quantileLevels: options.quantileLevels,
            demand: nil, capacity: nil, shortfall: nil, idle: nil, spend: nil, shortfallProbability: nil,
            shortfallByWorkload: [], headline: nil, unservedMWMonthsQuantiles: nil, expectedTotalSpendUSD: nil,
            totalSpendQuantiles: nil, phases: [], providers: [], contracts: [], caps: [], riskFrequencies: [],
            procurement: nil, slowDemandPaths: 0, drivers: [], driverSamplePaths: 0)
        for state in states {
            let family: any PathAccumulator.Type =
                switch state.family {
                case .unserved: UnservedAccumulator.self
                case .spend: SpendAccumulator.self
                case .monthly: MonthlyAccumulator.self
                case .phases: PhaseAccumulator.self
                case .providers: ProviderAccumulator.self
                case .contracts: ContractAccumulator.self
                case .caps: CapAccumulator.self
                case .risks: RiskAccumulator.self
                case .drivers: DriverAccumulator.self
                case .procurement: ProcurementAccumulator.self
                }
            family.summarise(state, self, options: options, paths: paths, into: &result)
        }
        return result
    }

    /// `value`, or 0 when it is within floating-point noise of `scale` (a difference of two equal sums).
    static func roundingNoiseToZero(_ value: Double, scale: Double) -> Double {
        abs(value) <= 1e-9 * max(1, abs(scale)) ? 0 : value
    }
}
