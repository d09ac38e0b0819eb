import Foundation
import HeadroomEngine
import HeadroomModel

extension Analyzer {
    /// The analyses a shard can run: one joint run each, as the unsharded analysis makes it.
    public enum ShardAnalysis: String, Sendable, Hashable, CaseIterable {
        /// `simulate`: the scenario (under `settings.structure`, if any), with the statistics asked for.
        case simulate
        /// `compare`: scenarios A and B on common random numbers, paired.
        case compare
        /// `structures`: the three deal structures, paired against the right of first refusal.
        case structures
        /// `structures --no-paired`: the three deal structures, unpaired.
        case structuresUnpaired = "structures-unpaired"
    }

    /// The joint run of `analysis`: its variants and pairs, as the unsharded analysis builds them.
    static func jointRun(
        _ analysis: ShardAnalysis, scenario: Scenario, file: String, other: (Scenario, String)?,
        settings: SimulationSettings
    ) throws(AnalysisError) -> (variants: [SimulationVariant], pairs: [VariantPair]) {
        switch analysis {
        case .simulate:
            let model = try compile(scenario, file: file, structure: settings.structure)
            return ([SimulationVariant(model, statistics: settings.statistics)], [])
        case .compare:
            guard let (b, bFile) = other else { throw .request("compare: a shard needs scenario B") }
            return (
                [
                    SimulationVariant(try compile(scenario, file: file, structure: nil), statistics: .none),
                    SimulationVariant(try compile(b, file: bFile, structure: nil), statistics: .none),
                ], [VariantPair(base: 0, other: 1)]
            )
        case .structures, .structuresUnpaired:
            guard scenario.policy != nil else {
                throw AnalysisError(
                    code: .unrunnableScenario,
                    message: "policy: structures needs a policy (see docs/scenario-format.md, policy)", file: file)
            }
            let models = try structureModels(scenario, file: file)
            return (models.map { SimulationVariant($0) }, analysis == .structures ? structurePairs(first: 0) : [])
        }
    }

    /// Runs shard `shard` of `analysis` of `text` (and, for `compare`, scenario B's `other`): its contiguous,
    /// block-aligned share of `settings.paths` paths, returning the state that ``mergeShards(_:)`` adds to the other
    /// shards' (the merged result is the unsharded run's, bit for bit, whatever the number of shards or threads).
    ///
    /// - Parameters:
    ///   - analysis: What to run.
    ///   - text: The scenario text (saved in the state, so that a merge needs nothing else).
    ///   - file: The scenario's file name, for messages.
    ///   - other: For `compare`, scenario B's text and file name.
    ///   - settings: The run's settings; early stopping does not apply to a shard.
    ///   - shard: Which shard of how many.
    ///   - engineVersion: The version written in the header (merging states of two versions is refused).
    ///   - control: Progress after each wave and a stop check before the next.
    /// - Returns: The shard's state.
    /// - Throws: ``AnalysisError`` when a scenario does not read or run, or the settings cannot apply.
    public static func runShard(
        _ analysis: ShardAnalysis, text: String, file: String, other: (text: String, file: String)? = nil,
        settings: SimulationSettings, shard: ShardSpec, engineVersion: String, control: RunControl = .none
    ) throws(AnalysisError) -> ShardState {
        if let problem = settings.problems.first { throw .request(problem) }
        guard settings.untilStandardError == nil else {
            throw .request("until_standard_error: not available for a shard: every shard runs its whole share")
        }
        let (scenario, _) = try read(.text(text, file: file))
        let b = try other.map { o throws(AnalysisError) in (try read(.text(o.text, file: o.file)).0, o.file) }
        let (variants, pairs) = try jointRun(analysis, scenario: scenario, file: file, other: b, settings: settings)
        var options = settings.engineOptions(cores: ProcessInfo.processInfo.activeProcessorCount)
        let blocks = MonteCarloOptions.shardBlocks(index: shard.index, count: shard.count, paths: options.paths)
        options.blocks = blocks
        let run = Simulator.simulate(variants, pairs: pairs, options: options, control: control)
        guard run.ending == .completed else { throw .request("the shard was stopped before its last block") }
        let header = ShardHeader(
            format: ShardHeader.formatName, formatVersion: ShardHeader.currentVersion, engineVersion: engineVersion,
            analysis: analysis.rawValue, scenarioSHA256: ShardStateFile.sha256(Data(text.utf8)), scenarioFile: file,
            otherScenarioSHA256: other.map { ShardStateFile.sha256(Data($0.text.utf8)) },
            otherScenarioFile: other?.file,
            seed: settings.seed, totalPaths: options.paths, shard: shard,
            blocks: [blocks.lowerBound, blocks.upperBound],
            statistics: settings.statistics, structure: settings.structure, quantileLevels: options.quantileLevels,
            topDrivers: settings.topDrivers)
        return ShardState(
            header: header, scenarioText: text, otherScenarioText: other?.text, states: run.states,
            pairStates: run.pairStates, paths: run.paths)
    }

