import Foundation
import HeadroomMILP
import HeadroomTestSupport
import Testing

/// The seeds of the random MILPs compared with HiGHS.
let randomSeeds: [UInt64] = Array(1...8)

/// HiGHS's answers for all the random MILPs, from one run of the script (Python's start-up and the highspy import
/// cost about 0.4 s each time), computed on first use.
let randomOracle = Result { () throws -> [OracleResult] in
    try HiGHSOracle.solve(randomSeeds.map(randomMILP(seed:)), values: true)
}

/// The hand-derived models, each with its optimum.
let handDerived: [(name: String, model: MILPModel, optimum: Double)] = [
    ("knapsack", knapsack(), -20), ("facility", facilityLocation(), 20), ("lp", smallLP(), -8.2),
    ("equalities", equalityModel(), 10), ("negative", negativeBoundsModel(), -15), ("tiny", tinyModel(), 3.45),
]

/// HiGHS's answers for ``handDerived``, from one run of the script.
let handDerivedOracle = Result { () throws -> [OracleResult] in
    try HiGHSOracle.solve(handDerived.map(\.model), values: true)
}

@Suite("CBC against HiGHS (scripts/highs-oracle) through MPS files")
struct HiGHSOracleTests {
    @Test func highspyIsInstalled() throws {
        let (status, _, errors) = try HiGHSOracle.python(["-c", "import highspy"])
        #expect(
            status == 0,
            "python3 cannot import highspy (\(errors)): the HiGHS oracle tests need it; run scripts/install-deps")
    }

    /// The values HiGHS reported, in column order; fails unless it reported one per column.
    func columnValues(_ result: OracleResult, _ model: MILPModel) throws -> [Double] {
        let byName = try #require(result.values)
        return try model.columns.map { column in try #require(byName[column.name], "HiGHS gave no \(column.name)") }
    }

    @Test(arguments: randomSeeds.indices)
    func randomMILPsAgree(index: Int) throws {
        let model = randomMILP(seed: randomSeeds[index])
        let cbc = try sharedCBC.solve(model, options: MILPOptions(relativeGap: 1e-9))
        let highs = try randomOracle.get()[index]
        #expect(cbc.status == .optimal && highs.status == "optimal")
        #expect(model.violations(of: cbc.values).isEmpty)
        #expect(close(cbc.objective, highs.objective), "CBC \(cbc.objective ?? .nan), HiGHS \(highs.objective ?? .nan)")
        // Round trip: HiGHS read the file as this model — its optimum equals CBC's values' objective, and its own
        // values are feasible here with the objective it reported.
        #expect(close(highs.objective, model.objective(of: cbc.values)))
        let values = try columnValues(highs, model)
        #expect(model.violations(of: values).isEmpty)
        #expect(close(highs.objective, model.objective(of: values), relative: 1e-9))
    }

    @Test(arguments: handDerived.indices)
    func handDerivedOptimaReadBack(index: Int) throws {
        let (name, model, optimum) = handDerived[index]
        let highs = try handDerivedOracle.get()[index]
        #expect(highs.status == "optimal", "\(name)")
        #expect(close(highs.objective, optimum, relative: 1e-9), "\(name): \(highs.objective ?? .nan)")
        #expect(model.violations(of: try columnValues(highs, model)).isEmpty, "\(name)")
    }

    @Test func offsetRoundTrips() throws {
        let offsets = [0.0, 12.5, -1e-3, 1.0 / 3.0]
        let models = offsets.map { offset in
            var model = knapsack()
            model.objectiveOffset = offset
            return model
        }
        for (offset, highs) in zip(offsets, try HiGHSOracle.solve(models)) {
            #expect(close(highs.objective, -20 + offset, relative: 1e-12), "offset \(offset)")
        }
    }

    /// Bounds HiGHS reads back bit for bit: the optimum sits on them.
    @Test func boundsReadBackExactly() throws {
        var model = MILPModel(name: "exact")
        let lower = 1.0 / 3.0
        let upper = 2.0 / 3.0 + 1e-12
        let fixed = 0.1 + 0.2
        model.addColumn("atLower", lower: lower, upper: 10, objective: 1)
        model.addColumn("atUpper", lower: -.infinity, upper: upper, objective: -1)
        model.addColumn("fixed", lower: fixed, upper: fixed, objective: 1)
        model.addRow("link", [(0, 1), (1, 1)], .lessOrEqual, 100)
        let values = try columnValues(try HiGHSOracle.solve(model, values: true), model)
        #expect(values == [lower, upper, fixed])
    }

    @Test func infeasibleAndUnboundedAgree() throws {
        var infeasible = MILPModel(name: "infeasible")
        infeasible.addColumn("x", upper: 10, objective: 1, isInteger: true)
        infeasible.addRow("odd", [(0, 2)], .equal, 3)
        var unbounded = MILPModel(name: "unbounded")
        unbounded.addColumn("x", objective: -1)
        unbounded.addColumn("y")
        unbounded.addRow("link", [(0, 1), (1, -1)], .lessOrEqual, 1)
        let highs = try HiGHSOracle.solve([infeasible, unbounded]).map(\.status)
        #expect(highs == ["infeasible", "unbounded"])
        #expect(try sharedCBC.solve(infeasible, options: MILPOptions()).status == .infeasible)
        #expect(try sharedCBC.solve(unbounded, options: MILPOptions()).status == .unbounded)
    }

    @Test func oracleReportsTimeLimit() throws {
        let model = marketSplit(slacks: true)
        let highs = try HiGHSOracle.solve(model, arguments: ["--time-limit", "0.3"])
        #expect(highs.status == "time-limit")
        #expect(highs.objective != nil && highs.seconds < 5)
    }
}
