import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario
import HeadroomTestSupport
import Testing

/// `Analyzer.sweep`: every variant against the base on common random numbers.
@Suite("Analyzer sweep")
struct SweepAnalysisTests {
    @Test("a variant equal to the base differs by exactly 0 ± 0; more demand, more unserved; later phases, less spend")
    func pairedAgainstBase() throws {
        let text = ScenarioWriter.yaml(TestScenarios.benchLike(count: 6, providers: 2, regions: 2, months: 24))
        let spec = SweepSpec(
            design: .grid,
            parameters: [
                SweepSpec.Parameter(
                    name: "demand", path: "demand[*].exponential.initial_mw", operation: .scale, values: [1, 2],
                    range: nil),
                SweepSpec.Parameter(
                    name: "late", path: "campuses[*].phases[*].planned", operation: .add, values: [0, 6], range: nil),
            ])
        let outcome = try Analyzer.sweep(
            text: text, file: "bench.yaml", spec: spec, settings: SimulationSettings(paths: 1_024, seed: 3, threads: 2))
        #expect(outcome.points == [[1, 0], [1, 6], [2, 0], [2, 6]])
        func figure(_ v: Int, _ kind: PairedFigure.Kind) throws -> PairedFigure {
            try #require(outcome.comparisons[v].figures.first { $0.kind == kind })
        }
        let same = try figure(0, .unservedMWMonths)
        #expect(same.difference.value == 0 && same.difference.standardError == 0 && same.a == same.b)
        #expect(try figure(2, .unservedMWMonths).difference.value > 0)
        #expect(try figure(1, .totalSpendUSD).difference.value < 0, "phases six months later are paid for later")
        // Paired: the difference's standard error is far below two independent runs'.
        let more = try figure(2, .unservedMWMonths)
        #expect(more.difference.standardError < more.independentStandardError)
        #expect(throws: AnalysisError.self) {
            try Analyzer.sweep(
                text: text, file: "bench.yaml",
                spec: SweepSpec(
                    design: .grid,
                    parameters: [
                        SweepSpec.Parameter(name: "x", path: "nowhere", operation: .add, values: [1], range: nil)
                    ]),
                settings: SimulationSettings(paths: 256, seed: 1))
        }
    }
}
