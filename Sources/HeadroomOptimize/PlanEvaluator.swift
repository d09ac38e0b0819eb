import HeadroomEngine
import HeadroomMILP
import HeadroomModel

/// Judges a plan out of sample (see ``PlanEvaluation`` for the definitions).
///
/// The fresh paths are streamed in chunks, so memory does not grow with their number; the engine's joint run of the
/// signed world, the plan and the median plan on common random numbers gives the engine's figures, the very ones a
/// `simulate` of the written plan reports for the same seed and paths.
public struct PlanEvaluator: Sendable {
    /// The optimizer (for the median plan, the replications and the wait-and-see problems).
    public let optimizer: Optimizer

    /// Creates an evaluator.
    public init(optimizer: Optimizer) {
        self.optimizer = optimizer
    }

    /// What to estimate and on how many paths.
    public struct Options: Sendable, Hashable {
        /// Fresh paths N.
        public var paths: Int
        /// Their seed.
        public var seed: UInt64
        /// Mak–Morton–Wood replications M (0: none).
        public var replications: Int
        /// In-sample paths the EVPI is estimated on (0: none).
        public var perfectInformationPaths: Int

        /// Creates options.
        public init(
            paths: Int = 100_000, seed: UInt64 = 1_000_003, replications: Int = 0, perfectInformationPaths: Int = 0
        ) {
            self.paths = paths
            self.seed = seed
            self.replications = replications
            self.perfectInformationPaths = perfectInformationPaths
        }
    }

    /// Evaluates `result` (a plan for `scenario` made with `options`).
    /// - Throws: ``OptimizationError`` when the median plan or a replication cannot be solved.
    public func evaluate(
        _ scenario: Scenario, plan result: OptimizationResult, options: OptimizeOptions, evaluation: Options
    ) throws(OptimizationError) -> PlanEvaluation {
        let world = try PlanningWorld(scenario: scenario)
        var medianOptions = options
        medianOptions.method = .extensive
        medianOptions.costCVaR = nil
        let (medianResult, medianNote) = try medianPlan(scenario, world: world, options: medianOptions)
        let plans: [[Int]] = [[Int](repeating: 0, count: world.candidates.count), result.lots, medianResult.lots]
        let names = ["signed contracts only", "plan", "plan made on medians"]
        // The optimizer's cost model, streamed.
        var cost = [RunningMoments](repeating: RunningMoments(), count: 3)
        var spend = cost
        var penalty = cost
        var saving = RunningMoments()
        var vss = RunningMoments()
        let n = max(1, evaluation.paths)
        let chunk = 2048
        var first = 0
        var source: SampleSource?
        while first < n {
            let draws = SampleSet.random(seed: evaluation.seed, paths: first..<min(n, first + chunk))
            let problem = try OptimizationProblem(world: world, options: options, draws: draws, source: source)
            source = problem.source
            let costs = plans.map { lots in
                let x = lots.map(Double.init)
                let values = problem.recourse.evaluate(lots: x, threads: options.threads, gradients: false)
                return (0..<problem.pathCount).map { s -> (Double, Double) in
                    var paid = problem.samples.signedSpend[s]
                    for c in 0..<problem.candidateCount where x[c] != 0 {
                        paid += problem.spendPerLot[s * problem.candidateCount + c] * x[c]
                    }
                    return (paid, values[s].penalty)
                }
            }
            for s in 0..<problem.pathCount {
                for p in plans.indices {
                    cost[p].add(costs[p][s].0 + costs[p][s].1)
                    spend[p].add(costs[p][s].0)
                    penalty[p].add(costs[p][s].1)
                }
                saving.add(costs[0][s].0 + costs[0][s].1 - costs[1][s].0 - costs[1][s].1)
                vss.add(costs[2][s].0 + costs[2][s].1 - costs[1][s].0 - costs[1][s].1)
            }
            first += chunk
        }
        let engine = try engineRun(
            world: world, plans: plans, paths: n, seed: evaluation.seed, threads: options.threads)
        let rows = plans.indices.map { p in
            let figures = engine[p]
            let newMW = zip(world.candidates, plans[p]).reduce(0.0) { $0 + $1.0.lotMW * Double($1.1) }
            return PlanEvaluation.Row(
                name: names[p], newMW: newMW, expectedCostUSD: cost[p].interval, expectedSpendUSD: spend[p].interval,
                expectedPenaltyUSD: penalty[p].interval, expectedUnservedMWMonths: figures.unserved,
                engineSpendUSD: figures.spend, servedShare: figures.servedShare,
                probabilityOfShortfall: figures.probabilityOfShortfall,
                shortfallProbabilityByMonth: figures.shortfallByMonth, capBreach: figures.capBreach,
                capacityFan: figures.capacity, demandFan: figures.demand)
        }
        var evaluationResult = PlanEvaluation(
            paths: n, seed: evaluation.seed, rows: rows, medianPlan: medianResult.lines, medianPlanNote: medianNote,
            savingAgainstSigned: saving.interval, valueOfStochasticSolution: vss.interval,
            expectedValueOfPerfectInformation: nil, perfectInformationPaths: 0, gapBound: nil)
        if evaluation.perfectInformationPaths > 0 {
            let k = min(evaluation.perfectInformationPaths, options.paths)
            evaluationResult.expectedValueOfPerfectInformation = try perfectInformation(
                scenario, world: world, lots: result.lots, options: options, paths: k)
            evaluationResult.perfectInformationPaths = k
        }
        if evaluation.replications >= 2 {
            evaluationResult.gapBound = try gapBound(
                scenario, world: world, plan: result, options: options, replications: evaluation.replications)
        }
        return evaluationResult
    }

