import HeadroomMILP

/// The extensive form of the sample-average problem: the first stage and, for every path and month with demand
/// the signed contracts leave unserved, the recourse LP's variables and rows (see ``Recourse``).
///
/// θ_s ≥ Σ_{t,w} p_w u_stw / 10⁹ carries path s's penalty into the objective with weight 1/S. Months with no
/// residual demand add nothing. Size: O(S × T × W × (G + 1)) columns and O(S × T × (W + G)) rows.
struct ExtensiveForm {
    var stage: FirstStage

    init(_ problem: OptimizationProblem) {
        stage = FirstStage(problem, thetaColumns: problem.pathCount, name: "headroom-saa")
        let samples = problem.samples
        let m = samples.months
        let wc = samples.workloads
        let cc = samples.candidates
        let masks = problem.world.poolMasks
        var profiles = [Double](repeating: 0, count: max(1, cc * m))
        var curve = [Double](repeating: 0, count: 2 * (m + 1))
        for s in 0..<samples.paths {
            profiles.withUnsafeMutableBufferPointer { p in
                samples.fillProfiles(path: s, into: p)
            }
            var penaltyTerms: [(column: Int, coefficient: Double)] = [(stage.theta[s], 1)]
            for t in 0..<m {
                let offset = (s * m + t) * wc
                var flows: [[(column: Int, coefficient: Double)]] = Array(repeating: [], count: masks.count)
                for w in 0..<wc {
                    let r = samples.residual[offset + w]
                    guard r > 0 else { continue }
                    let u = stage.model.addColumn("u_\(s)_\(t)_\(w)")
                    penaltyTerms.append((u, -problem.penalties[w] / usdScale))
                    var demand: [(column: Int, coefficient: Double)] = [(u, 1)]
                    for g in masks.indices where masks[g][t] & (1 << UInt64(w)) != 0 {
                        let y = stage.model.addColumn("y_\(s)_\(t)_\(g)_\(w)")
                        demand.append((y, 1))
                        flows[g].append((y, 1))
                    }
                    stage.model.addRow("demand_\(s)_\(t)_\(w)", demand, .greaterOrEqual, r)
                }
                for g in masks.indices where !flows[g].isEmpty {
                    var terms = flows[g]
                    for c in 0..<cc where problem.world.candidates[c].pool == g {
                        let delivered = profiles[c * m + t]
                        if delivered > 0 {
                            terms.append((stage.lots[c], -problem.world.candidates[c].lotMW * delivered))
                        }
                    }
                    stage.model.addRow("capacity_\(s)_\(t)_\(g)", terms, .lessOrEqual, 0)
                }
            }
            stage.model.addRow("penalty_\(s)", penaltyTerms, .greaterOrEqual, 0)
        }
    }
}
