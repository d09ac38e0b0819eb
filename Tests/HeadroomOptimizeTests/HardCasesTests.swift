import HeadroomEngine
import HeadroomModel
import Testing

@testable import HeadroomOptimize

/// Hard cases: a time limit with an incumbent, an offer that cannot arrive, risks of the deals offers stand for.
@Suite("Hard cases")
struct HardCasesTests {
    let optimizer = SharedSolver.optimizer

    @Test("a time limit returns the best plan found with its bounds and gap")
    func timeLimit() throws {
        // A zero gap cannot be proven in one MILP iteration; a 1 ms limit stops after the first integer plan.
        let scenario = StochasticFixtures.world(variant: 2)
        let result = try optimizer.optimize(
            scenario,
            options: OptimizeOptions(paths: 30, seed: 11, relativeGap: 0, timeLimitSeconds: 0.001, method: .benders),
            marginalValues: false)
        #expect(result.status == "time-limit")
        #expect(result.lowerBoundUSD <= result.objectiveUSD)
        #expect(result.gap > 0)
        #expect(result.iterations.last?.upperBound != nil)
        #expect(result.lots.count == 5)
    }

    @Test("an offer whose every start arrives after the horizon is refused, by name")
    func cannotArrive() throws {
        let late = OptimizeFixtures.offer("late", price: 1e6, starts: [OptimizeFixtures.end])
        var offer = late
        offer.leadTimeMonths = 3
        let scenario = OptimizeFixtures.world(offers: [offer])
        #expect {
            try PlanningWorld(scenario: scenario)
        } throws: { error in
            guard let error = error as? OptimizationError else { return false }
            return error.code == .invalidInput && error.path == "offers[0] (late)"
                && error.message.contains("arrives after the horizon end 2026-12")
        }
    }

    @Test("a risk on a deal signed after the decision date hits the offer that stands for it")
    func dealRisks() throws {
        let start = OptimizeFixtures.start
        var scenario = OptimizeFixtures.world(offers: [OptimizeFixtures.offer("deal", price: 1e6)])
        scenario.policy = Policy(asOf: start)
        scenario.contracts = [
            Contract(
                id: "deal", provider: "p", signed: start.adding(months: 2),
                coverage: .blocks([Block(megawatts: 100, from: start)]), price: .perMWMonth(1e6))
        ]
        scenario.risks = [Risk(id: "falls-through", probability: 1, target: .contract("deal"), effect: .cancel)]
        let world = try PlanningWorld(scenario: scenario)
        #expect(world.base.contracts.isEmpty)
        #expect(world.base.risks.isEmpty)
        let plan = world.planScenario(lots: [1])
        #expect(plan.risks.map(\.id) == ["falls-through.2026-01"])
        #expect(plan.risks.first?.target == .contract("deal.2026-01"))
        // The deal always falls through, so the optimizer sees no capacity from it and declines it.
        let result = try optimizer.optimize(
            scenario, options: OptimizeOptions(paths: 4, uniformPenaltyUSDPerMWMonth: 3e6, method: .extensive),
            marginalValues: false)
        #expect(result.lots == [0])
        #expect(abs(result.objectiveUSD - 100 * 12 * 3e6) < 1e-3)
    }
}
