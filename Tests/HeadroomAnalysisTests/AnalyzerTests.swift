import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario
import HeadroomTestSupport
import Synchronization
import Testing

/// The analysis layer: one request in, one run out, exactly as the engine computes it; structures in one pass;
/// cancellation within one wave; errors that name what is wrong.
@Suite("Analyzer")
struct AnalyzerTests {
    static let settings = SimulationSettings(paths: 2_048, seed: 5, threads: 2, topDrivers: 5)

    static func run(_ scenario: Scenario, _ analysis: Analysis) throws -> AnalysisRun {
        try Analyzer.runNow(AnalysisRequest(scenario: .value(scenario), analysis: analysis))
    }

    @Test("simulate: the run is the engine's result for the same options, at any thread count")
    func simulateMatchesEngine() throws {
        let scenario = TestScenarios.benchLike()
        let run = try Self.run(scenario, .simulate(Self.settings))
        guard case .simulation(let result) = run.outcome else {
            Issue.record("expected a simulation, got \(run.outcome)")
            return
        }
        let engine = try Simulator(CompiledScenario(scenario: scenario))
            .simulate(MonteCarloOptions(paths: 2_048, seed: 5, threads: 1, topDrivers: 5))
        #expect(result == engine)
        #expect(run.completion == RunCompletion(requestedPaths: 2_048, completedPaths: 2_048, ending: .completed))
        #expect(run.facts.units.count == 24 + 1)
        #expect(run.facts.months.count == 60)
    }

