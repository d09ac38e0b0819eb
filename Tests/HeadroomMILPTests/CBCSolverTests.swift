import Foundation
import HeadroomMILP
import Synchronization
import Testing

/// A 0-1 knapsack whose optimum is −20 at (0, 1, 1, 0).
///
/// max 10a + 13b + 7c + 8d, weights 5, 6, 4, 5, capacity 10: of the pairs that fit, b + c (20) beats a + d (18),
/// a + c (17) and c + d (15); no three fit.
func knapsack() -> MILPModel {
    var model = MILPModel(name: "knapsack")
    let items: [(String, Double, Double)] = [("a", 10, 5), ("b", 13, 6), ("c", 7, 4), ("d", 8, 5)]
    for (name, value, _) in items { model.addColumn(name, upper: 1, objective: -value, isInteger: true) }
    model.addRow("capacity", items.enumerated().map { ($0.offset, $0.element.2) }, .lessOrEqual, 10)
    return model
}

/// A facility-location MILP whose optimum is 20 with both facilities open.
///
/// Two facilities (fixed costs 3 and 8, capacities 6 and 9) serve demands 2, 3, 4 at unit costs (1, 2, 5) and
/// (3, 1, 1). Only the second one: 8 + 6 + 3 + 4 = 21; the first alone lacks capacity; both, each customer at its
/// cheapest: 3 + 8 + 2 + 3 + 4 = 20, the optimum.
func facilityLocation() -> MILPModel {
    var model = MILPModel(name: "facility")
    let fixed = [3.0, 8.0]
    let capacity = [6.0, 9.0]
    let demand = [2.0, 3.0, 4.0]
    let cost = [[1.0, 2.0, 5.0], [3.0, 1.0, 1.0]]
    let open = fixed.indices.map { model.addColumn("open\($0)", upper: 1, objective: fixed[$0], isInteger: true) }
    var flow: [[Int]] = []
    for i in fixed.indices {
        flow.append(demand.indices.map { model.addColumn("flow\(i)_\($0)", objective: cost[i][$0]) })
    }
    for j in demand.indices { model.addRow("demand\(j)", fixed.indices.map { (flow[$0][j], 1) }, .equal, demand[j]) }
    for i in fixed.indices {
        model.addRow(
            "capacity\(i)", demand.indices.map { (flow[i][$0], 1) } + [(open[i], -capacity[i])], .lessOrEqual, 0)
    }
    return model
}

/// max 2x + 3y with x + 2y ≤ 5, 3x + y ≤ 6: the vertices (2, 0) = 4, (0, 2.5) = 7.5 and (1.4, 1.8) = 8.2; as a
/// minimisation −8.2 at (1.4, 1.8).
func smallLP() -> MILPModel {
    var model = MILPModel(name: "lp")
    model.addColumn("x", objective: -2)
    model.addColumn("y", objective: -3)
    model.addRow("r1", [(0, 1), (1, 2)], .lessOrEqual, 5)
    model.addRow("r2", [(0, 3), (1, 1)], .lessOrEqual, 6)
    return model
}

/// min x + 2y + 3z over integers with x + y + z = 6, x − y = 1, z ≥ 1: x = y + 1 and z = 5 − 2y give 16 − 3y,
/// and z ≥ 1 caps y at 2: 10 at (3, 2, 1).
func equalityModel() -> MILPModel {
    var model = MILPModel(name: "equalities")
    model.addColumn("x", objective: 1, isInteger: true)
    model.addColumn("y", objective: 2, isInteger: true)
    model.addColumn("z", lower: 1, objective: 3, isInteger: true)
    model.addRow("sum", [(0, 1), (1, 1), (2, 1)], .equal, 6)
    model.addRow("diff", [(0, 1), (1, -1)], .equal, 1)
    return model
}

