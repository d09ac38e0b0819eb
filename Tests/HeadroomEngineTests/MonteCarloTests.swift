import Foundation
import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomEngine

/// Properties of the Monte Carlo engine: the copula, risk events, reproducibility, convergence, invariants.
@Suite("Monte Carlo")
struct MonteCarloTests {
    typealias S = TestScenarios

    /// Two phases with normal(0, 1) delays: their delays are the copula's normal scores themselves.
    static func twoPhases(sameProvider: Bool, sameRegion: Bool, correlation: Correlation) -> Scenario {
        let start = S.start
        let phase = { (id: PhaseID) in
            Phase(id: id, megawatts: 10, plannedOnline: start.adding(months: 12), delayMonths: .normal(mean: 0, sd: 1))
        }
        return Scenario(
            name: "copula", start: start, end: start.adding(months: 23), workloads: [Workload(id: "all")],
            providers: [Provider(id: "p1", kind: .cloud), Provider(id: "p2", kind: .cloud)],
            regions: [Region(id: "r1"), Region(id: "r2")],
            campuses: [
                Campus(id: "a", provider: "p1", region: "r1", phases: [phase("x")]),
                Campus(
                    id: "b", provider: sameProvider ? "p1" : "p2", region: sameRegion ? "r1" : "r2",
                    phases: [phase("y")]),
            ],
            contracts: [
                Contract(
                    id: "ka", provider: "p1", coverage: .phases([PhaseReference(campus: "a", phase: "x")]),
                    price: .perMWMonth(0)),
                Contract(
                    id: "kb", provider: sameProvider ? "p1" : "p2",
                    coverage: .phases([PhaseReference(campus: "b", phase: "y")]), price: .perMWMonth(0)),
            ],
            demand: [Demand(workload: "all", growth: .anchors([DemandAnchor(month: start, megawatts: 5)]))],
            correlation: correlation)
    }

    static func delayCorrelation(_ scenario: Scenario, paths: Int = 60_000) throws -> Double {
        let model = try CompiledScenario(scenario: scenario)
        let ws = PathWorkspace(model: model)
        var x: [Double] = []
        var y: [Double] = []
        for path in 0..<paths {
            model.drawPath(.random(seed: 7, path: path), into: ws)
            x.append(ws.delay[0])
            y.append(ws.delay[1])
        }
        return RankCorrelation.pearson(x, y)
    }

    @Test(
        "the Gaussian copula's correlation is g² + p² + r² for shared factors",
        arguments: [
            (true, true, 0.3, 0.4, 0.3, 0.34), (true, false, 0.3, 0.4, 0.3, 0.25), (false, true, 0.3, 0.4, 0.3, 0.18),
            (false, false, 0.3, 0.4, 0.3, 0.09), (true, true, 0.6, 0.6, 0.5, 0.97), (false, false, 0, 0.5, 0.5, 0),
        ])
    func copulaCorrelation(sameProvider: Bool, sameRegion: Bool, g: Double, p: Double, r: Double, expected: Double)
        throws
    {
        let rho = try Self.delayCorrelation(
            Self.twoPhases(
                sameProvider: sameProvider, sameRegion: sameRegion,
                correlation: Correlation(global: g, provider: p, region: r)))
        // Standard error of a correlation estimate ≈ (1 − ρ²)/√n ≈ 0.004 at n = 60,000.
        #expect(abs(rho - expected) < 0.02, "ρ = \(rho), expected \(expected)")
    }

    @Test("risk events happen at their probability and add their delay to every phase they hit")
    func riskFrequency() throws {
        let risks = [
            Risk(id: "grid", probability: 0.3, target: .region("r0"), effect: .delay(.uniform(min: 6, max: 12))),
            Risk(id: "fail", probability: 0.05, target: .provider("p1"), effect: .cancel),
        ]
        let model = try CompiledScenario(scenario: S.benchLike(risks: risks))
        let result = Simulator(model).simulate(MonteCarloOptions(paths: 40_000, seed: 3, threads: 2))
        let n = 40_000.0
        #expect(abs(result.riskFrequencies[0].value - 0.3) < 5 * (0.3 * 0.7 / n).squareRoot())
        #expect(abs(result.riskFrequencies[1].value - 0.05) < 5 * (0.05 * 0.95 / n).squareRoot())
        for (u, unit) in model.units.enumerated() where unit.index.provider == 1 {
            #expect(abs(result.phases[u].probabilityCancelled - result.riskFrequencies[1].value) < 1e-12)
        }
        // A phase in region r0 is delayed by 9 months on average in 30% of paths: +2.7 months of mean delay.
        let hit = try #require(model.units.firstIndex { $0.index.region == 0 && $0.index.provider != 1 })
        let ws = PathWorkspace(model: model)
        var withRisk = 0.0
        var base = 0.0
        var hits = 0.0
        for path in 0..<20_000 {
            model.drawPath(.random(seed: 3, path: path), into: ws)
            withRisk += ws.delay[hit]
            if ws.riskOccurred[0] == 1 { hits += 1 }
            base += ws.delay[hit] - (ws.riskOccurred[0] == 1 ? 9 : 0)
        }
        #expect(abs((withRisk - base) / hits - 9) < 0.2)
    }

