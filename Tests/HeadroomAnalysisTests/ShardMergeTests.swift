import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomScenario
import HeadroomTestSupport
import Testing

/// Sharded `simulate`: every shard count merges to the unsharded run's result bit for bit; the state file round-trips;
/// every state that does not belong is refused, naming its file.
@Suite("Shards and merge")
struct ShardMergeTests {
    static let text = ScenarioWriter.yaml(
        TestScenarios.benchLike(
            count: 6, providers: 2, regions: 2, months: 24,
            risks: [Risk(id: "grid", probability: 0.3, target: .region("r0"), effect: .delay(.uniform(min: 3, max: 9)))]
        ))
    static let settings = SimulationSettings(paths: 768, seed: 4, threads: 2, topDrivers: 5)

    static func shard(_ i: Int, of count: Int, settings: SimulationSettings = settings, version: String = "test")
        throws -> (file: String, state: ShardState)
    {
        var settings = settings
        settings.threads = 1 + i % 2
        return (
            "s\(i).state",
            try Analyzer.simulateShard(
                text: text, file: "bench.yaml", settings: settings, shard: ShardSpec(index: i, count: count),
                engineVersion: version)
        )
    }

    static func shards(_ count: Int) throws -> [(file: String, state: ShardState)] {
        try (0..<count).map { try shard($0, of: count) }
    }

    /// The engine's and the CLI's tests take n = 1, 2, 3, 7; here 3, and 7 (more shards than blocks: some empty).
    @Test("3 and 7 shards, in any order, merge to the unsharded simulate bit for bit", arguments: [3, 7])
    func mergesExactly(count: Int) throws {
        let single = try Analyzer.runNow(
            AnalysisRequest(scenario: .text(Self.text, file: "bench.yaml"), analysis: .simulate(Self.settings)))
        guard case .simulation(let expected) = single.outcome else {
            Issue.record("not a simulation")
            return
        }
        let merged = try Analyzer.mergeShards(try Self.shards(count).reversed())
        guard case .simulation(let result) = merged.outcome else {
            Issue.record("not a simulation")
            return
        }
        #expect(result == expected)
        #expect(merged.facts == single.facts)
    }

    @Test("the state file reads back equal; truncated, altered or foreign files are refused")
    func fileFormat() throws {
        let state = try Self.shard(0, of: 2).state
        let data = try ShardStateFile.encode(state)
        #expect(try ShardStateFile.decode(data, file: "a.state") == state)
        #expect(String(decoding: data.prefix(160), as: UTF8.self).contains("\"format\":\"headroom-shard-state\""))
        func refused(_ bytes: Data, _ message: String) {
            #expect(throws: ShardStateError(file: "a.state", message)) {
                try ShardStateFile.decode(bytes, file: "a.state")
            }
        }
        refused(data.prefix(data.count / 2), "not a complete shard state (truncated, or not a state file)")
        var altered = data
        altered[200] ^= 0x01
        refused(altered, "checksum mismatch: the file is corrupt")
        refused(Data("campus,phase\n".utf8), "not a complete shard state (truncated, or not a state file)")
        var future = state
        future.header.formatVersion = 99
        refused(
            try ShardStateFile.encode(future),
            "format headroom-shard-state version 99; this headroom reads headroom-shard-state version 2")
    }

    @Test("merge refuses another seed, version or scenario, a duplicate, an overlap and a missing shard")
    func refusals() throws {
        let three = try Self.shards(3)
        func refused(_ shards: [(file: String, state: ShardState)], _ description: String) {
            #expect {
                try Analyzer.mergeShards(shards)
            } throws: { error in
                (error as? ShardStateError)?.description == description
            }
        }
        var otherSeed = Self.settings
        otherSeed.seed = 5
        refused(
            [three[0], three[1], try Self.shard(2, of: 3, settings: otherSeed)],
            "s2.state: error: the seed (5) differs from s0.state's: the states are not of one run")
        refused(
            [three[0], three[1], try Self.shard(2, of: 3, version: "0.0.1")],
            "s2.state: error: the engine version (0.0.1) differs from s0.state's: the states are not of one run")
        var foreign = three[2]
        foreign.state.scenarioText += "# edited\n"
        refused([three[0], three[1], foreign], "s2.state: error: the scenario text does not match the header's sha256")
        refused(
            [three[0], three[1], ("copy.state", three[1].state), three[2]],
            "copy.state: error: blocks 1..<2 again: a duplicate of s1.state")
        var wide = three[1]
        wide.state.header.blocks = [0, 2]
        refused(
            [three[0], ("wide.state", wide.state), three[2]],
            "wide.state: error: blocks 0..<2 overlap s0.state's, which end at 1")
        refused([three[0], three[2]], "s2.state: error: blocks 1..<2 are in no state: a shard is missing")
        refused([three[0], three[1]], "s1.state: error: blocks 2..<3 of 3 are in no state: a shard is missing")
        refused([], "merge: error: no state to merge")
    }

    @Test("shard specs: i/n with 0 ≤ i < n")
    func specs() {
        #expect(ShardSpec.parse("2/8") == ShardSpec(index: 2, count: 8))
        for bad in ["8/8", "-1/4", "1/0", "a/b", "3", "1/2/3", ""] { #expect(ShardSpec.parse(bad) == nil, "\(bad)") }
    }
}
