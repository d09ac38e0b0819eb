import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomReport

/// The structures comparison, provider exposure and the policy's offers, on a market worked out by hand.
@Suite("Structures and exposure reports")
struct StructuresReportTests {
    /// The hand-worked market of ``TestScenarios/market()``.
    static func market() -> Scenario { TestScenarios.market() }

    /// The three structures of ``market()`` on 64 paths through the analysis layer, paired against rofr or not.
    static func report(paired: Bool = false) throws -> StructuresReport {
        let run = try ReportScenarios.run(
            market(),
            .structures(SimulationSettings(paths: 64, seed: 1, threads: 1), pairedAgainstRightOfFirstRefusal: paired))
        return try #require(StructuresReport(run: run))
    }

    private func row(_ table: TextTable, _ name: String) -> [String]? {
        table.rows.first { $0.first == name }.map { Array($0.dropFirst()) }
    }

    @Test("side by side: unserved, holder shares and spend by provider as worked by hand")
    func comparison() throws {
        let table = try Self.report().table()
        #expect(table.headers == ["figure", "rofr", "exclusive", "open"])
        // Unserved: rofr 9,100, exclusive 19,800, open 8,400 MW-months (see ProcurementTests), no variance.
        #expect(row(table, "expected unserved MW-months") == ["9,100 ± 0", "19,800 ± 0", "8,400 ± 0"])
        // inc delivers 300 × 30 MW-months under rofr and open; rofr adds cheap 500 × 29 and slow 200 × 17 (9,000 of
        // 26,900), open cheap 500 × 30 and slow 200 × 18 (9,000 of 27,600). Spend: inc 18e9; cheap 14.5e9 and slow
        // 2.72e9 (rofr, of 35.22e9); cheap 15e9 and slow 2.88e9 (open, of 35.88e9).
        #expect(row(table, "inc share of delivered MW-months") == ["33.5%", "100.0%", "32.6%"])
        #expect(row(table, "inc share of capacity spend") == ["51.1%", "100.0%", "50.2%"])
        #expect(row(table, "inc capacity spend through 2032-12") == ["$18.0B", "$32.4B", "$18.0B"])
        #expect(row(table, "slow capacity spend through 2032-12") == ["$2.7B", "$0", "$2.9B"])
        #expect(row(table, "cheap capacity spend through 2032-12") == ["$14.5B", "$0", "$15.0B"])
        #expect(row(table, "P(spend > all $20.0B)") == ["100.0%", "100.0%", "100.0%"])
        #expect(row(table, "spend in all P50") == ["$35.2B", "$32.4B", "$35.9B"])
    }

    @Test("paired differences against rofr: exclusive leaves 10,700 more MW-months unserved, open 700 fewer")
    func pairedDifferences() throws {
        let report = try Self.report(paired: true)
        #expect(try Self.report().pairedTable() == nil)
        let table = try #require(report.pairedTable())
        let unserved = table.rows.filter { $0[1] == "unserved MW-months" }
        #expect(
            unserved.map { [$0[0], $0[2], $0[3]] } == [
                ["exclusive − rofr", "10,700", "± 0"], ["open − rofr", "-700", "± 0"],
            ])
        #expect(report.text().contains("Paired differences on common random numbers (64 paths)"))
    }

    @Test("JSON: holder, horizon and every run; CSV starts with the headers")
    func exports() throws {
        let report = try Self.report()
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json().rendered().utf8)) as? [String: Any])
        #expect(json["holder"] as? String == "inc")
        #expect(json["through"] as? String == "2032-12")
        let runs = try #require(json["structures"] as? [String: Any])
        #expect(Set(runs.keys) == ["rofr", "exclusive", "open"])
        #expect(report.csv().hasPrefix("figure,rofr,exclusive,open\n"))
    }

    @Test("exposure: awarded MW and idle MW-months per provider; offers in each structure's order")
    func exposureAndOffers() throws {
        let report = try Self.report()
        let open = try #require(report.runs.last?.result)
        let exposure = ExposureReport(result: open).table()
        #expect(exposure.headers.contains("awarded MW"))
        // Open: cheap 500, inc 300, slow 200 MW awarded; demand is flat and never exceeded, so nothing is idle.
        #expect(
            exposure.rows.map { [$0[0], $0[5], $0[6]] } == [
                ["inc", "300", "0"], ["cheap", "500", "0"], ["slow", "200", "0"],
            ])
        let summary = ScenarioSummary(facts: try ReportScenarios.facts(Self.market()))
        let offers = try #require(summary.offersTable())
        #expect(
            offers.rows == [
                ["inc", "300", "$2.0M", "6.0", "1", "1", "2"], ["cheap", "500", "$1.0M", "6.0", "3", "-", "1"],
                ["slow", "1,000", "$800,000", "18.0", "2", "-", "3"],
            ])
    }
}