    @Test("the same seed gives bit-identical statistics at 1, 2 and 3 threads")
    func deterministicAcrossThreads() throws {
        let model = try CompiledScenario(scenario: S.benchLike())
        let runs = [1, 2, 3].map {
            // Two waves (8,192 paths each, the second partial), several blocks per thread.
            Simulator(model).simulate(MonteCarloOptions(paths: 12_000, seed: 11, threads: $0, driverSample: 5_000))
        }
        for run in runs.dropFirst() {
            #expect(run.capacity == runs[0].capacity)
            #expect(run.shortfall == runs[0].shortfall)
            #expect(run.spend == runs[0].spend)
            #expect(run.probabilities == runs[0].probabilities)
            #expect(run.headline == runs[0].headline)
            #expect(run.phases == runs[0].phases)
            #expect(run.drivers == runs[0].drivers)
            #expect(run.providers == runs[0].providers)
        }
        let other = Simulator(model).simulate(MonteCarloOptions(paths: 4_096, seed: 12, threads: 2))
        #expect(other.capacityStatistic.mean != runs[0].capacityStatistic.mean)
    }

    @Test("standard errors shrink as 1/√n")
    func standardErrorScaling() throws {
        let model = try CompiledScenario(scenario: S.benchLike())
        let small = Simulator(model).simulate(MonteCarloOptions(paths: 8_192, seed: 5, threads: 2))
        let large = Simulator(model).simulate(MonteCarloOptions(paths: 32_768, seed: 5, threads: 2))
        let ratio =
            small.headlineFigures.expectedUnservedMWMonths.standardError
            / large.headlineFigures.expectedUnservedMWMonths.standardError
        #expect(abs(ratio - 2) < 0.15, "ratio \(ratio)")
        let spendRatio = small.spendEstimate.standardError / large.spendEstimate.standardError
        #expect(abs(spendRatio - 2) < 0.15, "ratio \(spendRatio)")
    }

    @Test("--until-se stops once headline standard errors meet the tolerance")
    func untilStandardError() throws {
        let model = try CompiledScenario(scenario: S.benchLike())
        let result = Simulator(model).simulate(
            MonteCarloOptions(paths: 2_000_000, seed: 5, threads: 2, untilStandardError: 0.02))
        #expect(result.paths < 2_000_000)
        #expect(result.paths % (MonteCarloOptions.blockSize * MonteCarloOptions.waveBlocks) == 0)
        let h = result.headlineFigures
        #expect(h.expectedUnservedMWMonths.standardError <= 0.02 * h.expectedUnservedMWMonths.value)
        #expect(h.probabilityOfAnyShortfall.standardError <= 0.02)
    }

    @Test("every path keeps served + shortfall = demand, served + idle = capacity, spend = Σ contracts, MW ≥ 0")
    func pathInvariants() throws {
        let risks = [Risk(id: "grid", probability: 0.4, target: .all, effect: .delay(.pert(min: 0, mode: 2, max: 8)))]
        let model = try CompiledScenario(scenario: S.benchLike(risks: risks))
        let ws = PathWorkspace(model: model)
        for path in 0..<500 {
            model.drawPath(.random(seed: 9, path: path), into: ws)
            model.evaluatePath(ws)
            for t in 0..<model.monthCount {
                let served = ws.demandTotal[t] - ws.shortfallTotal[t]
                #expect(ws.capacityTotal[t] >= 0 && ws.shortfallTotal[t] >= 0 && ws.idleTotal[t] >= -1e-9)
                #expect(abs(served + ws.idleTotal[t] - ws.capacityTotal[t]) <= 1e-7 * max(1, ws.capacityTotal[t]))
                var spend = 0.0
                for c in 0..<model.contracts.count { spend += ws.contractSpend[t * model.contracts.count + c] }
                #expect(abs(spend - ws.spendTotal[t]) <= 1e-6 * max(1, spend))
                #expect(served <= ws.demandTotal[t] + 1e-9)
            }
        }
    }

    @Test("quantiles are ordered, means sit inside the range, probabilities in [0, 1]")
    func statisticInvariants() throws {
        let model = try CompiledScenario(scenario: S.benchLike())
        let r = Simulator(model).simulate(
            MonteCarloOptions(paths: 10_000, seed: 1, threads: 2, quantileLevels: [0.05, 0.1, 0.5, 0.9, 0.95]))
        for s in [r.demandStatistic, r.capacityStatistic, r.shortfallStatistic, r.idleStatistic, r.spendStatistic] {
            for t in 0..<model.monthCount {
                for k in 1..<s.quantiles.count { #expect(s.quantiles[k - 1][t] <= s.quantiles[k][t]) }
                #expect(s.standardError[t] >= 0)
            }
        }
        #expect(r.probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
        for p in r.phases { #expect(p.p50 <= p.p80 && p.p80 <= p.p90) }
        // Capacity is a sum of nondecreasing curves here: its mean grows month to month.
        for t in 1..<model.monthCount { #expect(r.capacityStatistic.mean[t] >= r.capacityStatistic.mean[t - 1] - 1e-9) }
    }

    @Test("an exponential demand's mean matches E[exp(g t/12)] for normal g")
    func demandMean() throws {
        let model = try CompiledScenario(scenario: S.benchLike())
        let r = Simulator(model).simulate(MonteCarloOptions(paths: 50_000, seed: 2, threads: 2))
        for t in [0, 12, 36, 59] {
            let tt = Double(t) / 12
            let expected = 1500 * exp(0.25 * tt + 0.5 * 0.08 * 0.08 * tt * tt)
            #expect(
                abs(r.demandStatistic.mean[t] - expected) < 5 * r.demandStatistic.standardError[t] + 1e-9, "month \(t)")
        }
    }
}
