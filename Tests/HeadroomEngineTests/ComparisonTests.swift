import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomEngine

/// Common random numbers: identical scenarios differ by exactly zero; small changes have small paired noise.
@Suite("Comparison")
struct ComparisonTests {
    typealias S = TestScenarios

    @Test("a scenario compared with itself differs by exactly zero on every path")
    func selfComparison() throws {
        let model = try CompiledScenario(scenario: S.benchLike())
        let result = Simulator(model).compare(
            with: model, options: MonteCarloOptions(paths: 4_096, seed: 4, threads: 2))
        for figure in result.figures {
            #expect(figure.difference.value == 0 && figure.difference.standardError == 0, "\(figure.name)")
            #expect(figure.probabilityBGreater == 0 && figure.probabilityBSmaller == 0)
            #expect(figure.a == figure.b)
        }
        #expect(result.meanShortfallDifference.allSatisfy { $0 == 0 })
    }

    @Test("a difference within 1e-9 of the larger value is a tie; anything larger is counted")
    func roundingIsATie() {
        #expect(PairPlan.difference(297_630.602, 297_630.602 + 1e-10) == 0)
        #expect(PairPlan.difference(297_630.602 + 1e-10, 297_630.602) == 0)
        #expect(PairPlan.difference(0, 0) == 0)
        #expect(PairPlan.difference(1, 1.001) > 0.000_999 && PairPlan.difference(1, 1.001) < 0.001_001)
        #expect(PairPlan.difference(100, 99.999) < 0)
        #expect(PairPlan.difference(0, 1e-300) == 1e-300)
    }

    @Test("the same scenario with its contracts listed in reverse differs by a tie on every path")
    func reorderedScenarioTies() throws {
        let a = S.benchLike()
        var b = a
        b.contracts.reverse()
        let result = Simulator(try CompiledScenario(scenario: a)).compare(
            with: try CompiledScenario(scenario: b), options: MonteCarloOptions(paths: 4_096, seed: 5, threads: 2))
        for figure in result.figures {
            #expect(figure.probabilityBGreater == 0 && figure.probabilityBSmaller == 0, "\(figure.name)")
            #expect(figure.differenceQuantiles.allSatisfy { $0 == 0 }, "\(figure.name)")
        }
    }

    @Test("paired differences are far less noisy than independent runs, and match the difference of means")
    func pairedNoise() throws {
        let a = S.benchLike()
        var b = a
        // B adds 300 MW of existing capacity: the shortfall can only fall.
        b.contracts[b.contracts.count - 1].coverage = .blocks([Block(megawatts: 1800, from: S.start)])
        let modelA = try CompiledScenario(scenario: a)
        let modelB = try CompiledScenario(scenario: b)
        let options = MonteCarloOptions(paths: 16_384, seed: 8, threads: 2)
        let result = Simulator(modelA).compare(with: modelB, options: options)
        let unserved = try #require(result.figures.first { $0.name == "unserved MW-months" })
        #expect(unserved.difference.value < 0)
        #expect(unserved.probabilityBGreater == 0)
        #expect(unserved.difference.standardError < 0.5 * unserved.independentStandardError)
        #expect(abs(unserved.difference.value - (unserved.b.value - unserved.a.value)) < 1e-6 * abs(unserved.a.value))
        // The same paths simulated one scenario at a time give the same means.
        let alone = Simulator(modelA).simulate(options)
        #expect(abs(alone.headlineFigures.expectedUnservedMWMonths.value - unserved.a.value) < 1e-9 * unserved.a.value)
    }
}
