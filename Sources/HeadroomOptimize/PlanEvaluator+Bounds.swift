import HeadroomEngine
import HeadroomModel

extension PlanEvaluator {
    /// EVPI on the first `paths` in-sample paths.
    ///
    /// Per path, the plan's cost there less the cost of the best plan
    /// for that path alone (a one-path extensive form solved to the options' gap, its caps relaxed where the signed
    /// contracts alone break them on that path); mean and 95% interval over the paths. Not clamped at 0: a regret
    /// below 0 by more than the gap would mean a path's own optimum was missed.
    func perfectInformation(
        _ scenario: Scenario, world: PlanningWorld, lots: [Int], options: OptimizeOptions, paths: Int
    )
        throws(OptimizationError) -> PlanEvaluation.Interval
    {
        var single = options
        single.method = .extensive
        single.costCVaR = nil
        single.paths = 1
        var regret = RunningMoments()
        var source: SampleSource?
        for s in 0..<paths {
            let draws: [PathDraws] = [.random(seed: options.seed, path: s)]
            let problem = try OptimizationProblem(world: world, options: single, draws: draws, source: source)
            source = problem.source
            let (best, _) = try solveAdjusted(problem, scenario: scenario, options: single)
            let planCost = problem.objective(lots: lots.map(Double.init), threads: 1).value
            regret.add(planCost - best.objectiveUSD)
        }
        return regret.interval
    }

    /// The Mak–Morton–Wood bound from `replications` independent SAA problems of `options.paths` paths each (a
    /// replication whose paths break a cap with the signed contracts alone is solved relaxed, which only widens
    /// the bound).
    func gapBound(
        _ scenario: Scenario, world: PlanningWorld, plan: OptimizationResult, options: OptimizeOptions,
        replications: Int
    ) throws(OptimizationError) -> PlanEvaluation.GapBound {
        var gaps = RunningMoments()
        var optima: [Double] = []
        var source: SampleSource?
        let x = plan.lots.map(Double.init)
        for r in 1...replications {
            var replication = options
            // Independent paths: a seed no other run of this evaluation uses.
            replication.seed = options.seed &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15
            let draws = SampleSet.random(seed: replication.seed, paths: 0..<options.paths)
            let problem = try OptimizationProblem(world: world, options: replication, draws: draws, source: source)
            source = problem.source
            let (solved, _) = try solveAdjusted(problem, scenario: scenario, options: replication)
            // The replication's optimum is known to its gap: use its lower bound, so the estimate stays an upper
            // bound on the true gap.
            let planValue = problem.objective(lots: x, threads: options.threads).value
            optima.append(solved.objectiveUSD)
            gaps.add(planValue - solved.lowerBoundUSD)
        }
        let sd = gaps.count > 1 ? (gaps.m2 / Double(gaps.count - 1)).squareRoot() : 0
        let upper = gaps.mean + StudentT.oneSided95(df: gaps.count - 1) * sd / Double(gaps.count).squareRoot()
        return PlanEvaluation.GapBound(
            replications: replications, meanGapUSD: gaps.mean, upperBoundUSD: max(0, upper),
            relativeUpperBound: max(0, upper) / max(1e-10, abs(plan.objectiveUSD)), replicationOptimaUSD: optima)
    }
}
