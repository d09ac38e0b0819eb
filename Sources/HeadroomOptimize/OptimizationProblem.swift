import HeadroomEngine
import HeadroomModel

/// A sample-average problem ready to solve: the world, its samples, the resolved settings, and every per-path
/// coefficient of the first stage (spend per lot over the horizon and in each kept cap).
struct OptimizationProblem: Sendable {
    let world: PlanningWorld
    let samples: SampleSet
    /// The compiled worlds the samples were drawn from.
    let source: SampleSource
    let recourse: Recourse
    /// Penalty per workload, USD per MW-month.
    let penalties: [Double]
    /// Kept caps, with their limits.
    let caps: [KeptCap]
    /// Share limits per provider with one.
    let shareLimits: [(provider: ProviderID, share: Double)]
    let costCVaR: OptimizeOptions.CVaRTerm?
    /// Spend per lot per path, `[s * C + c]`, USD.
    let spendPerLot: [Double]
    /// Spend per lot per path in each kept cap, `[(s * C + c) * K + k]`, USD.
    let capSpendPerLot: [Double]

    /// A budget cap the plan must keep.
    struct KeptCap: Sendable {
        var id: BudgetCapID
        var usd: Double
        var measure: CapConstraint.Measure
    }

    var candidateCount: Int { world.candidates.count }
    var pathCount: Int { samples.paths }

    init(world: PlanningWorld, options: OptimizeOptions, draws: [PathDraws]) throws(OptimizationError) {
        try self.init(world: world, options: options, draws: draws, source: nil)
    }

    /// The problem on `draws`, drawn from `source` when given (compiled once for many draws), else compiled here.
    init(world: PlanningWorld, options: OptimizeOptions, draws: [PathDraws], source: SampleSource?)
        throws(OptimizationError)
    {
        let settings = world.scenario.optimization ?? OptimizationSettings()
        let workloads = world.scenario.workloads.map(\.id)
        penalties = workloads.map { w in
            options.uniformPenaltyUSDPerMWMonth ?? options.penaltyUSDPerMWMonth?[w] ?? settings.penalty(for: w)
        }
        for (w, p) in penalties.enumerated() where !(p.isFinite && p > 0) {
            throw OptimizationError(
                .invalidInput, path: "penalty", "the penalty for \(workloads[w]) must be a finite number > 0")
        }
        var caps: [KeptCap] = []
        for constraint in options.caps ?? settings.caps {
            guard let cap = world.scenario.budget.caps.first(where: { $0.id == constraint.cap }) else {
                let known = world.scenario.budget.caps.map(\.id.rawValue).joined(separator: ", ")
                throw OptimizationError(
                    .invalidInput, path: "caps",
                    "no budget cap \(constraint.cap) in the scenario (caps: \(known.isEmpty ? "none" : known))")
            }
            if case .cvar(let alpha) = constraint.measure, !(alpha > 0 && alpha < 1) {
                throw OptimizationError(.invalidInput, path: "caps", "cap \(cap.id): CVaR level must be in (0, 1)")
            }
            caps.append(KeptCap(id: cap.id, usd: cap.usd, measure: constraint.measure))
        }
        self.caps = caps
        var limits: [(ProviderID, Double)] = []
        for provider in world.scenario.providers.map(\.id) {
            let share =
                options.uniformMaximumProviderShare ?? options.maximumProviderShare?[provider]
                ?? settings.maximumShare(of: provider)
            guard let share else { continue }
            guard share > 0, share <= 1 else {
                throw OptimizationError(
                    .invalidInput, path: "max_provider_share", "share of \(provider) must be in (0, 1]")
            }
            if share < 1 { limits.append((provider, share)) }
        }
        shareLimits = limits
        if let term = options.costCVaR, !(term.alpha > 0 && term.alpha < 1 && term.lambda >= 0 && term.lambda.isFinite)
        {
            throw OptimizationError(.invalidInput, path: "cvar", "CVaR needs 0 < α < 1 and λ ≥ 0")
        }
        costCVaR = options.costCVaR.flatMap { $0.lambda > 0 ? $0 : nil }
        self.world = world
        let compiled: SampleSource
        if let source { compiled = source } else { compiled = try SampleSource(world: world, caps: caps.map(\.id)) }
        self.source = compiled
        let samples = SampleSet(source: compiled, draws: draws, threads: options.threads)
        self.samples = samples
        recourse = Recourse(
            samples: samples, pool: world.candidates.map(\.pool), masks: world.poolMasks, penalties: penalties,
            lotMW: world.candidates.map(\.lotMW))
        guard recourse.dualPoints <= 1 << 16 else {
            throw OptimizationError(
                .invalidInput, path: "offers",
                "\(world.poolMasks.count) distinct eligibility pools with \(recourse.levels.count) penalty levels: "
                    + "too many dual points (\(recourse.dualPoints)); give offers fewer distinct workload sets")
        }
        let (spend, capSpend) = Self.coefficients(samples: samples, lotMW: world.candidates.map(\.lotMW))
        spendPerLot = spend
        capSpendPerLot = capSpend
    }