    /// The plan made on the median path alone (see ``solveAdjusted(_:world:options:draws:)`` for a cap the signed
    /// contracts alone break there).
    func medianPlan(_ scenario: Scenario, world: PlanningWorld, options: OptimizeOptions)
        throws(OptimizationError) -> (OptimizationResult, String?)
    {
        let probe = try OptimizationProblem(world: world, options: options, draws: [.deterministic(.median)])
        let (result, notes) = try solveAdjusted(probe, scenario: scenario, options: options)
        let note = notes.map { "on the median path " + $0 + ", so the plan made on medians adds no spend there" }
        return (result, note.isEmpty ? nil : note.joined(separator: "; "))
    }

    /// The optimum of `probe` (a problem on `scenario`'s world), kept caps relaxed where they cannot be kept.
    ///
    /// A kept cap the signed contracts alone
    /// already break on its paths is raised to their spend (nothing new may be counted in its window): a
    /// relaxation, so its optimum is never above the true one's, and the bounds built on it stay valid. The relaxed
    /// problem is drawn from `probe`'s compiled source (caps' limits do not enter the samples).
    /// - Returns: the result and one note per raised cap (`the signed contracts alone spend … in CAP's window`).
    func solveAdjusted(_ probe: OptimizationProblem, scenario: Scenario, options: OptimizeOptions)
        throws(OptimizationError) -> (OptimizationResult, [String])
    {
        var adjusted = scenario
        var notes: [String] = []
        for (j, cap) in probe.caps.enumerated() {
            let signed = probe.meanSignedCapSpend(j)
            guard signed > cap.usd, let index = adjusted.budget.caps.firstIndex(where: { $0.id == cap.id }) else {
                continue
            }
            adjusted.budget.caps[index].usd = signed * (1 + 1e-9)
            notes.append(
                "the signed contracts alone spend \(Optimizer.usd(signed)) in \(cap.id)'s window "
                    + "(limit \(Optimizer.usd(cap.usd)))")
        }
        guard !notes.isEmpty else { return (try optimizer.solve(probe, options: options) { _ in }, []) }
        let problem = try OptimizationProblem(
            world: try PlanningWorld(scenario: adjusted), options: options, draws: probe.samples.draws,
            source: probe.source)
        return (try optimizer.solve(problem, options: options) { _ in }, notes)
    }

    /// The engine's figures of each plan on the fresh paths, from one joint run on common random numbers.
    struct EngineFigures {
        var unserved: PlanEvaluation.Interval
        var spend: PlanEvaluation.Interval
        var servedShare: Double
        var probabilityOfShortfall: Double
        var shortfallByMonth: [Double]
        var capBreach: [OptimizationResult.NamedFigure]
        var capacity: PlanEvaluation.Fan
        var demand: PlanEvaluation.Fan
    }

    func engineRun(world: PlanningWorld, plans: [[Int]], paths: Int, seed: UInt64, threads: Int)
        throws(OptimizationError) -> [EngineFigures]
    {
        var variants: [SimulationVariant] = []
        for (p, lots) in plans.enumerated() {
            let scenario = world.planScenario(lots: lots)
            do {
                variants.append(
                    SimulationVariant(
                        try CompiledScenario(scenario: scenario),
                        statistics: StatisticsSelection(families: [.unserved, .spend, .caps, .monthly])))
            } catch {
                throw OptimizationError(.invalidInput, path: error.path, "plan \(p): \(error.message)")
            }
        }
        var options = MonteCarloOptions(paths: paths, seed: seed, threads: threads, quantileLevels: [0.1, 0.5, 0.9])
        options.driverSample = 0
        let run = Simulator.simulate(variants, pairs: [], options: options)
        return run.results.map { result in
            let unserved = result.headline?.expectedUnservedMWMonths
            let spend = result.expectedTotalSpendUSD
            let demand = result.demand?.mean.reduce(0, +) ?? 0
            return EngineFigures(
                unserved: .init(value: unserved?.value ?? 0, halfWidth: 1.96 * (unserved?.standardError ?? 0)),
                spend: .init(value: spend?.value ?? 0, halfWidth: 1.96 * (spend?.standardError ?? 0)),
                servedShare: demand > 0 ? 1 - (unserved?.value ?? 0) / demand : 1,
                probabilityOfShortfall: result.headline?.probabilityOfAnyShortfall.value ?? 0,
                shortfallByMonth: result.shortfallProbability ?? [],
                capBreach: result.caps.map { .init(name: $0.id.rawValue, value: $0.probabilityExceeded.value) },
                capacity: Self.fan(result.capacity), demand: Self.fan(result.demand))
        }
    }

    /// P10, P50, P90 of a monthly statistic accumulated at levels 0.1, 0.5, 0.9.
    static func fan(_ statistic: MonthlyStatistic?) -> PlanEvaluation.Fan {
        let q = statistic?.quantiles ?? []
        return PlanEvaluation.Fan(p10: q[safe: 0] ?? [], p50: q[safe: 1] ?? [], p90: q[safe: 2] ?? [])
    }
}

extension Array {
    /// The element at `index`, or `nil` outside the array.
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
