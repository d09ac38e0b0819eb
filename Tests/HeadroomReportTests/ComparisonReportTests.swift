import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomReport
import Testing

/// ``ComparisonReport``: paired differences of two certain scenarios are exact.
@Suite("ComparisonReport")
struct ComparisonReportTests {
    typealias S = ReportScenarios

    static let options = MonteCarloOptions(paths: 512, seed: 5, threads: 2)

    @Test("doubling the price doubles the spend: B − A is the spend of A, with zero standard error")
    func doubledPrice() throws {
        let a = try S.model(S.reference(name: "A"))
        let b = try S.model(S.reference(name: "B", price: 2_000_000))
        let report = ComparisonReport(
            result: Simulator(a).compare(with: b, options: Self.options), nameA: "A", nameB: "B")
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
        let result = Simulator(a).compare(with: b, options: Self.options)
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
            ComparisonReport(result: Simulator(a).compare(with: a, options: Self.options), nameA: "x", nameB: "x")
                .json())
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
        let report = ComparisonReport(
            result: Simulator(a).compare(with: b, options: Self.options), nameA: "a", nameB: "b")
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
