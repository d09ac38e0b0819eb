import Foundation
import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomEngine

/// Exact sums, and shards of a run whose merged states give the whole run's result bit for bit.
@Suite("Exact sums and shards")
struct ShardTests {
    static func sums(_ values: [[Double]]) -> ExactSums {
        var sums = ExactSums(count: values.first?.count ?? 0)
        for row in values { row.withUnsafeBufferPointer { sums.add($0) } }
        return sums
    }

    @Test("exact: cancellation, tenths, subnormals and negative totals round like a correctly rounded sum")
    func exact() {
        // 0.1 ten times is 1.000000000000000055…, which rounds to 1 (a running double sum gives 0.9999999999999999).
        let tenths = Self.sums([[Double]](repeating: [0.1, 0x1p300, -3], count: 10) + [[0, -(0x1p303 + 0x1p301), 0]])
        #expect(tenths.rounded() == [1, 0, -30])
        #expect(Self.sums([[1e16], [1], [-1e16]]).rounded() == [1])
        let tiny = Double.leastNonzeroMagnitude
        #expect(Self.sums([[tiny], [tiny], [tiny]]).rounded() == [3 * tiny])
        #expect(Self.sums([[-2.5], [1e-300], [0.5]]).rounded() == [-2])
        #expect(Self.sums([[.infinity], [1]]).rounded() == [.infinity])
        #expect(Self.sums([[.infinity], [-.infinity]]).rounded()[0].isNaN)
    }

    @Test("exact: any order and any split into merged parts give the same bits (seeded values over 60 decades)")
    func orderAndGrouping() throws {
        var rng = SeededGenerator(seed: 21)
        let values = (0..<3_000).map { _ in
            [(rng.nextUnit() - 0.5) * exp(69 * (rng.nextUnit() - 0.5)), rng.nextUnit() * 1e6]
        }
        let whole = Self.sums(values).rounded()
        #expect(Self.sums(values.reversed()).rounded() == whole)
        for parts in [2, 3, 7] {
            var merged = ExactSums(count: 2)
            for p in 0..<parts {
                merged.merge(Self.sums(Array(values[(values.count * p / parts)..<(values.count * (p + 1) / parts)])))
            }
            #expect(merged.rounded() == whole)
        }
        // Exact: the rounded total is within half an ulp of a compensated (double-double) sum's.
        var (high, low) = (0.0, 0.0)
        for row in values {
            let s = high + row[0]
            let bp = s - high
            low += (high - (s - bp)) + (row[0] - bp)
            high = s
        }
        #expect(abs(whole[0] - (high + low)) <= whole[0].ulp)
    }

    @Test("saved exact sums read back equal; a run that does not fit its sum is refused")
    func codable() throws {
        let sums = Self.sums([[1.5, -1e-200, 0], [2.25, 3e250, 0]])
        let data = try JSONEncoder().encode(sums)
        let back = try JSONDecoder().decode(ExactSums.self, from: data)
        #expect(back.rounded() == sums.rounded())
        let bad = Data(#"{"count":1,"starts":[60],"runs":[[1,2,3,4,5,6,7,8,9]],"specials":[0,0,0]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ExactSums.self, from: bad) }
    }

    @Test("shards n = 1, 2, 3, 7 (7 > 3 blocks: some empty) merge to the whole run's result bit for bit")
    func shardsMerge() throws {
        let risks = [
            Risk(id: "grid", probability: 0.3, target: .region("r0"), effect: .delay(.uniform(min: 6, max: 12))),
            Risk(id: "fail", probability: 0.05, target: .provider("p1"), effect: .cancel),
        ]
        let model = try CompiledScenario(
            scenario: TestScenarios.benchLike(count: 6, providers: 2, regions: 2, months: 24, risks: risks))
        let paths = 700
        var options = MonteCarloOptions(paths: paths, seed: 7, threads: 2, driverSample: 500)
        let whole = Simulator.simulate([SimulationVariant(model)], pairs: [], options: options)
        for count in [1, 2, 3, 7] {
            var merged: [AccumulatorState]?
            var covered = 0
            for shard in (0..<count).reversed() {
                options.blocks = MonteCarloOptions.shardBlocks(index: shard, count: count, paths: paths)
                options.threads = 1 + shard % 2
                let part = Simulator.simulate([SimulationVariant(model)], pairs: [], options: options)
                covered += part.paths
                merged =
                    try merged.map { states in
                        try zip(states, part.states[0]).map { try #require($0.merged(with: $1)) }
                    } ?? part.states[0]
            }
            #expect(covered == paths)
            let states = try #require(merged)
            let result = Simulator(model).summarise(
                states, statistics: .all, paths: paths,
                options: MonteCarloOptions(paths: paths, seed: 7, driverSample: 500))
            #expect(result == whole.results[0], "\(count) shards")
            #expect(states.map(\.sums) == whole.states[0].map(\.sums), "\(count) shards")
        }
    }

    @Test("a joint run's pairs: shards' variant and pair states merge to the whole run's comparisons bit for bit")
    func pairsMerge() throws {
        let base = TestScenarios.benchLike(count: 6, providers: 2, regions: 2, months: 24)
        var later = base
        for c in later.campuses.indices {
            for p in later.campuses[c].phases.indices {
                later.campuses[c].phases[p].plannedOnline = later.campuses[c].phases[p].plannedOnline.adding(months: 3)
            }
        }
        let variants = [
            SimulationVariant(try CompiledScenario(scenario: base), statistics: .none),
            SimulationVariant(try CompiledScenario(scenario: later), statistics: .none),
        ]
        let pairs = [VariantPair(base: 0, other: 1)]
        var options = MonteCarloOptions(paths: 700, seed: 5, threads: 2, driverSample: 500)
        let whole = Simulator.simulate(variants, pairs: pairs, options: options)
        var states: [[AccumulatorState]] = []
        var pairStates: [PairState] = []
        for shard in 0..<3 {
            options.blocks = MonteCarloOptions.shardBlocks(index: shard, count: 3, paths: 700)
            let part = Simulator.simulate(variants, pairs: pairs, options: options)
            if states.isEmpty {
                (states, pairStates) = (part.states, part.pairStates)
                continue
            }
            states = try zip(states, part.states).map { a, b in try zip(a, b).map { try #require($0.merged(with: $1)) }
            }
            pairStates = try zip(pairStates, part.pairStates).map { try #require($0.merged(with: $1)) }
        }
        options.blocks = nil
        let merged = Simulator.summarise(
            variants, pairs: pairs, states: states, pairStates: pairStates, paths: 700, options: options)
        #expect(merged.comparisons == whole.comparisons)
        #expect(merged.results == whole.results)
        #expect(whole.comparisons[0].figures.contains { $0.kind == .totalSpendUSD && $0.difference.value != 0 })
    }

    @Test("shard blocks are contiguous, disjoint and cover the run; states of other families do not merge")
    func shardBlocks() throws {
        for (paths, n) in [(5_000, 7), (256, 3), (1_000_000, 64), (1, 1)] {
            let ranges = (0..<n).map { MonteCarloOptions.shardBlocks(index: $0, count: n, paths: paths) }
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == (paths + 255) / 256)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        }
        var a = AccumulatorState(family: .spend, sums: [0, 0])
        a.exactSums = ExactSums(count: 2)
        var b = AccumulatorState(family: .unserved, sums: [0, 0])
        b.exactSums = ExactSums(count: 2)
        #expect(a.merged(with: b) == nil)
        #expect(a.merged(with: AccumulatorState(family: .spend, sums: [0, 0])) == nil, "no exact sums, no merge")
    }
}
