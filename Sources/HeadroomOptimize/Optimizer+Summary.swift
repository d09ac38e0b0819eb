import HeadroomMILP
import HeadroomModel

extension Optimizer {
    /// The result of lots `lots` on `problem`'s paths.
    func summarise(
        _ problem: OptimizationProblem, lots: [Int], objective: Double, lower: Double, gap: Double,
        iterations: [SolveIteration], seconds: Double, method: String, status: String, seed: UInt64
    ) -> OptimizationResult {
        let world = problem.world
        let cc = problem.candidateCount
        let s = problem.pathCount
        let x = lots.map(Double.init)
        let (_, costs, values) = problem.objective(lots: x, threads: 1, unserved: true)
        let signedAlone = problem.recourse.evaluate(
            lots: [Double](repeating: 0, count: cc), threads: 1, gradients: false, unserved: true)
        let mean = { (f: (Int) -> Double) -> Double in (0..<s).reduce(0) { $0 + f($1) } / Double(max(1, s)) }
        var lines: [OptimizationResult.PlanLine] = []
        for (c, candidate) in world.candidates.enumerated() where lots[c] > 0 {
            let offer = world.scenario.offers[candidate.offer]
            lines.append(
                .init(
                    offer: candidate.offerID, contract: candidate.contract, provider: candidate.provider,
                    start: candidate.start, lots: lots[c], megawatts: Double(lots[c]) * candidate.lotMW,
                    plannedOnline: candidate.start.adding(months: offer.leadTimeMonths),
                    expectedSpendUSD: problem.meanSpendPerLot(c) * Double(lots[c])))
        }
        var caps: [OptimizationResult.ConstraintUse] = []
        let k = problem.caps.count
        for (j, cap) in problem.caps.enumerated() {
            let perPath = (0..<s).map { path in
                var spend = problem.samples.signedCapSpend[path * k + j]
                for c in 0..<cc where lots[c] > 0 {
                    spend += problem.capSpendPerLot[(path * cc + c) * k + j] * x[c]
                }
                return spend
            }
            let value: Double
            let label: String
            switch cap.measure {
            case .expected:
                value = perPath.reduce(0, +) / Double(max(1, s))
                label = "\(cap.id) (expected spend)"
            case .cvar(let alpha):
                value = OptimizationProblem.cvar(perPath, alpha: alpha)
                label = "\(cap.id) (CVaR\(Int((alpha * 100).rounded())) of spend)"
            }
            caps.append(.init(name: label, limit: cap.usd, value: value, binding: value >= cap.usd * (1 - 1e-3)))
        }
        let newMW = zip(world.candidates, lots).reduce(0.0) { $0 + $1.0.lotMW * Double($1.1) }
        let shares = problem.shareLimits.map { limit -> OptimizationResult.ConstraintUse in
            let own = zip(world.candidates, lots).reduce(0.0) {
                $0 + ($1.0.provider == limit.provider ? $1.0.lotMW * Double($1.1) : 0)
            }
            let share = newMW > 0 ? own / newMW : 0
            return .init(
                name: "share of \(limit.provider)", limit: limit.share, value: share,
                binding: newMW > 0 && share >= limit.share - 1e-3)
        }
        let months = (0..<problem.samples.months).map { world.scenario.start.adding(months: $0) }
        let commitment = months.map { month in
            lines.reduce(0.0) { $0 + ($1.plannedOnline <= month ? $1.megawatts : 0) }
        }
        let inSample = OptimizationResult.InSample(
            signedSpendUSD: problem.meanSignedSpend,
            newSpendUSD: mean { costs[$0] - problem.samples.signedSpend[$0] - values[$0].penalty },
            penaltyUSD: mean { values[$0].penalty }, unservedMWMonths: mean { values[$0].unservedMWMonths },
            signedUnservedMWMonths: mean { signedAlone[$0].unservedMWMonths },
            demandMWMonths: mean { problem.samples.demandMWMonths[$0] },
            penalties: zip(world.scenario.workloads, problem.penalties).map { .init(name: $0.id.rawValue, value: $1) },
            caps: caps, shares: shares)
        return OptimizationResult(
            scenario: world.scenario.name, decisionMonth: world.decisionMonth, method: method, solver: solver.name,
            paths: s, seed: seed, status: status, objectiveUSD: objective, lowerBoundUSD: lower, gap: gap,
            iterations: iterations, seconds: seconds, lines: lines, lots: lots, inSample: inSample,
            commitmentMW: commitment, months: months)
    }

