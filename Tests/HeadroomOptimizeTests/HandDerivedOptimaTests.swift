import HeadroomMILP
import HeadroomModel
import Testing

@testable import HeadroomOptimize

/// Instances small enough to solve on paper: flat demand for 12 months, no delays, so every path is the same and
/// the SAA optimum is the deterministic one.
@Suite("Hand-derived optima")
struct HandDerivedOptimaTests {
    let optimizer = SharedSolver.optimizer

    func solve(_ scenario: Scenario, penalty: Double, method: OptimizeOptions.Method = .extensive, paths: Int = 4)
        throws -> OptimizationResult
    {
        try optimizer.optimize(
            scenario,
            options: OptimizeOptions(
                paths: paths, uniformPenaltyUSDPerMWMonth: penalty, relativeGap: 1e-9, method: method),
            marginalValues: false)
    }

    @Test("one offer is taken exactly when its price is below the penalty", arguments: [0.9e6, 1.5e6])
    func penaltyBreakEven(penalty: Double) throws {
        // 100 MW for 12 months: taking costs 100 × 12 × 1e6 = 1.2e9; declining costs 100 × 12 × penalty.
        let scenario = OptimizeFixtures.world(offers: [OptimizeFixtures.offer("a", price: 1e6)])
        for method in [OptimizeOptions.Method.extensive, .benders] {
            let result = try solve(scenario, penalty: penalty, method: method)
            let takes = penalty > 1e6
            #expect(result.lots == [takes ? 1 : 0])
            #expect(abs(result.objectiveUSD - 1200 * min(penalty, 1e6)) < 1e-3)
            #expect(result.gap <= 1e-6)
        }
    }

    @Test("two offers and a cap: the cheaper offer first, then the cap stops the second")
    func twoOffersAndACap() throws {
        // Demand 200 MW. a: 100 MW at 1.0e6, b: 100 MW at 1.2e6, penalty 2e6. Without a cap both are taken
        // (cost 1.2e9 + 1.44e9). A cap of 2.0e9 on the year's spend admits a (1.2e9) but not a + b (2.64e9), and b
        // alone (1.44e9) leaves more unserved-cost than a alone: a alone, objective 1.2e9 + 100 × 12 × 2e6 = 3.6e9.
        let cap = BudgetCap(id: "year", usd: 2.0e9, through: OptimizeFixtures.end)
        let offers = [OptimizeFixtures.offer("a", price: 1.0e6), OptimizeFixtures.offer("b", price: 1.2e6)]
        let free = try solve(OptimizeFixtures.world(demandMW: [200], offers: offers), penalty: 2e6)
        #expect(free.lots == [1, 1])
        #expect(abs(free.objectiveUSD - 2.64e9) < 1e-3)
        let capped = try solve(
            OptimizeFixtures.world(
                demandMW: [200], offers: offers, caps: [cap],
                settings: OptimizationSettings(caps: [CapConstraint(cap: "year")])), penalty: 2e6)
        #expect(capped.lots == [1, 0])
        #expect(abs(capped.objectiveUSD - 3.6e9) < 1e-3)
        #expect(capped.inSample.caps.first?.binding == false)
    }

    @Test("the right of first refusal forces the holder's offer before a cheaper one")
    func rightOfFirstRefusal() throws {
        // Demand 100 MW. The holder h offers 100 MW at 1.5e6, the other o 100 MW at 1.0e6; penalty 3e6. Without
        // the clause o alone (1.2e9). With it, o may be taken only if h is taken up to its maximum: h + o costs
        // 3.0e9, h alone 1.8e9: h alone.
        let offers = [
            OptimizeFixtures.offer("h", provider: "holder", price: 1.5e6),
            OptimizeFixtures.offer("o", provider: "other", price: 1.0e6),
        ]
        let providers: [ProviderID] = ["holder", "other"]
        let open = try solve(OptimizeFixtures.world(providers: providers, offers: offers), penalty: 3e6)
        #expect(open.lots == [0, 1])
        let rofr = Clauses(rightOfFirstRefusal: RightOfFirstRefusal(holder: "holder"))
        let held = try solve(OptimizeFixtures.world(providers: providers, offers: offers, clauses: rofr), penalty: 3e6)
        #expect(held.lots == [1, 0])
        #expect(abs(held.objectiveUSD - 1.8e9) < 1e-3)
    }

