import HeadroomMILP
import HeadroomModel

/// Objective and money-valued rows are in units of USD 10⁹ inside the MILP, so coefficients stay near 1–10⁴.
let usdScale = 1e9

/// The first stage as MILP columns and rows, shared by the extensive form and the Benders master: lots (integer)
/// and a sign decision (binary) per candidate, the rules between them, and every constraint on the plan.
///
/// Rows, exactly (L_c MW per lot, n_c lots, s_c signed, paths s = 1…S, e spend per lot):
/// - one start per offer: Σ_{c of o} s_c ≤ 1;
/// - lots: min_lots_o · s_c ≤ n_c ≤ max_lots_o · s_c;
/// - share of provider p ≤ σ_p: Σ_{c of p} L_c n_c ≤ σ_p · Σ_c L_c n_c;
/// - cap k on expected spend: (1/S) Σ_s (signed_ks + Σ_c e_kcs n_c) ≤ U_k;
/// - cap k on CVaR_α: η_k + (1/((1−α)S)) Σ_s v_ks ≤ U_k, v_ks ≥ signed_ks + Σ_c e_kcs n_c − η_k, v ≥ 0;
/// - right of first refusal, for each start month t inside the clause's window: a binary r_t with
///   n_c ≤ max_lots_c · r_t for every other provider's candidate at t whose workloads the clause covers, and
///   n_h ≥ max_lots_h · r_t for every holder's candidate at t: nothing else is taken for t unless every holder
///   offer for t is taken up to its maximum.
struct FirstStage {
    var model: MILPModel
    var lots: [Int] = []
    var signs: [Int] = []
    /// Per kept cap, its row.
    var capRows: [Int] = []
    /// Per share limit, its row.
    var shareRows: [Int] = []
    /// Rows per constraint group, for infeasibility diagnosis.
    var groups: [(name: String, rows: [Int])] = []
    /// Columns of the per-path penalty θ_s (or one aggregated θ).
    var theta: [Int] = []

    /// Builds the first stage of `problem`, with `thetaColumns` penalty columns (S for multi-cut and the extensive
    /// form, 1 for single-cut) whose objective weight makes the objective the sample mean.
    init(_ problem: OptimizationProblem, thetaColumns: Int, name: String) {
        model = MILPModel(name: name)
        let world = problem.world
        let cc = problem.candidateCount
        let s = problem.pathCount
        model.objectiveOffset = problem.meanSignedSpend / usdScale
        for (c, candidate) in world.candidates.enumerated() {
            let column = model.addColumn(
                "n_\(candidate.contract)", lower: 0, upper: Double(candidate.maximumLots),
                objective: problem.meanSpendPerLot(c) / usdScale, isInteger: true)
            lots.append(column)
        }
        for candidate in world.candidates {
            signs.append(model.addColumn("s_\(candidate.contract)", lower: 0, upper: 1, isInteger: true))
        }
        for t in 0..<thetaColumns {
            theta.append(
                model.addColumn("theta_\(t)", lower: 0, objective: thetaColumns == 1 ? 1 : 1 / Double(max(1, s))))
        }
        var lotRows: [Int] = []
        for (o, offer) in world.scenario.offers.enumerated() {
            let mine = (0..<cc).filter { world.candidates[$0].offer == o }
            guard !mine.isEmpty else { continue }
            lotRows.append(model.addRow("one_start_\(offer.id)", mine.map { (signs[$0], 1.0) }, .lessOrEqual, 1))
            for c in mine {
                let candidate = world.candidates[c]
                model.addRow(
                    "max_lots_\(candidate.contract)",
                    [(lots[c], 1), (signs[c], -Double(candidate.maximumLots))], .lessOrEqual, 0)
                if candidate.minimumLots > 0 {
                    lotRows.append(
                        model.addRow(
                            "min_lots_\(candidate.contract)",
                            [(lots[c], 1), (signs[c], -Double(candidate.minimumLots))], .greaterOrEqual, 0))
                }
            }
        }
        groups.append(("minimum lots", lotRows))
        addShares(problem)
        addCaps(problem)
        addRightOfFirstRefusal(problem)
        if let term = problem.costCVaR, thetaColumns == s { addCostCVaR(problem, term) }
    }

