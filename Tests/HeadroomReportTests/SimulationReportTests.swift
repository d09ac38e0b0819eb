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
        try Simulator(S.model(S.reference())).simulate(options)
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
        let projection = try Simulator(S.model(S.reference())).project()
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
