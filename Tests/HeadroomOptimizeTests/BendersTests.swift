import HeadroomMILP
import HeadroomModel
import Testing

@testable import HeadroomOptimize

/// Benders (single- and multi-cut) against the extensive form on small S, and the recourse pass against the
/// extensive form's LP with the first stage fixed.
@Suite("Benders against the extensive form")
struct BendersTests {
    let optimizer = SharedSolver.optimizer

    func options(_ method: OptimizeOptions.Method, cuts: OptimizeOptions.Cuts = .automatic, paths: Int = 16)
        -> OptimizeOptions
    {
        OptimizeOptions(paths: paths, seed: 7, relativeGap: 1e-9, method: method, cuts: cuts)
    }

    @Test("the same optimum within 1e-6", arguments: [0, 1, 2])
    func sameOptimum(variant: Int) throws {
        let scenario = StochasticFixtures.world(variant: variant, cap: variant == 2 ? .expected : nil)
        let extensive = try optimizer.optimize(scenario, options: options(.extensive), marginalValues: false)
        #expect(extensive.gap <= 1e-6)
        for cuts in [OptimizeOptions.Cuts.multi, .single] {
            let benders = try optimizer.optimize(
                scenario, options: options(.benders, cuts: cuts), marginalValues: false)
            #expect(abs(benders.objectiveUSD - extensive.objectiveUSD) <= 1e-6 * extensive.objectiveUSD)
            #expect(benders.lowerBoundUSD <= benders.objectiveUSD * (1 + 1e-9))
            #expect(benders.gap <= 1e-6)
        }
        // The instance is not trivial: something is bought and something stays unserved.
        #expect(!extensive.lines.isEmpty)
        #expect(extensive.inSample.unservedMWMonths > 0)
        #expect(extensive.inSample.unservedMWMonths < extensive.inSample.signedUnservedMWMonths)
    }

    @Test("the closed-form recourse equals the extensive form's LP with the lots fixed")
    func recourseMatchesLP() throws {
        let scenario = StochasticFixtures.world(variant: 1)
        let world = try PlanningWorld(scenario: scenario)
        let problem = try OptimizationProblem(
            world: world, options: options(.extensive, paths: 8), draws: SampleSet.random(seed: 3, paths: 0..<8))
        let form = ExtensiveForm(problem)
        for lots in [[0.0, 0, 0, 0, 0], [2, 0, 1, 0, 1], [4, 0, 0, 2, 1], [1.5, 0.5, 0.3, 0, 0.7]] {
            guard lots.count == problem.candidateCount else {
                Issue.record("expected \(problem.candidateCount) candidates")
                return
            }
            var model = form.stage.model.relaxed()
            for (c, column) in form.stage.lots.enumerated() {
                model.setBounds(of: column, lower: lots[c], upper: lots[c])
            }
            for column in form.stage.signs { model.setBounds(of: column, lower: 0, upper: 1) }
            let lp = try SharedSolver.cbc.solve(model, options: MILPOptions())
            let closed = problem.objective(lots: lots, threads: 2).value
            #expect(lp.status == .optimal)
            #expect(abs((lp.objective ?? 0) * usdScale - closed) <= 1e-7 * closed)
        }
    }

    @Test("the pass's subgradient supports the recourse: Q(y) ≥ Q(x) + g(x)·(y − x) for every pair of points")
    func subgradientInequality() throws {
        let world = try PlanningWorld(scenario: StochasticFixtures.world(variant: 2))
        let problem = try OptimizationProblem(
            world: world, options: options(.benders, paths: 6), draws: SampleSet.random(seed: 9, paths: 0..<6))
        var generator = SplitMix(seed: 42)
        let points = (0..<12).map { _ in
            world.candidates.map { Double(generator.next() % UInt64($0.maximumLots + 1)) * 0.75 }
        }
        for x in points {
            let at = problem.recourse.evaluate(lots: x, threads: 1)
            for y in points {
                let there = problem.recourse.evaluate(lots: y, threads: 1, gradients: false)
                for s in 0..<problem.pathCount {
                    var predicted = at[s].penalty
                    for c in x.indices { predicted += at[s].gradient[c] * (y[c] - x[c]) }
                    #expect(there[s].penalty >= predicted - 1e-6 * max(1, there[s].penalty))
                }
            }
        }
    }

    @Test("a CVaR term and a CVaR cap: Benders equals the extensive form")
    func cvar() throws {
        var scenario = StochasticFixtures.world(variant: 0, cap: .cvar(0.8))
        scenario.budget.caps[0].usd = 7.5e9
        var extensiveOptions = options(.extensive, paths: 12)
        extensiveOptions.costCVaR = .init(alpha: 0.9, lambda: 0.5)
        var bendersOptions = extensiveOptions
        bendersOptions.method = .benders
        let extensive = try optimizer.optimize(scenario, options: extensiveOptions, marginalValues: false)
        let benders = try optimizer.optimize(scenario, options: bendersOptions, marginalValues: false)
        #expect(abs(benders.objectiveUSD - extensive.objectiveUSD) <= 1e-6 * extensive.objectiveUSD)
        #expect(benders.method == "benders-multi")
        let use = try #require(extensive.inSample.caps.first)
        #expect(use.value <= use.limit * (1 + 1e-6))
    }
}

/// A seeded generator for test points (SplitMix64).
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
