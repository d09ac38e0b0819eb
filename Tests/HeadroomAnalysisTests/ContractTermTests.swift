import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import Testing

/// A contract delivers and pays from its `signed` month (the horizon's start when it has none) through its `end`.
///
/// A total value is spread over the planned MW-months of that term, months before the horizon included. Worked by
/// hand on a 24-month horizon from 2026-01 (issue 14's scenario, plus a term that straddles both ends).
@Suite("Contract terms")
struct ContractTermTests {
    static let text = """
        headroom: 1
        name: terms
        start: 2026-01
        months: 24
        workloads: [all]
        providers: [{id: cloud, kind: cloud}]
        regions: [r]
        campuses:
          - id: old
            provider: cloud
            region: r
            phases: [{id: p1, it_mw: 100, planned: 2025-01}]
          - id: new
            provider: cloud
            region: r
            phases: [{id: p1, it_mw: 100, planned: 2026-01}]
          - id: long
            provider: cloud
            region: r
            phases: [{id: p1, it_mw: 100, planned: 2025-07}]
        contracts:
          - {id: pre, provider: cloud, phases: [old/p1], end: 2026-12, total_value_usd: 1.2e+9}
          - {id: late-signed, provider: cloud, phases: [new/p1], signed: 2026-07, end: 2026-12, total_value_usd: 1.2e+9}
          - {id: straddle, provider: cloud, phases: [long/p1], signed: 2025-07, end: 2028-06, total_value_usd: 3.6e+9}
        demand:
          - workload: all
            anchors: [{month: 2026-01, mw: 1000}]
        """

    static func run(_ analysis: Analysis) throws -> AnalysisRun {
        try Analyzer.runNow(AnalysisRequest(scenario: .text(text, file: "terms.yaml"), analysis: analysis))
    }

    @Test("derived prices: value ÷ planned MW-months of the term")
    func derivedPrices() throws {
        let facts = try Self.run(.check).facts
        let price = Dictionary(uniqueKeysWithValues: facts.contracts.map { ($0.id.rawValue, $0.pricing) })
        // pre: horizon start → 2026-12, 12 × 100 = 1,200 MW-months → $1.0M (not 2,400 counted from 2025-01).
        #expect(price["pre"]?.plannedMWMonths == 1_200)
        #expect(price["pre"]?.usdPerMWMonth == 1_000_000)
        // late-signed: 2026-07 → 2026-12, 600 MW-months → $2.0M (not 1,200 counted from 2026-01).
        #expect(price["late-signed"]?.plannedMWMonths == 600)
        #expect(price["late-signed"]?.usdPerMWMonth == 2_000_000)
        // straddle: 2025-07 → 2028-06, 36 × 100 = 3,600 MW-months, six of them before the horizon → $1.0M.
        #expect(price["straddle"]?.plannedMWMonths == 3_600)
        #expect(price["straddle"]?.usdPerMWMonth == 1_000_000)
    }

    @Test("project: each contract delivers and pays only inside its term and the horizon")
    func projectedDeliveryAndSpend() throws {
        guard case .projection(let p) = try Self.run(.project(ProjectionSettings())).outcome else {
            Issue.record("not a projection")
            return
        }
        let spend = Dictionary(uniqueKeysWithValues: p.spendByContract.map { ($0.name, $0.values) })
        let months = 0..<24
        #expect(spend["pre"] == months.map { $0 < 12 ? 1e8 : 0 })
        #expect(spend["late-signed"] == months.map { (6..<12).contains($0) ? 2e8 : 0 })
        // Inside the horizon the straddling term pays 24 of its 36 months: $2.4B of its $3.6B.
        #expect(spend["straddle"] == months.map { _ in 1e8 })
        #expect(p.totals.capacity == months.map { $0 < 6 ? 200 : ($0 < 12 ? 300 : 100) })
        #expect(abs((p.totals.cumulativeSpend.last ?? 0) - (1.2e9 + 1.2e9 + 2.4e9)) < 1e-3)
    }

    @Test("simulate (no uncertainty): the same delivered MW-months and spend per contract")
    func simulatedSpend() throws {
        guard case .simulation(let r) = try Self.run(.simulate(SimulationSettings(paths: 64, seed: 1))).outcome else {
            Issue.record("not a simulation")
            return
        }
        let byID = Dictionary(uniqueKeysWithValues: r.contracts.map { ($0.id.rawValue, $0) })
        #expect(byID["pre"]?.expectedDeliveredMWMonths == 1_200)
        #expect(byID["late-signed"]?.expectedDeliveredMWMonths == 600)
        #expect(byID["straddle"]?.expectedDeliveredMWMonths == 2_400)
        #expect(abs((byID["pre"]?.expectedSpendUSD.value ?? 0) - 1.2e9) < 1e-3)
        #expect(abs((byID["late-signed"]?.expectedSpendUSD.value ?? 0) - 1.2e9) < 1e-3)
        #expect(abs((byID["straddle"]?.expectedSpendUSD.value ?? 0) - 2.4e9) < 1e-3)
    }
}
