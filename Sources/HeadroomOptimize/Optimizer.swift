import Foundation
import HeadroomEngine
import HeadroomMILP
import HeadroomModel

/// Chooses which offers to sign, how many lots and for which start, minimising expected cost plus the penalty of
/// unserved demand over S simulated paths (a two-stage sample-average approximation).
///
/// Small S is solved as one extensive-form MILP; larger S by Benders decomposition (``BendersSolver``), whose
/// recourse passes are closed form. Every MILP goes through the injected ``MILPSolver``.
public struct Optimizer: Sendable {
    /// The MILP solver (CBC in the product).
    public let solver: any MILPSolver

    /// Creates an optimizer that solves its MILPs with `solver`.
    public init(solver: any MILPSolver) {
        self.solver = solver
    }

    /// Optimizes `scenario`'s offers.
    /// - Parameters:
    ///   - scenario: the world with its `offers`.
    ///   - options: sample, objective, constraints, stopping rules.
    ///   - marginalValues: whether to re-solve with each binding limit loosened to price it.
    ///   - progress: called after each iteration.
    /// - Returns: the plan and how it was found.
    /// - Throws: ``OptimizationError``: invalid input, an infeasible instance (naming the constraints in
    ///   conflict), numerical trouble, or a solver failure.
    public func optimize(
        _ scenario: Scenario, options: OptimizeOptions, marginalValues: Bool = true,
        progress: (SolveIteration) -> Void = { _ in }
    ) throws(OptimizationError) -> OptimizationResult {
        let world = try PlanningWorld(scenario: scenario)
        let problem = try problem(world, options)
        var result = try solve(problem, options: options, progress: progress)
        if marginalValues { try price(&result, world: world, options: options) }
        return result
    }

    /// The extensive form of `scenario`'s sample-average problem, for export (MPS) or another solver.
    /// - Throws: ``OptimizationError`` for invalid input.
    public func extensiveForm(_ scenario: Scenario, options: OptimizeOptions) throws(OptimizationError) -> MILPModel {
        let world = try PlanningWorld(scenario: scenario)
        return ExtensiveForm(try problem(world, options)).stage.model
    }

    func problem(_ world: PlanningWorld, _ options: OptimizeOptions) throws(OptimizationError) -> OptimizationProblem {
        guard options.paths >= 1, options.paths <= 1_000_000 else {
            throw OptimizationError(.invalidInput, path: "paths", "paths must be in 1...1000000")
        }
        guard options.relativeGap >= 0, options.relativeGap.isFinite else {
            throw OptimizationError(.invalidInput, path: "gap", "the gap must be a number ≥ 0")
        }
        return try OptimizationProblem(
            world: world, options: options, draws: SampleSet.random(seed: options.seed, paths: 0..<options.paths))
    }

    func solve(
        _ problem: OptimizationProblem, options: OptimizeOptions, progress: (SolveIteration) -> Void
    ) throws(OptimizationError) -> OptimizationResult {
        let started = Date()
        let extensive: Bool
        switch options.method {
        case .automatic: extensive = problem.pathCount <= 50
        case .extensive: extensive = true
        case .benders: extensive = false
        }
        let multi: Bool
        switch options.cuts {
        case .automatic: multi = problem.pathCount <= 100 || problem.costCVaR != nil
        case .multi: multi = true
        case .single:
            guard problem.costCVaR == nil else {
                throw OptimizationError(.invalidInput, path: "cuts", "a CVaR term needs multi-cut Benders")
            }
            multi = false
        }
        var lots: [Double]
        var objective: Double
        var lower: Double
        var iterations: [SolveIteration]
        var timedOut: Bool
        do throws(OptimizationError) {
            if extensive {
                let form = ExtensiveForm(problem)
                let solution: MILPSolution
                do {
                    solution = try solver.solve(
                        form.stage.model,
                        options: MILPOptions(
                            relativeGap: options.relativeGap, timeLimitSeconds: options.timeLimitSeconds))
                } catch {
                    throw OptimizationError(.solver, "\(solver.name): \(error.message)")
                }
                switch solution.status {
                case .infeasible: throw OptimizationError(.infeasible, "infeasible")
                case .unbounded: throw OptimizationError(.numerical, "the extensive form is unbounded")
                case .abandoned, .timeLimitWithoutSolution:
                    throw OptimizationError(
                        .numerical, "\(solver.name) found no plan (\(solution.status.rawValue)); try Benders")
                case .optimal, .timeLimitWithSolution: break
                }
                lots = form.stage.lots.map { solution.values[$0].rounded() }
                objective = problem.objective(lots: lots, threads: options.threads).value
                lower = min(objective, (solution.bound ?? objective / usdScale) * usdScale)
                timedOut = solution.status == .timeLimitWithSolution
                let seconds = Date().timeIntervalSince(started)
                let item = SolveIteration(
                    iteration: 1, phase: "extensive", lowerBound: lower, upperBound: objective,
                    gap: max(0, objective - lower) / max(1e-10, abs(objective)), cuts: 0, seconds: seconds)
                iterations = [item]
                progress(item)
            } else {
                let outcome = try BendersSolver(
                    problem: problem, solver: solver, multiCut: multi, threads: options.threads
                )
                .solve(gap: options.relativeGap, timeLimit: options.timeLimitSeconds, progress: progress)
                (lots, objective, lower, iterations, timedOut) =
                    (outcome.lots, outcome.objective, outcome.lowerBound, outcome.iterations, outcome.timedOut)
            }
        } catch {
            throw error.code == .infeasible ? diagnose(problem) : error
        }
        let gap = max(0, objective - lower) / max(1e-10, abs(objective))
        return summarise(
            problem, lots: lots.map { Int($0) }, objective: objective, lower: lower, gap: gap,
            iterations: iterations, seconds: Date().timeIntervalSince(started),
            method: extensive ? "extensive" : multi ? "benders-multi" : "benders-single",
            status: timedOut && gap > options.relativeGap ? "time-limit" : "optimal", seed: options.seed)
    }
}
