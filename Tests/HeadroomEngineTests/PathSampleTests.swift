import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomEngine

/// The path-sample API gives the very draws the Monte Carlo uses (common random numbers with every analysis).
@Suite("Path samples")
struct PathSampleTests {
    @Test("samples average to the Monte Carlo's mean delays and demand on the same paths")
    func matchesMonteCarlo() throws {
        let scenario = TestScenarios.benchLike(count: 8, providers: 2, regions: 2, months: 24)
        let model = try CompiledScenario(scenario: scenario)
        let paths = 2_048
        let samples = Simulator(model).pathSamples(seed: 4, paths: 0..<paths)
        #expect(samples.map(\.path) == Array(0..<paths))
        let result = Simulator(model).simulate(MonteCarloOptions(paths: paths, seed: 4, threads: 2))
        for u in model.units.indices {
            let delays = samples.map { $0.delayMonths[u] }
            let mean = delays.reduce(0, +) / Double(paths)
            #expect(abs(mean - result.phases[u].meanDelay) <= 1e-9 * max(1, abs(mean)), "\(model.units[u].name)")
            #expect(samples.allSatisfy { $0.onlineMonth[u] == model.units[u].plannedIndex + $0.delayMonths[u] })
        }
        let demand = try #require(result.demand)
        for t in 0..<model.monthCount {
            let mean = samples.map { $0.demandMW[0][t] }.reduce(0, +) / Double(paths)
            #expect(abs(mean - demand.mean[t]) <= 1e-9 * mean)
        }
        #expect(Simulator(model).pathSamples(seed: 4, paths: 100..<101) == [samples[100]])
        #expect(samples[0].appetiteMW.isEmpty && samples[0].leadTimeMonths.isEmpty)
    }

    @Test("a phase cancelled on 9.95% of paths and very late on a few: its P90 is the late month, not never")
    func lateTailQuantiles() throws {
        // The P90 of all paths is the 99.94% quantile of the paths that come online: past the online-month
        // histogram's 99.9% cut of the lognormal, where it once answered "never".
        let phase = Phase(
            id: "a", megawatts: 100, plannedOnline: TestScenarios.month(2),
            delayMonths: .lognormal(median: 3, sigma: 0.5))
        let scenario = TestScenarios.single(
            phases: [phase], months: 36,
            risks: [Risk(id: "cancel", probability: 0.0995, target: .all, effect: .cancel)])
        let model = try CompiledScenario(scenario: scenario)
        let paths = 20_000
        let result = Simulator(model).simulate(MonteCarloOptions(paths: paths, seed: 1, threads: 2))
        let online = Simulator(model).pathSamples(seed: 1, paths: 0..<paths).map { $0.onlineMonth[0] }.sorted()
        let cancelled = online.filter { $0 == .infinity }.count
        // On this seed the exact P90 lies past the 99.9% quantile of planned + delay (2 + 14.06 months).
        #expect(online[Int((0.9 * Double(paths - 1)).rounded(.down))] > 2 + 3 * 4.685)
        #expect(abs(Double(cancelled) / Double(paths) - 0.0995) < 0.006)
        #expect(abs(result.phases[0].probabilityCancelled - Double(cancelled) / Double(paths)) < 1e-12)
        for (q, got) in [(0.5, result.phases[0].p50), (0.8, result.phases[0].p80), (0.9, result.phases[0].p90)] {
            let rank = q * Double(paths - 1)
            let (lo, hi) = (online[Int(rank.rounded(.down))], online[Int(rank.rounded(.up))])
            #expect(lo.isFinite && hi.isFinite)
            #expect(got >= lo - 0.02 && got <= hi + 0.02, "P\(Int(q * 100)) \(got) not in [\(lo), \(hi)]")
        }
    }

    @Test("a dynamic run's samples hold each askable provider's appetite and a lead time per review")
    func procurementDraws() throws {
        let model = try CompiledScenario(scenario: TestScenarios.market(), structure: .open)
        let sample = try #require(Simulator(model).pathSamples(seed: 1, paths: 0..<1).first)
        // Fixed appetites 300 / 500 / 1,000 MW a year and lead times 6 / 6 / 18 months; yearly reviews over 36 months.
        #expect(sample.appetiteMW == [300, 500, 1_000])
        #expect(sample.leadTimeMonths == [[6, 6, 6], [6, 6, 6], [18, 18, 18]])
    }
}
