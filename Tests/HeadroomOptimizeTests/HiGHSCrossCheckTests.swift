import HeadroomMILP
import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomOptimize

/// The extensive form's objective, as CBC solves it, against HiGHS reading the exported MPS (an independent
/// solver and an independent reading of the file).
@Suite("Extensive form against HiGHS")
struct HiGHSCrossCheckTests {
    /// Five instances: the stochastic fixtures (with and without a cap, a CVaR cap and a CVaR term) and a
    /// hand-derived one with a right of first refusal.
    static func instances() throws -> [(name: String, model: MILPModel)] {
        let optimizer = SharedSolver.optimizer
        var instances: [(String, MILPModel)] = []
        for variant in 0..<3 {
            let scenario = StochasticFixtures.world(variant: variant, cap: variant == 1 ? .expected : nil)
            instances.append(
                (
                    "stochastic-\(variant)",
                    try optimizer.extensiveForm(scenario, options: OptimizeOptions(paths: 6, seed: UInt64(variant)))
                ))
        }
        var cvar = StochasticFixtures.world(variant: 0, cap: .cvar(0.75))
        cvar.budget.caps[0].usd = 7.5e9
        instances.append(
            (
                "cvar",
                try optimizer.extensiveForm(
                    cvar, options: OptimizeOptions(paths: 8, seed: 4, costCVaR: .init(alpha: 0.8, lambda: 0.3)))
            ))
        let rofr = OptimizeFixtures.world(
            demandMW: [150], providers: ["holder", "other"],
            offers: [
                OptimizeFixtures.offer("h", provider: "holder", maximumLots: 2, price: 1.5e6),
                OptimizeFixtures.offer("o", provider: "other", maximumLots: 2, price: 1.0e6),
            ], clauses: Clauses(rightOfFirstRefusal: RightOfFirstRefusal(holder: "holder")))
        instances.append(
            (
                "rofr",
                try optimizer.extensiveForm(rofr, options: OptimizeOptions(paths: 2, uniformPenaltyUSDPerMWMonth: 3e6))
            ))
        return instances
    }

    @Test("CBC's and HiGHS's optima agree within 1e-6 relative on five instances")
    func agree() throws {
        let instances = try Self.instances()
        let highs = try HiGHSOracle.solve(instances.map(\.model))
        for ((name, model), oracle) in zip(instances, highs) {
            let cbc = try SharedSolver.cbc.solve(model, options: MILPOptions(relativeGap: 1e-9))
            #expect(cbc.status == .optimal, "\(name)")
            #expect(oracle.status == "optimal", "\(name): HiGHS \(oracle.status)")
            let a = try #require(cbc.objective)
            let b = try #require(oracle.objective)
            #expect(abs(a - b) <= 1e-6 * max(1, abs(a)), "\(name): CBC \(a), HiGHS \(b)")
            // Something is at stake: the instances are not trivial.
            #expect(model.columns.filter(\.isInteger).count >= 4, "\(name)")
        }
    }
}
