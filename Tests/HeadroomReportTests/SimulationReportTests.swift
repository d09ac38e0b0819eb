import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomReport
import Testing

/// ``SimulationReport`` on a scenario with no uncertainty left, so that every path equals the projection.
@Suite("SimulationReport")
struct SimulationReportTests {
    typealias S = ReportScenarios

    static let options = MonteCarloOptions(paths: 512, seed: 7, threads: 2)

    func result(_ options: MonteCarloOptions = Self.options) throws -> MonteCarloResult {
        try S.model(S.reference()).simulate(options)
    }

    @Test("headline figures of a certain scenario are exact, with zero standard errors")
    func headline() throws {
        let json = try parsedObject(SimulationReport(result: try result(), seconds: 1.25).json())
        #expect((json["paths"] as? NSNumber)?.intValue == 512)
        #expect(json["seed"] as? String == "7")
        #expect((json["seconds"] as? NSNumber)?.doubleValue == 1.25)
        let headline = try #require(json["headline"] as? [String: Any])
        func estimate(_ key: String) throws -> (Double, Double) {
            let e = try #require(headline[key] as? [String: Any], "\(key)")
            return (
                ((e["value"] as? NSNumber)?.doubleValue) ?? .nan,
                ((e["standard_error"] as? NSNumber)?.doubleValue) ?? .nan
            )
        }
        let anyShortfall = try estimate("probability_of_any_shortfall")
        #expect(anyShortfall.0 == 1 && anyShortfall.1 == 0)
        let unserved = try estimate("expected_unserved_mw_months")
        #expect(close(unserved.0, 160) && abs(unserved.1) < 1e-6)
        let peak = try estimate("expected_peak_shortfall_mw")
        #expect(close(peak.0, 80) && abs(peak.1) < 1e-6)
        let spend = try estimate("expected_total_spend_usd")
        #expect(close(spend.0, 2.2e9) && abs(spend.1) < 1e-3)
        // No accelerators: the conversions are null.
        #expect(headline["expected_unserved_accelerator_hours"] is NSNull)
        #expect(headline["expected_unserved_bf16_flop"] is NSNull)
        // The cap (1.5e9 through 2027-06) is exceeded on every path: 1.6e9 counted.
        let budget = try #require((json["budget"] as? [[String: Any]])?.first)
        #expect(budget["id"] as? String == "cap")
        #expect(((budget["probability_exceeded"] as? [String: Any])?["value"] as? NSNumber)?.doubleValue == 1)
        #expect(
            close(((budget["expected_spend_usd"] as? [String: Any])?["value"] as? NSNumber)?.doubleValue ?? 0, 1.6e9))
        #expect(budget["window_beyond_horizon"] as? Bool == false)
        let capSpend = try #require(budget["spend_usd"] as? [String: Any])
        #expect(close((capSpend["p50"] as? NSNumber)?.doubleValue ?? 0, 1.6e9))
        #expect(json["structure"] as? String == "static")
        #expect(json["procurement"] is NSNull)
    }

    @Test("JSON has the documented keys in order; monthly arrays are as long as the months")
    func jsonShape() throws {
        let value = SimulationReport(result: try result()).json()
        #expect(
            keys(value) == [
                "paths", "seed", "seconds", "months", "quantile_levels", "power_basis", "statistics", "headline",
                "structure",
                "unserved_mw_months", "total_spend_usd", "slow_demand_paths", "procurement", "demand_mw", "capacity_mw",
                "shortfall_mw", "idle_mw", "spend_usd", "shortfall_probability", "shortfall_by_workload_mean_mw",
                "phases",
                "providers", "contracts", "budget", "risk_frequencies", "drivers",
            ])
        let json = try parsedObject(value)
        #expect(json["seconds"] is NSNull)
        let months = try #require(json["months"] as? [String])
        #expect(months.count == 24 && months.first == "2026-01" && months.last == "2027-12")
        #expect(try doubles(json["quantile_levels"]) == [0.1, 0.5, 0.9])
        for key in ["demand_mw", "capacity_mw", "shortfall_mw", "idle_mw", "spend_usd"] {
            let statistic = try #require(json[key] as? [String: Any], "\(key)")
            #expect(Set(statistic.keys) == ["mean", "standard_error", "p10", "p50", "p90"], "\(key)")
            for (_, series) in statistic { #expect(try doubles(series).count == 24, "\(key)") }
        }
        #expect(try doubles(json["shortfall_probability"]).count == 24)
        #expect(try doubles((json["shortfall_by_workload_mean_mw"] as? [String: Any])?["all"]).count == 24)
        let provider = try #require((json["providers"] as? [String: Any])?["p"] as? [String: Any])
        for key in ["mean_delivered_mw", "mean_revenue_usd", "mean_idle_mw"] {
            #expect(try doubles(provider[key]).count == 24)
        }
        let drivers = try #require(json["drivers"] as? [String: Any])
        #expect(drivers["top"] is [Any])
        #expect((drivers["sample_paths"] as? NSNumber)?.intValue ?? 0 > 0)
    }

    @Test("monthly means equal the projection; quantiles agree within the histogram's resolution")
    func monthly() throws {
        let projection = try S.model(S.reference()).project()
        let json = try parsedObject(SimulationReport(result: try result()).json())
        let capacity = try #require(json["capacity_mw"] as? [String: Any])
        #expect(close(try doubles(capacity["mean"]), projection.totals.capacity, 1e-9))
        for level in ["p10", "p50", "p90"] {
            #expect(close(try doubles(capacity[level]), projection.totals.capacity, 1e-3), "\(level)")
        }
        let spend = try #require(json["spend_usd"] as? [String: Any])
        #expect(close(try doubles(spend["mean"]), projection.totals.spend, 1e-9))
        #expect(try doubles(json["shortfall_probability"]) == [1, 1] + [Double](repeating: 0, count: 22))
        let phase = try #require((json["phases"] as? [String: Any])?["c/a"] as? [String: Any])
        #expect((phase["planned"] as? NSNumber)?.doubleValue == 2)
        #expect(abs(((phase["p50"] as? NSNumber)?.doubleValue ?? .nan) - 2) < 0.01)
        #expect((phase["probability_cancelled"] as? NSNumber)?.doubleValue == 0)
    }

    @Test("the yearly table shows MW at the period's last month and spend summed")
    func tables() throws {
        let report = SimulationReport(result: try result(), period: .year, seconds: 0.5)
        let monthly = report.monthlyTable()
        #expect(
            monthly.headers == [
                "period", "demand mean", "capacity p10", "capacity p50", "capacity p90", "shortfall mean",
                "shortfall p10",
                "shortfall p50", "shortfall p90", "P(shortfall)", "idle mean", "spend mean",
            ])
        #expect(monthly.rows.map(\.first) == ["2026", "2027"])
        #expect(monthly.rows.first == ["2026", "80", "100", "100", "100", "0", "0", "0", "0", "0.0%", "20", "$1.0B"])
        #expect(monthly.rows.last?.last == "$1.2B")
        let headline = report.headlineTable()
        #expect(headline.rows.first == ["P(any shortfall in horizon)", "100.00%", "± 0.00%"])
        #expect(headline.rows.contains { $0.first == "expected total spend" && $0[1] == "$2.2B" })
        #expect(headline.rows.contains { $0.first?.hasPrefix("P(spend > cap $1.5B)") == true && $0[1] == "100.00%" })
        #expect(
            report.phasesTable(origin: S.start).rows == [
                ["c/a", "2026-03", "2026-03", "2026-03", "2026-03", "0.0", "0.0%"]
            ])
        let text = report.text(origin: S.start)
        #expect(text.contains("Headline (512 paths, seed 7"))
        #expect(text.contains("512 paths in 0.50 s"))
        #expect(!text.contains("\r"))
    }

    @Test("quarterly and monthly tables have one row per period")
    func periods() throws {
        let r = try result()
        #expect(SimulationReport(result: r, period: .quarter).monthlyTable().rows.count == 8)
        #expect(SimulationReport(result: r, period: .month).monthlyTable().rows.count == 24)
    }

    @Test("CSV: month,figure,statistic,value with one row per month, figure and statistic")
    func csv() throws {
        let r = try result()
        let rows = csvRows(SimulationReport(result: r).csv())
        #expect(rows.first == ["month", "figure", "statistic", "value"])
        // 5 figures × (mean, SE, 3 quantiles) + P(shortfall) + 3 provider series, per month.
        #expect(rows.count == 1 + 24 * (5 * 5 + 1 + 3))
        #expect(rows.dropFirst().allSatisfy { $0.count == 4 && Double($0[3]) != nil })
        #expect(rows.contains(["2026-01", "shortfall", "probability", "1.0"]))
        #expect(
            rows.contains {
                $0[0] == "2027-12" && $0[1] == "provider:p:revenue_usd" && Double($0[3]).map { close($0, 1e8) } == true
            })
    }

    @Test("custom quantile levels name their columns and keys")
    func quantileLevels() throws {
        let r = try result(MonteCarloOptions(paths: 256, seed: 1, threads: 1, quantileLevels: [0.05, 0.5, 0.975]))
        let json = try parsedObject(SimulationReport(result: r).json())
        #expect(
            Set(((json["demand_mw"] as? [String: Any]) ?? [:]).keys) == [
                "mean", "standard_error", "p5", "p50", "p97.5",
            ])
        #expect(SimulationReport(result: r).monthlyTable().headers.contains("capacity p97.5"))
    }

    @Test("quantile keys of levels whose percentage is not exact in binary are still clean")
    func quantileKeyRounding() throws {
        // 0.07 × 100 = 7.000000000000001 in binary floating point.
        let r = try result(MonteCarloOptions(paths: 256, seed: 1, threads: 1, quantileLevels: [0.07, 0.5, 0.93]))
        let json = try parsedObject(SimulationReport(result: r).json())
        let demandKeys = Set(((json["demand_mw"] as? [String: Any]) ?? [:]).keys)
        #expect(demandKeys == ["mean", "standard_error", "p7", "p50", "p93"])
    }

    @Test("the same seed gives the same report on one or two threads")
    func threadInvariance() throws {
        let one = SimulationReport(result: try result(MonteCarloOptions(paths: 700, seed: 11, threads: 1))).json()
        let two = SimulationReport(result: try result(MonteCarloOptions(paths: 700, seed: 11, threads: 2))).json()
        #expect(one.rendered() == two.rendered())
    }
}

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