/// Free, negative-bounded and upper-bounded-only columns; optimum −15 at x = −4.5, y = −3, w = 3.
///
/// min 2x + y − w with x free, y integer in [−5, 5], w ≤ 3 (no lower bound), x − y ≥ −2.5, x + y ≥ −7.5: w = 3;
/// x = max(y − 2.5, −7.5 − y), so for y ≤ −2.5 the objective is −15 − y (best y = −3: −12) and above it 3y − 5
/// (best y = −2: −11).
func negativeBoundsModel() -> MILPModel {
    var model = MILPModel(name: "negative")
    model.addColumn("x", lower: -.infinity, objective: 2)
    model.addColumn("y", lower: -5, upper: 5, objective: 1, isInteger: true)
    model.addColumn("w", lower: -.infinity, upper: 3, objective: -1)
    model.addRow("gap", [(0, 1), (1, -1)], .greaterOrEqual, -2.5)
    model.addRow("floor", [(0, 1), (1, 1)], .greaterOrEqual, -7.5)
    return model
}

@Suite("CBC on hand-derived models")
struct CBCOptimaTests {
    func solve(_ model: MILPModel, _ options: MILPOptions = MILPOptions()) throws -> MILPSolution {
        let solution = try sharedCBC.solve(model, options: options)
        if !solution.values.isEmpty { #expect(model.violations(of: solution.values).isEmpty) }
        return solution
    }

    @Test func knapsackOptimum() throws {
        let solution = try solve(knapsack())
        #expect(solution.status == .optimal)
        #expect(solution.objective == -20)
        #expect(solution.bound == -20)
        #expect(solution.values == [0, 1, 1, 0])
    }

    @Test func facilityLocationOpensBoth() throws {
        let solution = try solve(facilityLocation())
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, 20, relative: 1e-9))
        #expect(solution.values.prefix(2) == [1, 1])
        let flows = solution.values.dropFirst(2).map { ($0 * 1e6).rounded() / 1e6 }
        #expect(flows == [2, 0, 0, 0, 3, 4])
    }

    @Test func pureLPGivesTheVertex() throws {
        let solution = try solve(smallLP())
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, -8.2, relative: 1e-12))
        #expect(solution.bound == solution.objective)
        #expect(solution.values.count == 2)
        #expect(close(solution.values[0], 1.4, relative: 1e-12) && close(solution.values[1], 1.8, relative: 1e-12))
        #expect(solution.nodes == 0)
    }

    @Test func equalityConstrained() throws {
        let solution = try solve(equalityModel())
        #expect(solution.status == .optimal)
        #expect(solution.objective == 10)
        #expect(solution.values == [3, 2, 1])
    }

    @Test func negativeAndFreeVariables() throws {
        let solution = try solve(negativeBoundsModel())
        #expect(solution.status == .optimal)
        #expect(close(solution.objective, -15, relative: 1e-12))
        #expect(solution.values.count == 3)
        #expect(close(solution.values[0], -4.5, relative: 1e-12))
        #expect(solution.values[1] == -3 && solution.values[2] == 3)
    }

    @Test func objectiveOffsetIsAdded() throws {
        var model = knapsack()
        model.objectiveOffset = 100
        let solution = try solve(model)
        #expect(solution.objective == 80 && solution.bound == 80)
        var lp = smallLP()
        lp.objectiveOffset = -1.5
        #expect(close(try solve(lp).objective, -9.7, relative: 1e-12))
    }

    @Test func warmStartIsAccepted() throws {
        let solution = try solve(knapsack(), MILPOptions(warmStart: [1, 0, 0, 1]))
        #expect(solution.status == .optimal && solution.objective == -20)
    }

    @Test func emptyModel() throws {
        var model = MILPModel(name: "empty")
        model.objectiveOffset = 4
        let solution = try solve(model)
        #expect(solution.status == .optimal && solution.objective == 4 && solution.values.isEmpty)
        model.addRow("impossible", [], .greaterOrEqual, 1)
        #expect(try solve(model).status == .infeasible)
    }

    /// Eight threads solving at once through the one instance get what one thread solving in turn gets.
    @Test func concurrentSolvesAreSerialised() throws {
        let models = (11...18).map { randomMILP(seed: UInt64($0)) }
        let sequential = try models.map { try sharedCBC.solve($0, options: MILPOptions(relativeGap: 1e-9)).objective }
        let concurrent = Mutex([Double?](repeating: nil, count: models.count))
        DispatchQueue.concurrentPerform(iterations: models.count) { k in
            let objective = try? sharedCBC.solve(models[k], options: MILPOptions(relativeGap: 1e-9)).objective
            concurrent.withLock { $0[k] = objective }
        }
        #expect(sequential.allSatisfy { $0 != nil })
        #expect(concurrent.withLock { $0 } == sequential)
    }

    @Test func nameIncludesVersion() {
        #expect(sharedCBC.name.hasPrefix("cbc 2."))
    }
}