    /// Runs shard `shard` of a `simulate` of `text` (see ``runShard(_:text:file:other:settings:shard:engineVersion:control:)``).
    ///
    /// - Returns: The shard's state.
    /// - Throws: ``AnalysisError`` when the scenario does not read or run, or the settings cannot apply.
    public static func simulateShard(
        text: String, file: String, settings: SimulationSettings, shard: ShardSpec, engineVersion: String,
        control: RunControl = .none
    ) throws(AnalysisError) -> ShardState {
        try runShard(
            .simulate, text: text, file: file, settings: settings, shard: shard, engineVersion: engineVersion,
            control: control)
    }

    /// Merges the states of every shard of one run into the run's result, as the unsharded `simulate` computes it.
    ///
    /// Refuses, naming the file: states of another scenario, seed, engine version, path count or statistics set;
    /// two states of the same blocks; overlapping blocks; blocks no state covers; states whose families do not fit.
    /// - Parameter shards: Each state with the file it was read from.
    /// - Returns: The run, as a `simulate` analysis's (its `seconds` is 0: the shards' times are their own).
    /// - Throws: ``ShardStateError`` naming the file and the problem.
    public static func mergeShards(_ shards: [(file: String, state: ShardState)]) throws(ShardStateError)
        -> AnalysisRun
    {
        guard let first = shards.first else { throw ShardStateError(file: "merge", "no state to merge") }
        let identity = first.state.header.runIdentity
        for (file, state) in shards {
            if let field = Self.difference(state.header.runIdentity, identity) {
                throw ShardStateError(
                    file: file, "\(field) differs from \(first.file)'s: the states are not of one run")
            }
            guard ShardStateFile.sha256(Data(state.scenarioText.utf8)) == state.header.scenarioSHA256,
                state.otherScenarioText.map({ ShardStateFile.sha256(Data($0.utf8)) })
                    == state.header.otherScenarioSHA256
            else {
                throw ShardStateError(file: file, "the scenario text does not match the header's sha256")
            }
        }
        // By block range; an empty shard (more shards than blocks) sorts before the one that starts where it is.
        let ordered = shards.sorted { $0.state.header.blocks.lexicographicallyPrecedes($1.state.header.blocks) }
        let totalBlocks = (identity.totalPaths + MonteCarloOptions.blockSize - 1) / MonteCarloOptions.blockSize
        var next = 0
        var previous = ""
        for (file, state) in ordered {
            let blocks = state.header.blocks
            guard blocks.count == 2, blocks[0] <= blocks[1] else {
                throw ShardStateError(file: file, "the header's blocks are not a range")
            }
            if blocks[0] < next {
                let same = ordered.first { $0.file != file && $0.state.header.blocks == blocks }
                throw ShardStateError(
                    file: file,
                    same.map { "blocks \(blocks[0])..<\(blocks[1]) again: a duplicate of \($0.file)" }
                        ?? "blocks \(blocks[0])..<\(blocks[1]) overlap \(previous)'s, which end at \(next)")
            }
            if blocks[0] > next {
                throw ShardStateError(file: file, "blocks \(next)..<\(blocks[0]) are in no state: a shard is missing")
            }
            next = blocks[1]
            previous = file
        }
        if next != totalBlocks {
            throw ShardStateError(
                file: previous, "blocks \(next)..<\(totalBlocks) of \(totalBlocks) are in no state: a shard is missing")
        }
        var states = ordered[0].state.states
        var pairStates = ordered[0].state.pairStates
        for (file, shard) in ordered.dropFirst() {
            guard shard.states.count == states.count, shard.pairStates.count == pairStates.count,
                zip(shard.states, states).allSatisfy({ $0.count == $1.count })
            else { throw ShardStateError(file: file, "its variants, families or pairs differ from the others'") }
            for v in states.indices {
                for i in states[v].indices {
                    guard let merged = states[v][i].merged(with: shard.states[v][i]) else {
                        throw ShardStateError(
                            file: file, "the \(states[v][i].family.rawValue) state does not fit the others'")
                    }
                    states[v][i] = merged
                }
            }
            for p in pairStates.indices {
                guard let merged = pairStates[p].merged(with: shard.pairStates[p]) else {
                    throw ShardStateError(file: file, "a pair's state does not fit the others'")
                }
                pairStates[p] = merged
            }
        }
        let header = first.state.header
        guard let analysis = ShardAnalysis(rawValue: header.analysis) else {
            throw ShardStateError(file: first.file, "unknown analysis '\(header.analysis)'")
        }
        let settings = SimulationSettings(
            paths: header.totalPaths, seed: header.seed, quantileLevels: header.quantileLevels,
            topDrivers: header.topDrivers, structure: header.structure, statistics: header.statistics)
        let facts: ScenarioFacts
        let run: JointRunResult
        let otherFacts: ScenarioFacts?
        do throws(AnalysisError) {
            let (scenario, _) = try read(.text(first.state.scenarioText, file: header.scenarioFile))
            let b = try first.state.otherScenarioText.map { text throws(AnalysisError) in
                (try read(.text(text, file: header.otherScenarioFile ?? "B")).0, header.otherScenarioFile ?? "B")
            }
            facts = ScenarioFacts(
                model: try compile(scenario, file: header.scenarioFile, structure: nil), scenario: scenario)
            otherFacts = try b.map { s, f throws(AnalysisError) in
                ScenarioFacts(model: try compile(s, file: f, structure: nil), scenario: s)
            }
            let (variants, pairs) = try jointRun(
                analysis, scenario: scenario, file: header.scenarioFile, other: b, settings: settings)
            run = Simulator.summarise(
                variants, pairs: pairs, states: states, pairStates: pairStates, paths: header.totalPaths,
                options: settings.engineOptions(cores: 1))
        } catch {
            throw ShardStateError(file: first.file, "the scenario it ran no longer reads: \(error.message)")
        }
        let outcome: AnalysisOutcome
        switch analysis {
        case .simulate: outcome = .simulation(run.results[0])
        case .compare:
            guard let otherFacts, let comparison = run.comparisons.first else {
                throw ShardStateError(file: first.file, "a compare state without scenario B")
            }
            outcome = .comparison(comparison, other: otherFacts)
        case .structures, .structuresUnpaired: outcome = .structures(structures(run, first: 0))
        }
        return AnalysisRun(
            facts: facts, outcome: outcome,
            completion: RunCompletion(
                requestedPaths: header.totalPaths, completedPaths: header.totalPaths, ending: .completed),
            seconds: 0)
    }

    /// The first field in which two shards' run identities differ, named for a message.
    static func difference(_ a: ShardHeader, _ b: ShardHeader) -> String? {
        if a.format != b.format || a.formatVersion != b.formatVersion { return "the format" }
        if a.engineVersion != b.engineVersion { return "the engine version (\(a.engineVersion))" }
        if a.analysis != b.analysis { return "the analysis (\(a.analysis))" }
        if a.scenarioSHA256 != b.scenarioSHA256 || a.otherScenarioSHA256 != b.otherScenarioSHA256 {
            return "the scenario (sha256 \(a.scenarioSHA256.prefix(12))…)"
        }
        if a.seed != b.seed { return "the seed (\(a.seed))" }
        if a.totalPaths != b.totalPaths { return "the total paths (\(a.totalPaths))" }
        if a.shard.count != b.shard.count { return "the shard count (\(a.shard.count))" }
        if a.statistics != b.statistics { return "the statistics set" }
        if a.structure != b.structure { return "the deal structure" }
        if a.quantileLevels != b.quantileLevels || a.topDrivers != b.topDrivers {
            return "the quantile levels or drivers"
        }
        return a == b ? nil : "the header"
    }
}