    /// Spend per lot per path, in total and per kept cap.
    private static func coefficients(samples: SampleSet, lotMW: [Double]) -> ([Double], [Double]) {
        let cc = samples.candidates
        let k = samples.capCount
        var spend = [Double](repeating: 0, count: samples.paths * cc)
        var capSpend = [Double](repeating: 0, count: samples.paths * cc * k)
        var profiles = [Double](repeating: 0, count: max(1, cc * samples.months))
        var total = [Double](repeating: 0, count: cc)
        var inCaps = [Double](repeating: 0, count: cc * k)
        for s in 0..<samples.paths {
            profiles.withUnsafeMutableBufferPointer { p in
                samples.fillProfiles(path: s, into: p)
                samples.spendPerMW(path: s, profiles: p, total: &total, inCaps: &inCaps)
            }
            for c in 0..<cc {
                spend[s * cc + c] = total[c] * lotMW[c]
                for j in 0..<k { capSpend[(s * cc + c) * k + j] = inCaps[c * k + j] * lotMW[c] }
            }
        }
        return (spend, capSpend)
    }

    /// Mean spend per lot of candidate `c`.
    func meanSpendPerLot(_ c: Int) -> Double {
        var sum = 0.0
        for s in 0..<pathCount { sum += spendPerLot[s * candidateCount + c] }
        return sum / Double(max(1, pathCount))
    }

    /// Mean spend per lot of candidate `c` in kept cap `k`.
    func meanCapSpendPerLot(_ c: Int, cap k: Int) -> Double {
        var sum = 0.0
        for s in 0..<pathCount { sum += capSpendPerLot[(s * candidateCount + c) * caps.count + k] }
        return sum / Double(max(1, pathCount))
    }

    /// Mean signed spend over the horizon.
    var meanSignedSpend: Double { samples.signedSpend.reduce(0, +) / Double(max(1, pathCount)) }

    /// Mean signed spend in kept cap `k`.
    func meanSignedCapSpend(_ k: Int) -> Double {
        var sum = 0.0
        for s in 0..<pathCount { sum += samples.signedCapSpend[s * caps.count + k] }
        return sum / Double(max(1, pathCount))
    }

    /// The SAA objective of `lots` on these paths: mean spend + mean penalty (+ λ·CVaR of cost), USD; with the
    /// per-path costs.
    func objective(lots: [Double], threads: Int, unserved: Bool = false)
        -> (value: Double, pathCosts: [Double], values: [Recourse.PathValue])
    {
        let values = recourse.evaluate(lots: lots, threads: threads, gradients: false, unserved: unserved)
        let (value, costs) = objective(lots: lots, values: values)
        return (value, costs, values)
    }

    /// The SAA objective of `lots`, USD, from recourse values already computed there; with the per-path costs
    /// (spend + penalty).
    func objective(lots: [Double], values: [Recourse.PathValue]) -> (value: Double, pathCosts: [Double]) {
        let cc = candidateCount
        var costs = [Double](repeating: 0, count: pathCount)
        for s in 0..<pathCount {
            var spend = samples.signedSpend[s]
            for c in 0..<cc where lots[c] != 0 { spend += spendPerLot[s * cc + c] * lots[c] }
            costs[s] = spend + values[s].penalty
        }
        var value = costs.reduce(0, +) / Double(max(1, pathCount))
        if let term = costCVaR { value += term.lambda * Self.cvar(costs, alpha: term.alpha) }
        return (value, costs)
    }

    /// CVaR_α of `values` (the Rockafellar–Uryasev minimum over η of η + E[(X − η)⁺] / (1 − α), on the sample).
    static func cvar(_ values: [Double], alpha: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let n = Double(sorted.count)
        // η at the α-quantile of the empirical distribution minimises the Rockafellar–Uryasev function.
        let index = min(sorted.count - 1, max(0, Int((alpha * n).rounded(.up)) - 1))
        let eta = sorted[index]
        var tail = 0.0
        for v in sorted where v > eta { tail += v - eta }
        return eta + tail / ((1 - alpha) * n)
    }
}
