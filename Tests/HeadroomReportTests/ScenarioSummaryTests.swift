import Foundation
import HeadroomAnalysis
import HeadroomModel
import HeadroomReport
import Testing

/// ``ScenarioSummary``: what `check` prints.
@Suite("ScenarioSummary")
struct ScenarioSummaryTests {
    typealias S = ReportScenarios

    /// The reference phase `a` under contract plus an uncovered phase `b`.
    func facts() throws -> ScenarioFacts {
        try S.facts(
            S.single(
                phases: [
                    Phase(id: "a", megawatts: 100, plannedOnline: S.month(2)),
                    Phase(id: "b", megawatts: 50, plannedOnline: S.month(5)),
                ],
                covered: ["a"]))
    }

    @Test("counts, planned MW by provider and year, contract prices, uncontracted phases")
    func text() throws {
        let summary = ScenarioSummary(facts: try facts())
        #expect(
            summary.countsLine()
                == "single: 2026-01…2027-12 (24 months); 1 workloads, 0 accelerators, 1 providers, 1 regions, 1 campuses, 2 phases, 1 contracts, 1 capacity units, 0 risks, 0 budget caps"
        )
        let mw = summary.megawattsByProviderTable()
        #expect(mw.headers == ["provider", "2026", "2027"])
        #expect(mw.rows == [["p", "100", "100"], ["total", "100", "100"]])
        let contracts = summary.contractsTable()
        #expect(
            contracts.rows == [["k", "p", "$1.0M/MW-mo", "$1.0M", "-", "2,200", "$2.2B", "100%", "$2.2B", "horizon"]])
        #expect(summary.uncontractedPhases == ["c/b"])
        #expect(summary.text().contains("note: 1 phase(s) not covered by any contract, not counted as capacity: c/b"))
    }

    @Test("JSON: documented keys, planned capacity per month, derived prices")
    func json() throws {
        let value = ScenarioSummary(facts: try facts()).json()
        #expect(
            keys(value) == [
                "name", "start", "end", "months", "counts", "planned_capacity_by_provider_mw", "contracts",
                "uncontracted_phases",
            ])
        let json = try parsedObject(value)
        #expect(json["name"] as? String == "single")
        #expect(json["start"] as? String == "2026-01")
        #expect(json["end"] as? String == "2027-12")
        #expect((json["months"] as? NSNumber)?.intValue == 24)
        let counts = try #require(json["counts"] as? [String: Any])
        #expect((counts["phases"] as? NSNumber)?.intValue == 2)
        #expect((counts["contracts"] as? NSNumber)?.intValue == 1)
        #expect((counts["budget_caps"] as? NSNumber)?.intValue == 0)
        #expect(
            try doubles((json["planned_capacity_by_provider_mw"] as? [String: Any])?["p"]) == [0, 0]
                + [Double](repeating: 100, count: 22))
        let contract = try #require((json["contracts"] as? [[String: Any]])?.first)
        #expect(contract["id"] as? String == "k")
        #expect((contract["usd_per_mw_month"] as? NSNumber)?.doubleValue == 1e6)
        #expect(contract["usd_per_accelerator_hour"] is NSNull)
        #expect((contract["planned_mw_months"] as? NSNumber)?.doubleValue == 2200)
        #expect((contract["planned_value_usd"] as? NSNumber)?.doubleValue == 2.2e9)
        #expect(contract["derived_from_total_value"] as? Bool == false)
        #expect((contract["planned_take_or_pay_minimum_usd"] as? NSNumber)?.doubleValue == 2.2e9)
        #expect(json["uncontracted_phases"] as? [String] == ["c/b"])
    }

    @Test("per-accelerator-hour and total-value prices are converted and labelled")
    func derivedPrices() throws {
        var scenario = S.single(
            phases: [Phase(id: "a", megawatts: 100, accelerator: "gb200", plannedOnline: S.month(0))], months: 12)
        scenario.accelerators = [Accelerator(id: "gb200", itWattsPerAccelerator: 2000, bf16Flops: 2.5e15)]
        scenario.contracts[0].price = .perAcceleratorHour(4)
        let perHour = ScenarioSummary(facts: try S.facts(scenario))
        // 500 accelerators per MW × 730.5 h × $4 = $1,461,000 per MW-month; 1,200 planned MW-months.
        #expect(
            perHour.contractsTable().rows.first == [
                "k", "p", "$4.00/acc-h", "$1.5M", "$4.00", "1,200", "$1.8B", "100%", "$1.8B", "horizon",
            ])
        let perHourJSON = try #require((try parsedObject(perHour.json())["contracts"] as? [[String: Any]])?.first)
        #expect(close((perHourJSON["usd_per_mw_month"] as? NSNumber)?.doubleValue ?? 0, 1_461_000))
        #expect(close((perHourJSON["usd_per_accelerator_hour"] as? NSNumber)?.doubleValue ?? 0, 4))

        scenario.contracts[0].price = .totalValue(6e8)
        scenario.contracts[0].end = S.month(11)
        let total = ScenarioSummary(facts: try S.facts(scenario))
        #expect(total.contractsTable().rows.first?[2] == "$600.0M total")
        #expect(total.contractsTable().rows.first?[3] == "$500,000")
        #expect(total.contractsTable().rows.first?[9] == "2026-12")
        // Half take-or-pay: the minimum owed on plan is half the stated value.
        scenario.contracts[0].takeOrPayFraction = 0.5
        #expect(ScenarioSummary(facts: try S.facts(scenario)).contractsTable().rows.first?[8] == "$300.0M")
        let totalJSON = try #require((try parsedObject(total.json())["contracts"] as? [[String: Any]])?.first)
        #expect(totalJSON["derived_from_total_value"] as? Bool == true)
        #expect(close((totalJSON["usd_per_mw_month"] as? NSNumber)?.doubleValue ?? 0, 5e5))
    }

    @Test("a cap reaching beyond the horizon is noted")
    func truncatedCap() throws {
        let scenario = S.single(months: 12, caps: [BudgetCap(id: "long", usd: 1e9, through: S.m("2028-12"))])
        let summary = ScenarioSummary(facts: try S.facts(scenario))
        #expect(
            summary.text().contains(
                "note: budget cap(s) reaching beyond the horizon (spend outside it is not counted): long"))
    }
}
