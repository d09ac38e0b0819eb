import Foundation
import HeadroomMILP

/// One iteration of a solve: bounds and gap so far, for the progress line and the report.
public struct SolveIteration: Sendable, Hashable, Codable {
    /// 1-based.
    public var iteration: Int
    /// `lp` (cuts from the relaxed master) or `milp`.
    public var phase: String
    /// The best lower bound, USD.
    public var lowerBound: Double
    /// The best plan's objective, USD (`nil` before the first integer plan).
    public var upperBound: Double?
    /// Relative gap, when both bounds exist.
    public var gap: Double?
    /// Cuts in the master.
    public var cuts: Int
    /// Seconds since the solve began.
    public var seconds: Double
}

/// The L-shaped method: a master MILP over the first stage with penalty variables θ bounded below by cuts, and the
/// recourse of every path, with its subgradient, from one closed-form pass (``Recourse``), parallel across cores.
///
/// Phase one solves the master's LP relaxation to collect cuts cheaply; phase two solves the master MILP, evaluates
/// each integer plan on every path (an upper bound), and adds the cuts at it, until the relative gap between the
/// best plan and the master's proven bound is reached or time runs out. Cuts are valid because each path's
/// recourse is convex in the lots (an LP's value in its right-hand side).
struct BendersSolver {
    let problem: OptimizationProblem
    let solver: any MILPSolver
    let multiCut: Bool
    let threads: Int

    struct Outcome {
        var lots: [Double]
        var objective: Double
        var lowerBound: Double
        var iterations: [SolveIteration]
        var timedOut: Bool
    }

    func solve(
        gap target: Double, timeLimit: Double?, progress: (SolveIteration) -> Void
    ) throws(OptimizationError) -> Outcome {
        let started = Date()
        let s = problem.pathCount
        let cc = problem.candidateCount
        var stage = FirstStage(problem, thetaColumns: multiCut ? s : 1, name: "headroom-benders-master")
        var iterations: [SolveIteration] = []
        var best: (lots: [Double], value: Double)?
        var lower = -Double.infinity
        var cuts = 0
        func elapsed() -> Double { Date().timeIntervalSince(started) }
        func remaining() -> Double? { timeLimit.map { max(0.5, $0 - elapsed()) } }
        // Adds the cuts at `lots` that the master's θ values violate; returns how many.
        func addCuts(at lots: [Double], theta: [Double]) -> (added: Int, values: [Recourse.PathValue]) {
            let values = problem.recourse.evaluate(lots: lots, threads: threads)
            var added = 0
            if multiCut {
                for path in 0..<s {
                    let q = values[path].penalty / usdScale
                    guard q > theta[path] + 1e-9 * max(1, q) else { continue }
                    var rhs = q
                    var terms: [(column: Int, coefficient: Double)] = [(stage.theta[path], 1)]
                    for c in 0..<cc where values[path].gradient[c] != 0 {
                        let g = values[path].gradient[c] / usdScale
                        terms.append((stage.lots[c], -g))
                        rhs -= g * lots[c]
                    }
                    stage.model.addRow("cut_\(cuts + added)", terms, .greaterOrEqual, rhs)
                    added += 1
                }
            } else {
                var q = 0.0
                var gradient = [Double](repeating: 0, count: cc)
                for path in 0..<s {
                    q += values[path].penalty
                    for c in 0..<cc { gradient[c] += values[path].gradient[c] }
                }
                q /= Double(s) * usdScale
                if q > (theta.first ?? 0) + 1e-9 * max(1, q) {
                    var rhs = q
                    var terms: [(column: Int, coefficient: Double)] = [(stage.theta[0], 1)]
                    for c in 0..<cc where gradient[c] != 0 {
                        let g = gradient[c] / (Double(s) * usdScale)
                        terms.append((stage.lots[c], -g))
                        rhs -= g * lots[c]
                    }
                    stage.model.addRow("cut_\(cuts)", terms, .greaterOrEqual, rhs)
                    added = 1
                }
            }
            return (added, values)
        }
        func master(_ model: MILPModel, gap: Double) throws(OptimizationError) -> MILPSolution {
            let solution: MILPSolution
            do {
                solution = try solver.solve(
                    model, options: MILPOptions(relativeGap: gap, timeLimitSeconds: remaining()))
            } catch {
                throw OptimizationError(.solver, "\(solver.name): \(error.message)")
            }
            switch solution.status {
            case .infeasible:
                throw OptimizationError(.infeasible, "the master problem is infeasible")
            case .unbounded:
                throw OptimizationError(.numerical, "the master problem is unbounded")
            case .abandoned:
                throw OptimizationError(.numerical, "\(solver.name) abandoned the master problem (numerical trouble)")
            default:
                return solution
            }
        }
        func record(_ phase: String) {
            let upper = best?.value
            let gap = upper.map { max(0, $0 - lower) / max(1e-10, abs($0)) }
            let item = SolveIteration(
                iteration: iterations.count + 1, phase: phase, lowerBound: lower, upperBound: upper, gap: gap,
                cuts: cuts, seconds: elapsed())
            iterations.append(item)
            progress(item)
        }
        // Phase one: the relaxed master.
        var lpBound = -Double.infinity
        for _ in 0..<200 {
            let solution = try master(stage.model.relaxed(), gap: 1e-9)
            guard let value = solution.objective, !solution.values.isEmpty else { break }
            lpBound = max(lpBound, value)
            lower = max(lower, value)
            let x = stage.lots.map { solution.values[$0] }
            let theta = stage.theta.map { solution.values[$0] }
            let (added, values) = addCuts(at: x, theta: theta)
            cuts += added
            let upperLP = problem.objective(lots: x, values: values).value / usdScale
            record("lp")
            if added == 0 || (upperLP - lpBound) / max(1e-10, abs(upperLP)) <= target / 10 { break }
            if let limit = timeLimit, elapsed() > limit / 2 { break }
        }
        // Phase two: the master MILP.
        var timedOut = false
        var status = MILPSolution.Status.optimal
        while true {
            let solution = try master(stage.model, gap: min(target / 4, 1e-4))
            status = solution.status
            if let bound = solution.bound { lower = max(lower, bound) }
            guard !solution.values.isEmpty else {
                timedOut = true
                break
            }
            let x = stage.lots.map { solution.values[$0].rounded() }
            let theta = stage.theta.map { solution.values[$0] }
            let (added, values) = addCuts(at: x, theta: theta)
            cuts += added
            let value = problem.objective(lots: x, values: values).value / usdScale
            if best.map({ value < $0.value }) ?? true { best = (x, value) }
            if added == 0, let bound = solution.bound { lower = max(lower, min(bound, value)) }
            record("milp")
            if let upper = best?.value, (upper - lower) / max(1e-10, abs(upper)) <= target { break }
            if added == 0 { break }
            if let limit = timeLimit, elapsed() >= limit {
                timedOut = true
                break
            }
        }
        guard let best else {
            throw OptimizationError(
                .numerical, "no integer plan was found within the time limit (lower bound \(lower * usdScale) USD)")
        }
        return Outcome(
            lots: best.lots, objective: best.value * usdScale, lowerBound: lower * usdScale, iterations: iterations,
            timedOut: timedOut)
    }
}
