import HeadroomModel
import Testing

@testable import HeadroomScenario

/// Sweep files and the perturbations they make: grids in order, Latin hypercubes one point per stratum, each
/// operation on numbers, months and distributions, and errors that say where.
@Suite("Sweeps")
struct SweepTests {
    static let scenario = """
        headroom: 1
        name: s
        start: 2026-01
        end: 2027-12
        workloads: [{id: w}]
        providers: [{id: a, kind: neocloud}, {id: b, kind: neocloud}]
        campuses:
          - id: c1
            provider: a
            phases:
              - {id: p1, it_mw: 100, planned: 2026-06, delay_months: "lognormal(3, 0.5)"}
              - {id: p2, it_mw: 50, planned: 2026-09, delay_months: "pert(0, 2, 6)"}
          - id: c2
            provider: b
            phases:
              - {id: p1, it_mw: 80, planned: 2027-01}
        contracts:
          - {id: k, provider: a, phases: [c1/p1, c1/p2], price_usd_per_mw_month: 1000000}
        demand:
          - workload: w
            anchors:
              - {month: 2026-01, mw: 100}
              - {month: 2027-12, mw: 300}
        """

    static func parameter(_ path: String, _ operation: SweepSpec.Operation) -> SweepSpec.Parameter {
        SweepSpec.Parameter(name: "x", path: path, operation: operation, values: [], range: nil)
    }

    static func apply(_ path: String, _ operation: SweepSpec.Operation, _ value: Double) throws -> Scenario {
        try ScenarioReader.parse(
            try ScenarioPerturbation.apply([(parameter(path, operation), value)], to: scenario, file: "s.yaml"),
            file: "variant.yaml")
    }

    @Test("a grid is every combination, the first parameter slowest; a Latin hypercube has one point per stratum")
    func designs() throws {
        let grid = try SweepSpec.parse(
            """
            parameters:
              - {name: a, path: x, op: scale, values: [1, 2]}
              - {name: b, path: y, op: add, values: [0, 5, 10]}
            """, file: "g.yaml")
        #expect(grid.points() == [[1, 0], [1, 5], [1, 10], [2, 0], [2, 5], [2, 10]])
        let lhs = try SweepSpec.parse(
            """
            design: latin_hypercube
            samples: 10
            seed: 3
            parameters:
              - {name: a, path: x, op: scale, range: [0.5, 1.5]}
              - {name: b, path: y, op: add, range: [0, 20]}
            """, file: "l.yaml")
        let points = lhs.points()
        #expect(points.count == 10)
        for (p, range) in [(0, 0.5...1.5), (1, 0.0...20.0)] {
            let width = (range.upperBound - range.lowerBound) / 10
            let strata = points.map { Int((($0[p] - range.lowerBound) / width).rounded(.down)) }
            #expect(Set(strata) == Set(0..<10), "parameter \(p): one point in each of the 10 strata")
        }
        #expect(lhs.points() == points, "seeded: the same points again")
    }

    @Test("scale and add on numbers, add on months, scale and add on distributions, set; selectors by id and field")
    func operations() throws {
        let demand = try Self.apply("demand[*].anchors[*].mw", .scale, 1.5)
        guard case .anchors(let anchors) = demand.demand[0].growth else {
            Issue.record("expected anchors")
            return
        }
        #expect(anchors.map(\.megawatts) == [150, 450])
        #expect(demand.campuses[0].phases[0].megawatts == 100, "it_mw is another key")
        let slipped = try Self.apply("campuses[provider=a].phases[*].delay_months", .add, 6)
        #expect(slipped.campuses[0].phases[0].delayMonths == .shiftedLognormal(shift: 6, median: 3, sigma: 0.5))
        #expect(slipped.campuses[0].phases[1].delayMonths == .pert(min: 6, mode: 8, max: 12))
        #expect(slipped.campuses[1].phases[0].delayMonths == .fixed(0), "provider b is not selected")
        let end = try Self.apply("demand[0].anchors[month=2027-12|2030-01].mw", .scale, 2)
        guard case .anchors(let ends) = end.demand[0].growth else {
            Issue.record("expected anchors")
            return
        }
        #expect(ends.map(\.megawatts) == [100, 600], "only the 2027-12 anchor matches")
        let later = try Self.apply("campuses[id=c2].phases[0].planned", .add, 3)
        #expect(later.campuses[1].phases[0].plannedOnline == Month(year: 2027, month: 4))
        let scaled = try Self.apply("campuses[0].phases[1].delay_months", .scale, 2)
        #expect(scaled.campuses[0].phases[1].delayMonths == .pert(min: 0, mode: 4, max: 12))
        let set = try Self.apply("campuses[*].phases[*].it_mw", .set, 10)
        #expect(set.campuses.flatMap(\.phases).allSatisfy { $0.megawatts == 10 })
    }

    @Test("a path that selects nothing, an operation a scalar cannot take, a malformed sweep: located errors")
    func errors() {
        #expect(throws: SweepError(file: "s.yaml", line: 1, "x: the path campuses[id=nowhere].phases selects nothing"))
        {
            try ScenarioPerturbation.apply(
                [(Self.parameter("campuses[id=nowhere].phases", .scale), 2)], to: Self.scenario, file: "s.yaml")
        }
        #expect(throws: SweepError.self) {
            try ScenarioPerturbation.apply(
                [(Self.parameter("campuses[0].phases[0].planned", .scale), 2)], to: Self.scenario, file: "s.yaml")
        }
        #expect(throws: SweepError.self) {
            try ScenarioPerturbation.apply(
                [(Self.parameter("campuses[0].phases[0].delay_months", .scale), -1)], to: Self.scenario, file: "s.yaml")
        }
        for (text, line, message) in [
            ("parameters: []", 1, "parameters: expected a list of {name, path, op, values|range}"),
            (
                "design: sobol\nparameters: [{path: x, op: add, values: [1]}]", 1,
                "design: expected grid or latin_hypercube, found 'sobol'"
            ),
            ("parameters:\n  - {path: x, op: multiply, values: [1]}", 2, "op: expected set, scale or add"),
            (
                "parameters:\n  - {path: x, op: add, range: [0, 1]}", 2,
                "a grid parameter needs values: [v1, v2, …] (range is for latin_hypercube)"
            ),
            ("parameters:\n  - {path: x, op: add, values: [1, a]}", 2, "expected a number"),
        ] {
            #expect(throws: SweepError(file: "w.yaml", line: line, message), "\(text)") {
                try SweepSpec.parse(text, file: "w.yaml")
            }
        }
    }
}