    /// λ · CVaR_α of cost: η + (1/((1−α)S)) Σ_s v_s with v_s ≥ cost_s − η, cost_s = signed_s + Σ_c e_cs n_c + θ_s.
    private mutating func addCostCVaR(_ problem: OptimizationProblem, _ term: OptimizeOptions.CVaRTerm) {
        let cc = problem.candidateCount
        let s = problem.pathCount
        let eta = model.addColumn("eta_cost", lower: -.infinity, objective: term.lambda)
        let weight = term.lambda / ((1 - term.alpha) * Double(max(1, s)))
        for path in 0..<s {
            let v = model.addColumn("v_cost_\(path)", objective: weight)
            var terms: [(Int, Double)] = [(v, 1), (eta, 1), (theta[path], -1)]
            for c in 0..<cc { terms.append((lots[c], -problem.spendPerLot[path * cc + c] / usdScale)) }
            model.addRow(
                "excess_cost_\(path)", terms, .greaterOrEqual, problem.samples.signedSpend[path] / usdScale)
        }
    }

    private mutating func addShares(_ problem: OptimizationProblem) {
        let candidates = problem.world.candidates
        for (provider, share) in problem.shareLimits {
            var terms: [(Int, Double)] = []
            for (c, candidate) in candidates.enumerated() {
                let own = candidate.provider == provider ? 1.0 : 0.0
                terms.append((lots[c], candidate.lotMW * (own - share)))
            }
            let row = model.addRow("share_\(provider)", terms, .lessOrEqual, 0)
            shareRows.append(row)
            groups.append(("share of \(provider) ≤ \(share)", [row]))
        }
    }

    private mutating func addCaps(_ problem: OptimizationProblem) {
        let cc = problem.candidateCount
        let s = problem.pathCount
        let k = problem.caps.count
        for (j, cap) in problem.caps.enumerated() {
            switch cap.measure {
            case .expected:
                let terms = (0..<cc).map { (lots[$0], problem.meanCapSpendPerLot($0, cap: j) / usdScale) }
                let row = model.addRow(
                    "cap_\(cap.id)", terms, .lessOrEqual, (cap.usd - problem.meanSignedCapSpend(j)) / usdScale)
                capRows.append(row)
                groups.append(("cap \(cap.id) on expected spend", [row]))
            case .cvar(let alpha):
                let eta = model.addColumn("eta_\(cap.id)", lower: -.infinity)
                var excess: [Int] = []
                var rows: [Int] = []
                for path in 0..<s {
                    let v = model.addColumn("v_\(cap.id)_\(path)")
                    excess.append(v)
                    var terms: [(Int, Double)] = [(v, 1), (eta, 1)]
                    for c in 0..<cc {
                        terms.append((lots[c], -problem.capSpendPerLot[(path * cc + c) * k + j] / usdScale))
                    }
                    rows.append(
                        model.addRow(
                            "excess_\(cap.id)_\(path)", terms, .greaterOrEqual,
                            problem.samples.signedCapSpend[path * k + j] / usdScale))
                }
                let weight = 1 / ((1 - alpha) * Double(max(1, s)))
                let row = model.addRow(
                    "cap_\(cap.id)", [(eta, 1)] + excess.map { ($0, weight) }, .lessOrEqual, cap.usd / usdScale)
                capRows.append(row)
                groups.append(("cap \(cap.id) on CVaR\(Int((alpha * 100).rounded())) of spend", rows + [row]))
            }
        }
    }

    private mutating func addRightOfFirstRefusal(_ problem: OptimizationProblem) {
        let scenario = problem.world.scenario
        guard let clause = scenario.clauses.rightOfFirstRefusal else { return }
        let workloads = scenario.workloads.map(\.id)
        let covered = PlanningWorld.mask(clause.workloads, in: workloads)
        let starts = Set(problem.world.candidates.map(\.start)).sorted()
        var rows: [Int] = []
        for t in starts {
            if let from = clause.from, t < from { continue }
            if let until = clause.until, t > until { continue }
            let atT = problem.world.candidates.indices.filter { problem.world.candidates[$0].start == t }
            let holders = atT.filter { problem.world.candidates[$0].isHolders }
            let others = atT.filter { c in
                let candidate = problem.world.candidates[c]
                let mask = PlanningWorld.mask(scenario.offers[candidate.offer].workloads, in: workloads)
                return !candidate.isHolders && mask & covered != 0
            }
            guard !holders.isEmpty, !others.isEmpty else { continue }
            let r = model.addColumn("rofr_\(t)", lower: 0, upper: 1, isInteger: true)
            for c in others {
                let candidate = problem.world.candidates[c]
                rows.append(
                    model.addRow(
                        "rofr_other_\(candidate.contract)", [(lots[c], 1), (r, -Double(candidate.maximumLots))],
                        .lessOrEqual, 0))
            }
            for c in holders {
                let candidate = problem.world.candidates[c]
                rows.append(
                    model.addRow(
                        "rofr_holder_\(candidate.contract)", [(lots[c], 1), (r, -Double(candidate.maximumLots))],
                        .greaterOrEqual, 0))
            }
        }
        if !rows.isEmpty { groups.append(("right of first refusal of \(clause.holder)", rows)) }
    }
}
