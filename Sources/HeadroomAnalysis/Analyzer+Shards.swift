import Foundation
import HeadroomEngine
import HeadroomModel

extension Analyzer {
    /// Runs shard `shard` of a `simulate` of `text`: its contiguous, block-aligned share of `settings.paths` paths,
    /// returning the state that ``mergeShards(_:)`` adds to the other shards' (DESIGN §8: the merged result is the
    /// whole run's, bit for bit, whatever the number of shards or threads).
    ///
    /// - Parameters:
    ///   - text: The scenario text (saved in the state, so that a merge needs nothing else).
    ///   - file: The scenario's file name, for messages.
    ///   - settings: The run's settings; early stopping does not apply to a shard.
    ///   - shard: Which shard of how many.
    ///   - engineVersion: The version written in the header (merging states of two versions is refused).
    ///   - control: Progress after each wave and a stop check before the next.
    /// - Returns: The shard's state.
    /// - Throws: ``AnalysisError`` when the scenario does not read or run, or the settings cannot apply.
    public static func simulateShard(
        text: String, file: String, settings: SimulationSettings, shard: ShardSpec, engineVersion: String,
        control: RunControl = .none
    ) throws(AnalysisError) -> ShardState {
        if let problem = settings.problems.first { throw .request(problem) }
        guard settings.untilStandardError == nil else {
            throw .request("until_standard_error: not available for a shard: every shard runs its whole share")
        }
        let (scenario, _) = try read(.text(text, file: file))
        let model = try compile(scenario, file: file, structure: settings.structure)
        var options = settings.engineOptions(cores: ProcessInfo.processInfo.activeProcessorCount)
        let blocks = MonteCarloOptions.shardBlocks(index: shard.index, count: shard.count, paths: options.paths)
        options.blocks = blocks
        let run = Simulator.simulate(
            [SimulationVariant(model, statistics: settings.statistics)], pairs: [], options: options, control: control)
        guard run.ending == .completed else { throw .request("the shard was stopped before its last block") }
        let header = ShardHeader(
            format: ShardHeader.formatName, formatVersion: ShardHeader.currentVersion, engineVersion: engineVersion,
            analysis: "simulate", scenarioSHA256: ShardStateFile.sha256(Data(text.utf8)), scenarioFile: file,
            seed: settings.seed, totalPaths: options.paths, shard: shard,
            blocks: [blocks.lowerBound, blocks.upperBound],
            statistics: settings.statistics, structure: settings.structure, quantileLevels: options.quantileLevels,
            topDrivers: settings.topDrivers)
        return ShardState(header: header, scenarioText: text, states: run.states[0], paths: run.paths)
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
            guard ShardStateFile.sha256(Data(state.scenarioText.utf8)) == state.header.scenarioSHA256 else {
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
        for (file, shard) in ordered.dropFirst() {
            guard shard.states.count == states.count else {
                throw ShardStateError(file: file, "\(shard.states.count) statistic families, not \(states.count)")
            }
            for i in states.indices {
                guard let merged = states[i].merged(with: shard.states[i]) else {
                    throw ShardStateError(file: file, "the \(states[i].family.rawValue) state does not fit the others'")
                }
                states[i] = merged
            }
        }
        let header = first.state.header
        let scenario: Scenario
        let facts: ScenarioFacts
        let model: CompiledScenario
        do throws(AnalysisError) {
            (scenario, _) = try read(.text(first.state.scenarioText, file: header.scenarioFile))
            facts = ScenarioFacts(
                model: try compile(scenario, file: header.scenarioFile, structure: nil), scenario: scenario)
            model = try compile(scenario, file: header.scenarioFile, structure: header.structure)
        } catch {
            throw ShardStateError(file: first.file, "the scenario it ran no longer reads: \(error.message)")
        }
        let options = MonteCarloOptions(
            paths: header.totalPaths, seed: header.seed, quantileLevels: header.quantileLevels,
            topDrivers: header.topDrivers, statistics: header.statistics)
        let result = Simulator(model).summarise(
            states, statistics: header.statistics, paths: header.totalPaths, options: options)
        return AnalysisRun(
            facts: facts, outcome: .simulation(result),
            completion: RunCompletion(
                requestedPaths: header.totalPaths, completedPaths: header.totalPaths, ending: .completed),
            seconds: 0)
    }

    /// The first field in which two shards' run identities differ, named for a message.
    static func difference(_ a: ShardHeader, _ b: ShardHeader) -> String? {
        if a.format != b.format || a.formatVersion != b.formatVersion { return "the format" }
        if a.engineVersion != b.engineVersion { return "the engine version (\(a.engineVersion))" }
        if a.scenarioSHA256 != b.scenarioSHA256 { return "the scenario (sha256 \(a.scenarioSHA256.prefix(12))…)" }
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