/// ``ComparisonReport``: paired differences of two certain scenarios are exact.
@Suite("ComparisonReport")
struct ComparisonReportTests {
    typealias S = ReportScenarios

    static let options = MonteCarloOptions(paths: 512, seed: 5, threads: 2)

    @Test("doubling the price doubles the spend: B − A is the spend of A, with zero standard error")
    func doubledPrice() throws {
        let a = try S.model(S.reference(name: "A"))
        let b = try S.model(S.reference(name: "B", price: 2_000_000))
        let report = ComparisonReport(result: a.compare(with: b, options: Self.options), nameA: "A", nameB: "B")
        let value = report.json()
        #expect(
            keys(value) == [
                "a", "b", "paths", "seed", "quantile_levels", "figures", "months", "mean_shortfall_difference_mw",
                "mean_capacity_difference_mw", "mean_spend_difference_usd",
            ])
        let json = try parsedObject(value)
        #expect(json["a"] as? String == "A" && json["b"] as? String == "B")
        #expect((json["paths"] as? NSNumber)?.intValue == 512)
        #expect(json["seed"] as? String == "5")
        let figures = try #require(json["figures"] as? [[String: Any]])
        #expect(
            figures.map { $0["name"] as? String } == [
                "P(any shortfall)", "unserved MW-months", "peak shortfall MW", "total spend USD", "P(spend > cap)",
            ])
        func figure(_ name: String) throws -> [String: Any] {
            try #require(figures.first { $0["name"] as? String == name })
        }
        func number(_ f: [String: Any], _ key: String, _ member: String? = nil) -> Double {
            let v = member.map { (f[key] as? [String: Any])?[$0] } ?? f[key]
            return (v as? NSNumber)?.doubleValue ?? .nan
        }
        let spend = try figure("total spend USD")
        #expect(close(number(spend, "a", "value"), 2.2e9))
        #expect(close(number(spend, "b", "value"), 4.4e9))
        #expect(close(number(spend, "difference", "value"), 2.2e9))
        #expect(abs(number(spend, "difference", "standard_error")) < 1e-3)
        #expect(number(spend, "probability_b_greater") == 1)
        #expect(number(spend, "probability_b_smaller") == 0)
        #expect(close(try doubles(spend["difference_quantiles"]), [2.2e9, 2.2e9, 2.2e9], 1e-3))
        for name in ["P(any shortfall)", "unserved MW-months", "peak shortfall MW", "P(spend > cap)"] {
            let f = try figure(name)
            #expect(number(f, "difference", "value") == 0, "\(name)")
            #expect(number(f, "difference", "standard_error") == 0, "\(name)")
            #expect(number(f, "probability_b_greater") == 0 && number(f, "probability_b_smaller") == 0, "\(name)")
        }
        #expect((json["months"] as? [String])?.count == 24)
        #expect(try doubles(json["mean_shortfall_difference_mw"]) == [Double](repeating: 0, count: 24))
        #expect(try doubles(json["mean_capacity_difference_mw"]) == [Double](repeating: 0, count: 24))
        #expect(close(try doubles(json["mean_spend_difference_usd"]), [0, 0] + [Double](repeating: 1e8, count: 22)))
        #expect(report.yearlyTable().rows == [["2026", "0.0", "0.0", "$1.0B"], ["2027", "0.0", "0.0", "$1.2B"]])
        let table = report.table()
        #expect(
            table.headers == [
                "figure", "A", "B", "B − A", "SE paired", "SE if independent", "Δ p10", "Δ p50", "Δ p90", "P(B > A)",
                "P(B < A)",
            ])
        #expect(
            table.rows.first { $0.first == "total spend USD" }?.prefix(4) == [
                "total spend USD", "$2.2B", "$4.4B", "$2.2B",
            ])
        #expect(table.title == "B − A on common random numbers (512 paired paths, seed 5); A = A, B = B")
    }

    @Test("CSV: every figure's statistics, then the monthly mean differences; doubled price doubles spend")
    func csv() throws {
        let a = try S.model(S.reference(name: "A"))
        let b = try S.model(S.reference(name: "B", price: 2_000_000))
        let result = a.compare(with: b, options: Self.options)
        let lines = ComparisonReport(result: result, nameA: "A", nameB: "B").csv().split(separator: "\n").map(
            String.init)
        #expect(lines.first == "month,figure,statistic,value")
        // 5 figures × (7 + 3 quantile levels + 2 probabilities) + 3 series × months.
        #expect(lines.count == 1 + 5 * 12 + 3 * result.months.count)
        let spendA = try #require(
            lines.first { $0.hasPrefix(",total spend USD,a,") }?.split(separator: ",").last.flatMap { Double($0) })
        let difference = try #require(
            lines.first { $0.hasPrefix(",total spend USD,difference,") }?.split(separator: ",").last.flatMap {
                Double($0)
            })
        #expect(abs(difference - spendA) <= 1e-6 * spendA)
        // The monthly mean spend differences add up to the horizon's mean spend difference.
        let monthly = lines.filter { $0.contains(",spend_usd,mean_difference,") }
            .compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(monthly.count == result.months.count)
        #expect(abs(monthly.reduce(0, +) - difference) <= 1e-6 * difference)
    }

    @Test("a scenario against itself: every difference is exactly 0")
    func identical() throws {
        let a = try S.model(S.reference())
        let json = try parsedObject(
            ComparisonReport(result: a.compare(with: a, options: Self.options), nameA: "x", nameB: "x").json())
        for f in try #require(json["figures"] as? [[String: Any]]) {
            let difference = try #require(f["difference"] as? [String: Any])
            #expect((difference["value"] as? NSNumber)?.doubleValue == 0)
            #expect((difference["standard_error"] as? NSNumber)?.doubleValue == 0)
            #expect(try doubles(f["difference_quantiles"]).allSatisfy { $0 == 0 })
        }
    }

    @Test("different horizons: no monthly differences, and a note instead of the yearly table")
    func differentHorizons() throws {
        let a = try S.model(S.reference())
        let b = try S.model(S.single(months: 12, caps: [BudgetCap(id: "cap", usd: 1.5e9, through: S.m("2026-12"))]))
        let report = ComparisonReport(result: a.compare(with: b, options: Self.options), nameA: "a", nameB: "b")
        let json = try parsedObject(report.json())
        #expect((json["months"] as? [Any])?.isEmpty == true)
        #expect(try doubles(json["mean_spend_difference_usd"]).isEmpty)
        #expect(report.text().contains("note: the scenarios' horizons differ"))
        #expect(!report.text().contains("Mean B − A by year"))
        // Spend: A 2.2e9 over 24 months, B 1e9 over 12.
        let spend = try #require(
            (json["figures"] as? [[String: Any]])?.first { $0["name"] as? String == "total spend USD" })
        #expect(close(((spend["difference"] as? [String: Any])?["value"] as? NSNumber)?.doubleValue ?? 0, -1.2e9))
    }
}