    @Test("structures: one pass gives each structure's own run and the paired differences of separate comparisons")
    func structuresInOnePass() throws {
        let settings = SimulationSettings(paths: 512, seed: 3, threads: 2)
        let run = try Self.run(TestScenarios.market(), .structures(settings, pairedAgainstRightOfFirstRefusal: true))
        guard case .structures(let outcome) = run.outcome else {
            Issue.record("expected structures, got \(run.outcome)")
            return
        }
        #expect(outcome.runs.map(\.structure) == Policy.Structure.allCases)
        let options = MonteCarloOptions(paths: 512, seed: 3, threads: 2)
        let models = try Policy.Structure.allCases.map {
            try CompiledScenario(scenario: TestScenarios.market(), structure: $0)
        }
        for (k, model) in models.enumerated() { #expect(outcome.runs[k].result == Simulator(model).simulate(options)) }
        #expect(outcome.paired.map(\.structure) == [.exclusive, .open])
        for (k, pair) in outcome.paired.enumerated() {
            let separate = Simulator(models[0]).compare(with: models[k + 1], options: options)
            #expect(pair.comparison.figures == separate.figures)
        }
        // By hand (see ProcurementTests): rofr 9,100, exclusive 19,800, open 8,400 unserved MW-months.
        let unserved = outcome.paired.map { $0.comparison.figure(.unservedMWMonths)?.difference.value }
        #expect(unserved == [10_700, -700])
    }

    @Test("stopping after the first wave keeps exactly one wave of paths, identical to a run of that size")
    func stopAfterOneWave() throws {
        let scenario = TestScenarios.benchLike(count: 3, providers: 2, regions: 2, months: 12)
        let waves = Counter()
        let request = AnalysisRequest(
            scenario: .value(scenario), analysis: .simulate(SimulationSettings(paths: 100_000, seed: 9, threads: 2)))
        let stopped = try Analyzer.runNow(request, progress: { _ in waves.add() }, shouldStop: { waves.value >= 1 })
        let wave = MonteCarloOptions.blockSize * MonteCarloOptions.waveBlocks
        #expect(stopped.completion == RunCompletion(requestedPaths: 100_000, completedPaths: wave, ending: .stopped))
        #expect(stopped.isPartial)
        let full = try Self.run(scenario, .simulate(SimulationSettings(paths: wave, seed: 9, threads: 2)))
        #expect(stopped.outcome == full.outcome)
    }

    @Test("cancelling the calling task stops the run within one wave and returns what it completed")
    func cancellation() async throws {
        let scenario = TestScenarios.benchLike(count: 3, providers: 2, regions: 2, months: 12)
        let started = Counter()
        let request = AnalysisRequest(
            scenario: .value(scenario), analysis: .simulate(SimulationSettings(paths: 50_000_000, seed: 2, threads: 2)))
        // The task is cancelled from the run's own progress callback (a worker thread), at its first wave once the
        // handle is known: no polling on the cooperative pool, which other suites' synchronous work may starve.
        let handle = CancelHandle()
        let task = Task {
            try await Analyzer.run(request) { _ in
                started.add()
                handle.cancel()
            }
        }
        handle.set { task.cancel() }
        let run = try await task.value
        #expect(started.value > 0)
        let completion = try #require(run.completion)
        #expect(completion.ending == .stopped)
        let wave = MonteCarloOptions.blockSize * MonteCarloOptions.waveBlocks
        #expect(completion.completedPaths % wave == 0 && completion.completedPaths < 50_000_000)
        #expect(completion.completedPaths <= (started.value + 1) * wave)
    }

    @Test("slip samples: each unit's online month minus its planned month on the engine's own path samples")
    func slipSamples() throws {
        let scenario = TestScenarios.benchLike(count: 3, providers: 2, regions: 2, months: 12)
        let slips = try Analyzer.slipSamples(.value(scenario), paths: 256, seed: 5)
        let model = try CompiledScenario(scenario: scenario)
        let samples = Simulator(model).pathSamples(seed: 5, paths: 0..<256)
        #expect(slips.count == model.units.count)
        for (u, unit) in model.units.enumerated() {
            #expect(
                slips[unit.name]?.slips == samples.map { $0.onlineMonth[u] - unit.plannedIndex }, "\(unit.name)")
            #expect(slips[unit.name]?.delay == unit.delay)
            #expect(slips[unit.name]?.planned.ordinal == scenario.start.ordinal + Int(unit.plannedIndex))
        }
        #expect(throws: AnalysisError.self) { try Analyzer.slipSamples(.value(scenario), paths: 0, seed: 1) }
        // A replaced delay moves that unit alone, on its own normal scores: fixed(2) gives exactly 2 where the
        // unit is not hit by a risk, and every other unit keeps its draws.
        let campus = try #require(scenario.campuses.first)
        let phase = try #require(campus.phases.first)
        let name = "\(campus.id.rawValue)/\(phase.id.rawValue)"
        let replaced = try Analyzer.slipSamples(.value(scenario), paths: 256, seed: 5, delays: [name: .fixed(2)])
        for (unit, original) in slips where unit != name {
            #expect(replaced[unit] == original, "\(unit)")
        }
        #expect(replaced[name]?.slips != slips[name]?.slips)
        #expect(replaced[name]?.delay == .fixed(2))
        #expect(throws: AnalysisError.self) {
            try Analyzer.slipSamples(.value(scenario), paths: 8, seed: 1, delays: ["nowhere/p1": .fixed(1)])
        }
    }

    @Test("errors name what is wrong: an invalid scenario, a structure without a policy, a setting out of range")
    func errors() throws {
        #expect {
            try Analyzer.runNow(
                AnalysisRequest(
                    scenario: .text("headroom: 1\nname: x\nstart: 2026-13\n", file: "bad.yaml"), analysis: .check))
        } throws: { error in
            guard let error = error as? AnalysisError else { return false }
            return error.code == .invalidScenario && error.file == "bad.yaml" && !error.diagnostics.isEmpty
                && error.description.hasPrefix("bad.yaml:")
        }
        #expect {
            try Self.run(TestScenarios.benchLike(), .structures(Self.settings, pairedAgainstRightOfFirstRefusal: true))
        } throws: { error in
            (error as? AnalysisError)?.code == .unrunnableScenario
                && (error as? AnalysisError)?.message.hasPrefix("policy: structures needs a policy") == true
        }
        var early = Self.settings
        early.untilStandardError = 0.01
        #expect {
            try Self.run(TestScenarios.market(), .structures(early, pairedAgainstRightOfFirstRefusal: false))
        } throws: { error in
            (error as? AnalysisError)?.code == .invalidRequest
                && (error as? AnalysisError)?.message.hasPrefix("until_standard_error:") == true
        }
        for bad in [
            SimulationSettings(paths: 0), SimulationSettings(threads: 0), SimulationSettings(quantileLevels: [0.5, 1]),
            SimulationSettings(untilStandardError: -1), SimulationSettings(topDrivers: -1),
        ] {
            #expect(throws: AnalysisError.self) { try Self.run(TestScenarios.benchLike(), .simulate(bad)) }
        }
    }

    @Test("requests and runs round-trip through JSON")
    func codableRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let scenario = TestScenarios.market()
        let requests = [
            AnalysisRequest(scenario: .value(scenario), analysis: .report(Self.settings, includeStructures: true)),
            AnalysisRequest(
                scenario: .file("examples/quickstart.yaml"), analysis: .project(ProjectionSettings(basis: .mode))),
            AnalysisRequest(
                scenario: .text("headroom: 1\n", file: "a.yaml"),
                analysis: .compare(other: .value(scenario), SimulationSettings(paths: 7, structure: .open))),
        ]
        for request in requests {
            let back = try decoder.decode(AnalysisRequest.self, from: encoder.encode(request))
            #expect(back == request)
        }
        let run = try Self.run(
            scenario, .report(SimulationSettings(paths: 256, seed: 1, threads: 1), includeStructures: true))
        let back = try decoder.decode(AnalysisRun.self, from: encoder.encode(run))
        #expect(back.outcome == run.outcome)
        #expect(back.facts == run.facts)
        #expect(back.completion == run.completion)
    }

    @Test("facts: offers in each structure's asking order, holder and default spend horizon")
    func facts() throws {
        let facts = try Self.run(TestScenarios.market(), .check).facts
        #expect(facts.holder == "inc")
        #expect(facts.defaultSpendThrough == Month("2032-12"))
        #expect(facts.offers.map(\.provider) == ["inc", "cheap", "slow"])
        // rofr: holder first, then by price; exclusive: the holder alone; open: the reliable (lead ≤ 12) by price.
        #expect(facts.offers.map { $0.askPosition[.rightOfFirstRefusal] } == [1, 3, 2])
        #expect(facts.offers.map { $0.askPosition[.exclusive] } == [1, .some(nil), .some(nil)])
        #expect(facts.offers.map { $0.askPosition[.open] } == [2, 1, 3])
        #expect(try Self.run(TestScenarios.benchLike(), .check).facts.offers.isEmpty)
    }
}

/// Cancels a task once its cancel action is known, from any thread.
final class CancelHandle: Sendable {
    private let action = Mutex<(@Sendable () -> Void)?>(nil)

    /// Records how to cancel.
    func set(_ cancel: @escaping @Sendable () -> Void) { action.withLock { $0 = cancel } }

    /// Cancels, if the action is known yet.
    func cancel() { action.withLock { $0 }?() }
}

/// A counter shared between a run's callbacks and the test.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    func add() { count.withLock { $0 += 1 } }
}