@Suite("CBC outcomes other than optimal")
struct CBCOutcomeTests {
    @Test(arguments: [false, true])
    func infeasible(integer: Bool) throws {
        var model = MILPModel(name: "infeasible")
        model.addColumn("x", objective: 1, isInteger: integer)
        model.addColumn("y", objective: 1, isInteger: integer)
        model.addRow("atLeast", [(0, 1), (1, 1)], .greaterOrEqual, 3)
        model.addRow("atMost", [(0, 1), (1, 1)], .lessOrEqual, 1)
        let solution = try sharedCBC.solve(model, options: MILPOptions())
        #expect(solution.status == .infeasible)
        #expect(solution.objective == nil && solution.bound == nil && solution.values.isEmpty)
    }

    @Test func integerInfeasibleButLPFeasible() throws {
        var model = MILPModel(name: "parity")
        model.addColumn("x", upper: 10, objective: 1, isInteger: true)
        model.addColumn("y", upper: 10, objective: 1, isInteger: true)
        model.addRow("odd", [(0, 2), (1, 2)], .equal, 3)
        #expect(try sharedCBC.solve(model, options: MILPOptions()).status == .infeasible)
    }

    /// min −x with x ≥ 0 and no upper bound, with a row (x − y ≤ 1, y unbounded) and without any.
    @Test(arguments: [false, true], [false, true])
    func unbounded(integer: Bool, withRow: Bool) throws {
        var model = MILPModel(name: "unbounded")
        model.addColumn("x", objective: -1, isInteger: integer)
        if withRow {
            model.addColumn("y", isInteger: integer)
            model.addRow("link", [(0, 1), (1, -1)], .lessOrEqual, 1)
        }
        let solution = try sharedCBC.solve(model, options: MILPOptions())
        #expect(solution.status == .unbounded)
        #expect(solution.objective == nil && solution.values.isEmpty)
    }

    @Test func timeLimitWithoutSolution() throws {
        let model = marketSplit(slacks: false)
        let solution = try sharedCBC.solve(model, options: MILPOptions(timeLimitSeconds: 0.3))
        #expect(solution.status == .timeLimitWithoutSolution)
        #expect(solution.objective == nil && solution.values.isEmpty)
        #expect(solution.seconds < 5)
    }

    @Test func timeLimitWithWarmStartedIncumbent() throws {
        let model = marketSplit(slacks: true)
        let start = marketSplitStart(model)
        #expect(model.violations(of: start).isEmpty)
        let options = MILPOptions(timeLimitSeconds: 0.3, warmStart: start)
        let solution = try sharedCBC.solve(model, options: options)
        #expect(solution.status == .timeLimitWithSolution)
        #expect(model.violations(of: solution.values).isEmpty)
        let objective = try #require(solution.objective)
        #expect(objective <= model.objective(of: start) + 1e-9)
        #expect(objective == model.objective(of: solution.values))
        #expect((solution.bound ?? -1) >= -1e-9 && (solution.bound ?? .infinity) <= objective)
        #expect(solution.seconds < 5)
    }

    /// The LP bound of the slack market split is 0, so any incumbent has relative gap 1: a gap of 2 stops CBC at
    /// once, reported as optimal within the gap.
    @Test func relativeGapStopsEarly() throws {
        let model = marketSplit(slacks: true)
        let options = MILPOptions(relativeGap: 2, timeLimitSeconds: 30, warmStart: marketSplitStart(model))
        let solution = try sharedCBC.solve(model, options: options)
        #expect(solution.status == .optimal)
        #expect((solution.relativeGap ?? .infinity) <= 2)
        #expect(solution.seconds < 10)
    }
}
