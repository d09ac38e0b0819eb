import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomScenario
import Synchronization

/// Runs analysis requests: the one entry point the CLI, the service, the optimizer and sharded runs share.
///
/// ``run(_:progress:)`` is `async`: the simulation runs on a thread of its own (never on the cooperative thread
/// pool), reports progress after every wave, and stops within one wave when the calling task is cancelled; a stopped
/// run still returns the statistics of the paths it completed, marked ``RunEnding/stopped``.
public enum Analyzer {
    /// Runs `request`.
    /// - Parameters:
    ///   - request: the scenario and the analysis.
    ///   - progress: called after every wave of paths (from a worker queue).
    /// - Returns: the run: facts, outcome and completion.
    /// - Throws: ``AnalysisError`` when the scenario does not read or cannot run, or a setting is out of range.
    public static func run(
        _ request: AnalysisRequest, progress: @escaping @Sendable (AnalysisProgress) -> Void = { _ in }
    ) async throws(AnalysisError) -> AnalysisRun {
        let stop = StopSignal()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<AnalysisRun, AnalysisError>, Never>) in
                // A thread of its own, not a global dispatch queue: those queues run at most one thread per core,
                // so a run queued behind other CPU-bound work could wait indefinitely. The run's own
                // `concurrentPerform` still uses the dispatch pool, and runs on this thread when the pool is busy.
                let thread = Thread {
                    continuation.resume(
                        returning: Result { () throws(AnalysisError) in
                            try runNow(request, progress: progress, shouldStop: { stop.isRaised })
                        })
                }
                thread.name = "headroom-analysis"
                thread.start()
            }
        } onCancel: {
            stop.raise()
        }
        return try result.get()
    }

    /// Runs `request` on the calling thread (which blocks until it ends).
    /// - Parameters:
    ///   - request: the scenario and the analysis.
    ///   - progress: called after every wave of paths.
    ///   - shouldStop: checked after every wave; `true` ends the run with the paths completed so far.
    /// - Returns: the run: facts, outcome and completion.
    /// - Throws: ``AnalysisError`` when the scenario does not read or cannot run, or a setting is out of range.
    public static func runNow(
        _ request: AnalysisRequest, progress: @escaping @Sendable (AnalysisProgress) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws(AnalysisError) -> AnalysisRun {
        let started = ContinuousClock.now
        let (scenario, file) = try read(request.scenario)
        let model = try compile(scenario, file: file, structure: nil)
        let facts = ScenarioFacts(model: model, scenario: scenario)
        let control = RunControl(
            progress: { progress(AnalysisProgress(completedPaths: $0.completed, totalPaths: $0.total)) },
            shouldStop: shouldStop)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let outcome: AnalysisOutcome
        var completion: RunCompletion?
        func finish(_ settings: SimulationSettings, _ run: JointRunResult) {
            completion = RunCompletion(requestedPaths: settings.paths, completedPaths: run.paths, ending: run.ending)
        }
        switch request.analysis {
        case .check:
            outcome = .check
        case .project(let settings):
            let projected =
                try settings.structure.map { s throws(AnalysisError) in
                    try compile(scenario, file: file, structure: s)
                } ?? model
            outcome = .projection(Simulator(projected).project(basis: settings.basis))
        case .simulate(let settings):
            try check(settings)
            let simulated =
                try settings.structure.map { s throws(AnalysisError) in
                    try compile(scenario, file: file, structure: s)
                } ?? model
            let run = Simulator.simulate(
                [SimulationVariant(simulated, statistics: settings.statistics)], pairs: [],
                options: settings.engineOptions(cores: cores), control: control)
            finish(settings, run)
            outcome = .simulation(run.results[0])
        case .compare(let otherInput, let settings):
            try check(settings)
            let (other, otherFile) = try read(otherInput)
            let otherModel = try compile(other, file: otherFile, structure: nil)
            let run = Simulator.simulate(
                [
                    SimulationVariant(model, statistics: .none),
                    SimulationVariant(otherModel, statistics: .none),
                ],
                pairs: [VariantPair(base: 0, other: 1)], options: settings.engineOptions(cores: cores),
                control: control)
            finish(settings, run)
            outcome = .comparison(run.comparisons[0], other: ScenarioFacts(model: otherModel, scenario: other))
        case .structures(let settings, let paired):
            try check(settings, sameRunsForEveryVariant: "structures")
            guard scenario.policy != nil else {
                throw AnalysisError(
                    code: .unrunnableScenario,
                    message: "policy: structures needs a policy (see docs/scenario-format.md, policy)", file: file)
            }
            let models = try structureModels(scenario, file: file)
            let run = Simulator.simulate(
                models.map { SimulationVariant($0) }, pairs: paired ? structurePairs(first: 0) : [],
                options: settings.engineOptions(cores: cores), control: control)
            finish(settings, run)
            outcome = .structures(structures(run, first: 0))
        case .report(var settings, let includeStructures):
            try check(settings, sameRunsForEveryVariant: "report")
            // The charts draw P10–P90 bands and P50 lines whatever other levels are asked for.
            settings.quantileLevels = Array(Set(settings.quantileLevels + [0.1, 0.5, 0.9])).sorted()
            let holderReady = scenario.policy.map { $0.resolvedHolder(in: scenario) != nil } ?? false
            let dynamic = includeStructures && holderReady ? try structureModels(scenario, file: file) : []
            let run = Simulator.simulate(
                ([model] + dynamic).map { SimulationVariant($0) },
                pairs: dynamic.isEmpty ? [] : structurePairs(first: 1),
                options: settings.engineOptions(cores: cores), control: control)
            finish(settings, run)
            outcome = .report(
                ReportOutcome(
                    simulation: run.results[0],
                    structures: dynamic.isEmpty ? nil : structures(run, first: 1)))
        case .optimize(let settings):
            outcome = .optimization(
                try optimize(
                    scenario, file: file, settings: settings, cores: cores, progress: progress,
                    shouldStop: shouldStop))
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return AnalysisRun(facts: facts, outcome: outcome, completion: completion, seconds: seconds)
    }

    /// Reads a scenario input.
    static func read(_ input: ScenarioInput) throws(AnalysisError) -> (Scenario, String) {
        switch input {
        case .value(let scenario):
            return (scenario, scenario.name)
        case .file(let path):
            do {
                return (try ScenarioReader.read(contentsOf: path), path)
            } catch {
                throw .invalid(error, file: path)
            }
        case .text(let text, let file):
            do {
                return (try ScenarioReader.parse(text, file: file), file)
            } catch {
                throw .invalid(error, file: file)
            }
        }
    }

    /// Compiles a scenario, static or under a deal structure.
    static func compile(
        _ scenario: Scenario, file: String, structure: Policy.Structure?
    ) throws(AnalysisError) -> CompiledScenario {
        do {
            return try CompiledScenario(scenario: scenario, structure: structure)
        } catch {
            throw .unrunnable(error, file: file)
        }
    }

    /// Every structure's dynamic model, in ``Policy/Structure/allCases`` order.
    static func structureModels(_ scenario: Scenario, file: String) throws(AnalysisError) -> [CompiledScenario] {
        var models: [CompiledScenario] = []
        for structure in Policy.Structure.allCases {
            models.append(try compile(scenario, file: file, structure: structure))
        }
        return models
    }

    /// Pairs of every other structure against the first (variants from `first` on, in ``Policy/Structure/allCases``
    /// order).
    static func structurePairs(first: Int) -> [VariantPair] {
        (1..<Policy.Structure.allCases.count).map { VariantPair(base: first, other: first + $0) }
    }

    /// The structures' runs and paired differences of a joint run whose structure variants start at `first`.
    static func structures(_ run: JointRunResult, first: Int) -> StructuresOutcome {
        let all = Policy.Structure.allCases
        var runs: [StructureRun] = []
        for (k, structure) in all.enumerated() {
            runs.append(StructureRun(structure: structure, result: run.results[first + k]))
        }
        return StructuresOutcome(
            runs: runs,
            paired: run.comparisons.enumerated().map { StructureComparison(structure: all[$0 + 1], comparison: $1) })
    }

    /// Rejects settings out of range, and early stopping where every variant must run the same paths.
    private static func check(_ settings: SimulationSettings, sameRunsForEveryVariant analysis: String? = nil)
        throws(AnalysisError)
    {
        if let problem = settings.problems.first { throw .request(problem) }
        if let analysis, settings.untilStandardError != nil {
            throw .request(
                "until_standard_error: not available for \(analysis): every structure must run the same paths")
        }
    }
}

/// A flag raised once, from any thread, to stop a run at its next wave.
final class StopSignal: Sendable {
    private let raised = Atomic(false)

    /// Whether the flag was raised.
    var isRaised: Bool { raised.load(ordering: .acquiring) }

    /// Raises the flag.
    func raise() { raised.store(true, ordering: .releasing) }
}