    @Test("a binding concentration limit splits new MW between providers")
    func concentrationLimit() throws {
        // Demand 400 MW; p offers 4 lots of 100 MW at 1.0e6, q 4 lots at 1.3e6; penalty 2e6. Unlimited: 4 lots of
        // p (4.8e9). With p ≤ 60% of new MW: 4 lots need q ≥ 2 lots (p ≤ 0.6·(p+q) ⇔ p ≤ 1.5 q); the cheapest full
        // cover is p 3, q 1? 3 ≤ 1.5 is false; p 3, q 2 serves 500 > 400 at more cost. Enumerate by hand: (p, q)
        // with p ≤ 1.5q, cost 1.2e9 p + 1.56e9 q + 2.4e9 · max(0, 4 − p − q):
        //   (2, 2) → 2.4e9 + 3.12e9 = 5.52e9; (3, 2) → 6.72e9; (1, 1) → 2.76e9 + 4.8e9 = 7.56e9; (2, 2) is best.
        let offers = [
            OptimizeFixtures.offer("p", provider: "p", maximumLots: 4, price: 1.0e6),
            OptimizeFixtures.offer("q", provider: "q", maximumLots: 4, price: 1.3e6),
        ]
        let scenario = OptimizeFixtures.world(
            demandMW: [400], providers: ["p", "q"], offers: offers,
            settings: OptimizationSettings(maximumProviderShare: ["p": 0.6]))
        let result = try solve(scenario, penalty: 2e6)
        #expect(result.lots == [2, 2])
        #expect(abs(result.objectiveUSD - 5.52e9) < 1e-3)
        #expect(result.inSample.shares.first?.binding == false)
    }

    @Test("a lumpy lot is worth taking only whole")
    func lumpyLot() throws {
        // Demand 60 MW; one lot of 100 MW at 1.0e6 (cost 1.2e9 for 100 MW) against a penalty of 1.8e6 on 60 MW
        // (1.296e9): take it. With a penalty of 1.6e6 (1.152e9) decline it, though its LP relaxation (0.6 lot,
        // 0.72e9) would take part of it.
        let scenario = OptimizeFixtures.world(demandMW: [60], offers: [OptimizeFixtures.offer("big", price: 1.0e6)])
        #expect(try solve(scenario, penalty: 1.8e6).lots == [1])
        let declined = try solve(scenario, penalty: 1.6e6)
        #expect(declined.lots == [0])
        #expect(abs(declined.objectiveUSD - 60 * 12 * 1.6e6) < 1e-3)
    }

    @Test("minimum lots: a cap that the minimum cannot keep is reported as infeasible, naming both")
    func infeasibleMinimumLots() throws {
        let cap = BudgetCap(id: "tight", usd: 1.0e8, through: OptimizeFixtures.end)
        let offers = [OptimizeFixtures.offer("a", minimumLots: 2, maximumLots: 3, price: 1e6)]
        var scenario = OptimizeFixtures.world(
            offers: offers, caps: [cap], settings: OptimizationSettings(caps: [CapConstraint(cap: "tight")]))
        // Declining is allowed (min lots apply only if signed), so this is feasible: nothing signed.
        #expect(try solve(scenario, penalty: 2e6).lots == [0])
        // A signed contract that already spends beyond the cap makes it infeasible.
        scenario.contracts = [
            Contract(
                id: "old", provider: "p", coverage: .blocks([Block(megawatts: 50, from: OptimizeFixtures.start)]),
                price: .perMWMonth(1e6))
        ]
        #expect {
            try solve(scenario, penalty: 2e6)
        } throws: { error in
            guard let error = error as? OptimizationError else { return false }
            return error.code == .infeasible && error.message.contains("cap tight")
                && error.message.contains("signed contracts alone spend 6.0e8 USD")
        }
    }
}