    /// Prices each binding cap and share limit: the objective saved by loosening it 1% (a re-solve on the same
    /// paths, so the difference is not sampling noise).
    func price(_ result: inout OptimizationResult, world: PlanningWorld, options: OptimizeOptions)
        throws(OptimizationError)
    {
        let problemCaps = (options.caps ?? world.scenario.optimization?.caps ?? [])
        for (j, use) in result.inSample.caps.enumerated() where use.binding {
            guard j < problemCaps.count else { continue }
            var scenario = world.scenario
            guard let index = scenario.budget.caps.firstIndex(where: { $0.id == problemCaps[j].cap }) else { continue }
            scenario.budget.caps[index].usd *= 1.01
            let loosened = try solve(try problem(try PlanningWorld(scenario: scenario), options), options: options) {
                _ in
            }
            result.inSample.caps[j].marginalValue = (result.objectiveUSD - loosened.objectiveUSD) / (0.01 * use.limit)
        }
        for (j, use) in result.inSample.shares.enumerated() where use.binding {
            let provider = ProviderID(String(use.name.dropFirst("share of ".count)))
            var loosenedOptions = options
            var shares = options.maximumProviderShare ?? world.scenario.optimization?.maximumProviderShare ?? [:]
            shares[provider] = min(1, use.limit + 0.01)
            loosenedOptions.maximumProviderShare = shares
            if let uniform = options.uniformMaximumProviderShare
                ?? world.scenario.optimization?.defaultMaximumProviderShare
            {
                loosenedOptions.uniformMaximumProviderShare = nil
                var all = shares
                for p in world.scenario.providers.map(\.id) where all[p] == nil { all[p] = uniform }
                all[provider] = min(1, use.limit + 0.01)
                loosenedOptions.maximumProviderShare = all
            }
            let loosened = try solve(try problem(world, loosenedOptions), options: loosenedOptions) { _ in }
            result.inSample.shares[j].marginalValue = result.objectiveUSD - loosened.objectiveUSD
        }
    }

    /// The constraint groups in conflict: a deletion filter over the first stage's groups (the recourse is always
    /// feasible, so infeasibility lies there), each test one MILP on the first stage alone.
    func diagnose(_ problem: OptimizationProblem) -> OptimizationError {
        let stage = FirstStage(problem, thetaColumns: 1, name: "headroom-feasibility")
        func feasible(_ active: Set<Int>) -> Bool {
            var model = stage.model
            for (g, group) in stage.groups.enumerated() where !active.contains(g) {
                for row in group.rows {
                    model.setRHS(of: row, model.rows[row].sense == .lessOrEqual ? 1e30 : -1e30)
                }
            }
            let solution = try? solver.solve(model, options: MILPOptions(relativeGap: 1, timeLimitSeconds: 30))
            return solution.map { $0.status != .infeasible } ?? true
        }
        var active = Set(stage.groups.indices)
        if !feasible([]) {
            return OptimizationError(.infeasible, "no plan is feasible even without caps, shares and the ROFR")
        }
        for g in stage.groups.indices {
            active.remove(g)
            if !feasible(active) { continue }
            active.insert(g)
        }
        var details: [String] = []
        for g in active.sorted() {
            let name = stage.groups[g].name
            if let j = problem.caps.firstIndex(where: { name.hasPrefix("cap \($0.id) ") }) {
                let signed = problem.meanSignedCapSpend(j)
                details.append(
                    "\(name) (limit \(Self.usd(problem.caps[j].usd)); the signed contracts alone spend "
                        + "\(Self.usd(signed)) in its window on average)")
            } else {
                details.append(name)
            }
        }
        return OptimizationError(
            .infeasible, "no plan keeps all of these constraints at once: " + details.joined(separator: "; "))
    }

    /// `4.5e11 USD` style.
    static func usd(_ value: Double) -> String {
        let exponent = value == 0 ? 0 : Int(log10Floor(abs(value)))
        let mantissa = value / pow10(exponent)
        return "\((mantissa * 100).rounded() / 100)e\(exponent) USD"
    }

    private static func log10Floor(_ x: Double) -> Double {
        var e = 0.0
        var v = x
        while v >= 10 {
            v /= 10
            e += 1
        }
        while v < 1 && v > 0 {
            v *= 10
            e -= 1
        }
        return e
    }

    private static func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= 10 }
        return e < 0 ? 1 / r : r
    }
}
