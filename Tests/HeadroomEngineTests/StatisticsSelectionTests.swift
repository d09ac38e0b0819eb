import Foundation
import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomEngine

/// Composable statistics: a run computes only the families it is asked for, each family's figures are those of a
/// full run, and the families' states round-trip through JSON and summarise to the same result.
@Suite("Statistic families")
struct StatisticsSelectionTests {
    static let scenario = TestScenarios.benchLike(
        count: 12, providers: 3, regions: 2, months: 36,
        risks: [Risk(id: "grid", probability: 0.3, target: .region("r0"), effect: .delay(.uniform(min: 2, max: 6)))])

    static func run(_ statistics: StatisticsSelection) throws -> MonteCarloResult {
        try Simulator(CompiledScenario(scenario: scenario))
            .simulate(MonteCarloOptions(paths: 3_000, seed: 8, threads: 2, statistics: statistics))
    }

    @Test("a run that needs spend gives exactly the full run's figures for the families it holds, and nothing else")
    func subsetWithSpend() throws {
        let full = try Self.run(.all)
        let subset = try Self.run(StatisticsSelection(families: [.unserved, .spend, .caps, .risks]))
        #expect(subset.headline == full.headline)
        #expect(subset.unservedMWMonthsQuantiles == full.unservedMWMonthsQuantiles)
        #expect(subset.shortfallProbability == full.shortfallProbability)
        #expect(subset.shortfallByWorkload == full.shortfallByWorkload)
        #expect(subset.expectedTotalSpendUSD == full.expectedTotalSpendUSD)
        #expect(subset.totalSpendQuantiles == full.totalSpendQuantiles)
        #expect(subset.caps == full.caps)
        #expect(subset.riskFrequencies == full.riskFrequencies)
        // Nothing of the families not asked for.
        #expect(subset.demand == nil && subset.capacity == nil && subset.spend == nil)
        #expect(subset.phases.isEmpty && subset.providers.isEmpty && subset.contracts.isEmpty && subset.drivers.isEmpty)
        #expect(subset.statistics.families == [.unserved, .spend, .caps, .risks])
    }

    @Test("the reference families (no spend: capacity summed in one pass) agree with the full run to rounding")
    func referenceFamilies() throws {
        let full = try Self.run(.all)
        let reference = try Self.run(.reference)
        #expect(reference.phases == full.phases)
        let (h, f) = (try #require(reference.headline), try #require(full.headline))
        #expect(
            abs(h.expectedUnservedMWMonths.value - f.expectedUnservedMWMonths.value) <= 1e-9
                * f.expectedUnservedMWMonths.value)
        #expect(h.probabilityOfAnyShortfall == f.probabilityOfAnyShortfall)
        let (capacity, fullCapacity) = (try #require(reference.capacity), try #require(full.capacity))
        for t in capacity.mean.indices {
            #expect(abs(capacity.mean[t] - fullCapacity.mean[t]) <= 1e-9 * max(1, fullCapacity.mean[t]))
            for k in capacity.quantiles.indices {
                #expect(
                    abs(capacity.quantiles[k][t] - fullCapacity.quantiles[k][t]) <= 1e-3
                        * max(1, fullCapacity.quantiles[k][t]))
            }
        }
        #expect(try #require(reference.shortfall).quantiles.isEmpty)
        #expect(reference.demand == nil && reference.idle == nil && reference.spend == nil)
        #expect(reference.expectedTotalSpendUSD == nil && reference.caps.isEmpty)
    }

    @Test("family states round-trip through JSON and summarise to the run's result")
    func statesRoundTrip() throws {
        let model = try CompiledScenario(scenario: Self.scenario)
        let options = MonteCarloOptions(paths: 1_000, seed: 3, threads: 2)
        let run = Simulator.simulate([SimulationVariant(model)], pairs: [], options: options)
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let states = try decoder.decode([AccumulatorState].self, from: encoder.encode(run.states[0]))
        #expect(states == run.states[0])
        #expect(states.map(\.family) == StatisticFamily.allCases.filter { $0 != .procurement })
        let summary = Simulator(model).summarise(states, statistics: .all, paths: run.paths, options: options)
        #expect(summary == run.results[0])
    }

    @Test("early stopping watches only the families computed")
    func earlyStopping() throws {
        let options = MonteCarloOptions(
            paths: 2_000_000, seed: 5, threads: 2, untilStandardError: 0.05,
            statistics: StatisticsSelection(families: [.unserved]))
        let result = try Simulator(CompiledScenario(scenario: Self.scenario)).simulate(options)
        let h = try #require(result.headline)
        #expect(
            result.paths < 2_000_000 && result.paths % (MonteCarloOptions.blockSize * MonteCarloOptions.waveBlocks) == 0
        )
        #expect(h.expectedUnservedMWMonths.standardError <= 0.05 * h.expectedUnservedMWMonths.value)
        #expect(h.probabilityOfAnyShortfall.standardError <= 0.05)
    }

    @Test("engine errors carry a code and the entity's path")
    func engineErrors() {
        #expect {
            try CompiledScenario(scenario: TestScenarios.benchLike(), structure: .rightOfFirstRefusal)
        } throws: { error in
            (error as? EngineError).map { $0.code == .policy && $0.path == "policy" } ?? false
        }
        var scenario = TestScenarios.benchLike()
        scenario.contracts[0].provider = "nobody"
        #expect {
            try CompiledScenario(scenario: scenario)
        } throws: { error in
            guard let error = error as? EngineError else { return false }
            return error.code == .unresolvedReference && error.path == "contracts.\(scenario.contracts[0].id).provider"
                && error.message.contains("unknown provider 'nobody'")
        }
    }
}
