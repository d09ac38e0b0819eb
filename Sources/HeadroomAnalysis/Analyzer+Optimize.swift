import Foundation
import HeadroomMILP
import HeadroomModel
import HeadroomOptimize

extension Analyzer {
    /// Runs an `optimize` request: the plan, then (as asked) its out-of-sample evaluation, the plan without caps,
    /// and the frontier; progress reports each solve iteration as a stage.
    static func optimize(
        _ scenario: Scenario, file: String, settings: OptimizeSettings, cores: Int,
        progress: @escaping @Sendable (AnalysisProgress) -> Void, shouldStop: @escaping @Sendable () -> Bool
    ) throws(AnalysisError) -> OptimizationOutcome {
        if let problem = settings.problems.first { throw .request(problem) }
        // One solver per run; CBC's calls are serialised process-wide (see CBCSolver), so concurrent runs are safe.
        let optimizer = Optimizer(solver: CBCSolver())
        var options = settings.options(cores: cores)
        func report(_ label: String) -> (SolveIteration) -> Void {
            { item in
                let best = item.upperBound.map { String(format: "%.4g", $0) } ?? "none"
                let gap = item.gap.map { String(format: "%.3f%%", $0 * 100) } ?? "—"
                progress(
                    AnalysisProgress(
                        completedPaths: item.iteration, totalPaths: 0,
                        stage: "\(label) iteration \(item.iteration) (\(item.phase)): bound "
                            + String(format: "%.4g", item.lowerBound) + ", best \(best), gap \(gap)"))
            }
        }
        let plan: OptimizationResult
        do {
            plan = try optimizer.optimize(
                scenario, options: options, marginalValues: settings.marginalValues, progress: report("plan"))
        } catch {
            throw .optimization(error, file: file)
        }
        var evaluation: PlanEvaluation?
        if settings.evaluationPaths > 0 && !shouldStop() {
            progress(AnalysisProgress(completedPaths: 0, totalPaths: 0, stage: "evaluating on fresh paths…"))
            do {
                evaluation = try PlanEvaluator(optimizer: optimizer).evaluate(
                    scenario, plan: plan, options: options,
                    evaluation: PlanEvaluator.Options(
                        paths: settings.evaluationPaths, seed: settings.evaluationSeed,
                        replications: settings.replications, perfectInformationPaths: settings.perfectInformationPaths))
            } catch {
                throw .optimization(error, file: file)
            }
        }
        var uncapped: OptimizationResult?
        // Only a binding cap changes the plan; without one the uncapped plan is the plan.
        if settings.uncapped && plan.inSample.caps.contains(where: \.binding) && !shouldStop() {
            var free = options
            free.caps = []
            uncapped = try? optimizer.optimize(
                scenario, options: free, marginalValues: false, progress: report("uncapped"))
        }
        var goal: OptimizationResult?
        if settings.goal && !shouldStop() {
            var target = options
            target.caps = []
            target.uniformPenaltyUSDPerMWMonth = nil
            target.penaltyUSDPerMWMonth = Dictionary(
                uniqueKeysWithValues: plan.inSample.penalties.map {
                    (WorkloadID($0.name), $0.value * OptimizeSettings.goalPenaltyMultiplier)
                })
            goal = try? optimizer.optimize(scenario, options: target, marginalValues: false, progress: report("goal"))
        }
        var frontier: [FrontierPoint] = []
        let resolved = plan.inSample.penalties
        let points: [(penalties: [WorkloadID: Double], shown: Double, multiplier: Double?)] =
            settings.frontierPenalties.map { penalty in
                (Dictionary(uniqueKeysWithValues: resolved.map { (WorkloadID($0.name), penalty) }), penalty, nil)
            }
            + settings.frontierMultipliers.map { factor in
                (
                    Dictionary(uniqueKeysWithValues: resolved.map { (WorkloadID($0.name), $0.value * factor) }),
                    (resolved.map(\.value).max() ?? 0) * factor, factor
                )
            }
        for point in points where !shouldStop() {
            options.uniformPenaltyUSDPerMWMonth = nil
            options.penaltyUSDPerMWMonth = point.penalties
            do {
                let solved = try optimizer.optimize(
                    scenario, options: options, marginalValues: false, progress: report("frontier"))
                frontier.append(
                    FrontierPoint(
                        penaltyUSDPerMWMonth: point.shown, penaltyMultiplier: point.multiplier,
                        spendUSD: solved.inSample.signedSpendUSD + solved.inSample.newSpendUSD,
                        unservedMWMonths: solved.inSample.unservedMWMonths,
                        newMW: solved.lines.reduce(0) { $0 + $1.megawatts }))
            } catch {
                throw .optimization(error, file: file)
            }
        }
        return OptimizationOutcome(
            plan: plan, evaluation: evaluation, uncapped: uncapped, goal: goal, frontier: frontier)
    }
}

extension Analyzer {
    /// The scenario of a plan: the signed world as of the decision date plus `lots` of each candidate, which
    /// `simulate`, `compare` and `report` take (see ``PlanningWorld/planScenario(lots:name:)``).
    /// - Throws: ``AnalysisError`` when the scenario does not read or its offers are invalid.
    public static func planScenario(_ input: ScenarioInput, lots: [Int]) throws(AnalysisError) -> Scenario {
        let (scenario, file) = try read(input)
        do {
            return try PlanningWorld(scenario: scenario).planScenario(lots: lots)
        } catch {
            throw .optimization(error, file: file)
        }
    }

    /// Writes the extensive form of the request's sample-average problem as MPS to `path`.
    /// - Returns: the model's size (columns, rows, nonzeros).
    /// - Throws: ``AnalysisError`` for an unreadable scenario, invalid settings or an unwritable file.
    public static func exportExtensiveForm(_ input: ScenarioInput, settings: OptimizeSettings, to path: String)
        throws(AnalysisError) -> (columns: Int, rows: Int, nonzeros: Int)
    {
        if let problem = settings.problems.first { throw .request(problem) }
        let (scenario, file) = try read(input)
        let model: MILPModel
        do {
            model = try Optimizer(solver: CBCSolver()).extensiveForm(scenario, options: settings.options(cores: 1))
        } catch {
            throw .optimization(error, file: file)
        }
        do {
            try model.writeMPS(to: path)
        } catch {
            throw AnalysisError(code: .invalidRequest, message: "cannot write \(path): \(error.message)", file: path)
        }
        return (model.columns.count, model.rows.count, model.rows.reduce(0) { $0 + $1.indices.count })
    }
}
