import HeadroomEngine
import HeadroomModel
import Testing

@testable import HeadroomOptimize

/// The out-of-sample evaluation: its engine figures are a `simulate` of the written plan on the same seed, and its
/// value figures have the signs their definitions imply.
@Suite("Plan evaluation")
struct PlanEvaluationTests {
    let optimizer = SharedSolver.optimizer

    @Test("the engine's figures equal a simulation of the plan's scenario; VSS, EVPI and the gap bound are sound")
    func evaluation() throws {
        let scenario = StochasticFixtures.world(variant: 1, cap: .expected)
        let options = OptimizeOptions(paths: 24, seed: 5, relativeGap: 1e-6, method: .benders, threads: 2)
        let plan = try optimizer.optimize(scenario, options: options, marginalValues: false)
        let evaluation = try PlanEvaluator(optimizer: optimizer).evaluate(
            scenario, plan: plan, options: options,
            evaluation: .init(paths: 3000, seed: 99, replications: 3, perfectInformationPaths: 4))
        #expect(evaluation.rows.map(\.name) == ["signed contracts only", "plan", "plan made on medians"])
        // The plan's scenario, simulated as `simulate` would, gives the evaluation's engine figures exactly.
        let world = try PlanningWorld(scenario: scenario)
        let simulated = Simulator(try CompiledScenario(scenario: world.planScenario(lots: plan.lots)))
            .simulate(MonteCarloOptions(paths: 3000, seed: 99, threads: 1))
        let row = evaluation.rows[1]
        #expect(row.expectedUnservedMWMonths.value == simulated.headline?.expectedUnservedMWMonths.value)
        #expect(row.engineSpendUSD.value == simulated.expectedTotalSpendUSD?.value)
        #expect(row.probabilityOfShortfall == simulated.headline?.probabilityOfAnyShortfall.value)
        #expect(row.capBreach.map(\.value) == simulated.caps.map(\.probabilityExceeded.value))
        #expect(row.shortfallProbabilityByMonth == simulated.shortfallProbability ?? [])
        // The plan beats the signed contracts alone, and the plan made on medians, out of sample.
        #expect(evaluation.savingAgainstSigned.value - evaluation.savingAgainstSigned.halfWidth > 0)
        let vss = evaluation.valueOfStochasticSolution
        #expect(vss.value > -vss.halfWidth)
        #expect(row.expectedUnservedMWMonths.value < evaluation.rows[0].expectedUnservedMWMonths.value)
        // Regrets are not clamped: knowing the path cannot cost more than the solve's gap (1e-6 here).
        let evpi = try #require(evaluation.expectedValueOfPerfectInformation)
        #expect(evpi.value >= -1e-6 * plan.objectiveUSD)
        #expect(evpi.value > 0, "slips and demand vary across paths, so foresight is worth something")
        // Each replication's G_r = f̂_r(plan) − LB_r ≥ f̂_r(plan) − v_r ≥ 0 (unclamped), so the mean is ≥ 0.
        let bound = try #require(evaluation.gapBound)
        #expect(bound.replications == 3 && bound.replicationOptimaUSD.count == 3)
        #expect(bound.meanGapUSD >= -1e-9 * plan.objectiveUSD)
        #expect(bound.upperBoundUSD >= bound.meanGapUSD)
        #expect(abs(bound.relativeUpperBound - bound.upperBoundUSD / plan.objectiveUSD) <= 1e-12)
        // In sample the plan's cost is within sampling error of its out-of-sample cost (same model).
        let outOfSample = row.expectedCostUSD
        #expect(abs(outOfSample.value - plan.objectiveUSD) < 0.25 * plan.objectiveUSD)
        // Quantities are ordered: P(shortfall) per month in [0, 1].
        #expect(row.shortfallProbabilityByMonth.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
