import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomReport
import Testing

/// Parses a ``JSONValue`` with Foundation, as a consumer of `--format json` would.
func parsedObject(_ value: JSONValue) throws -> [String: Any] {
    let parsed = try JSONSerialization.jsonObject(with: Data(value.rendered().utf8))
    return try #require(parsed as? [String: Any])
}

/// The numbers of a parsed JSON array (nulls become NaN).
func doubles(_ any: Any?) throws -> [Double] {
    let array = try #require(any as? [Any], "not an array: \(String(describing: any))")
    return array.map { ($0 as? NSNumber)?.doubleValue ?? .nan }
}

/// The member names of a JSON object, in order.
func keys(_ value: JSONValue) -> [String] {
    if case .object(let members) = value { return members.map(\.0) }
    return []
}

/// CSV lines split into cells (the reports' CSV never quotes).
func csvRows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

/// ``ProjectionReport`` on the hand-worked reference scenario.
@Suite("ProjectionReport")
struct ProjectionReportTests {
    typealias S = ReportScenarios

    func projection() throws -> Projection {
        try Simulator(S.model(S.reference())).project()
    }

    @Test("yearly JSON totals match the figures worked out by hand")
    func yearlyTotals() throws {
        let report = ProjectionReport(projection: try projection(), period: .year)
        let json = try parsedObject(report.json())
        #expect(json["basis"] as? String == "median")
        #expect(json["period"] as? String == "year")
        #expect(json["power_basis"] as? String == "it")
        #expect(json["periods"] as? [String] == ["2026", "2027"])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(close(try doubles(totals["demand_mw"]), [80, 80]))
        #expect(close(try doubles(totals["capacity_mw"]), [1000.0 / 12, 100]))
        #expect(close(try doubles(totals["served_mw"]), [800.0 / 12, 80]))
        #expect(close(try doubles(totals["shortfall_mw"]), [160.0 / 12, 0]))
        #expect(close(try doubles(totals["idle_mw"]), [200.0 / 12, 20]))
        #expect(close(try doubles(totals["spend_usd"]), [1e9, 1.2e9]))
        #expect(close(try doubles(totals["cumulative_spend_usd"]), [1e9, 2.2e9]))
    }

    @Test("JSON has the documented keys, in order, each series one value per period")
    func jsonShape() throws {
        for (period, count) in [(Period.month, 24), (.quarter, 8), (.year, 2)] {
            let value = ProjectionReport(projection: try projection(), period: period).json()
            #expect(
                keys(value) == [
                    "basis", "period", "power_basis", "units", "periods", "totals", "demand_mw", "served_mw",
                    "shortfall_mw",
                    "capacity_by_provider_mw", "capacity_by_campus_mw", "capacity_by_eligibility_mw",
                    "idle_by_provider_mw",
                    "spend_by_provider_usd", "spend_by_contract_usd", "budget",
                ])
            let json = try parsedObject(value)
            #expect((json["periods"] as? [String])?.count == count)
            let totals = try #require(json["totals"] as? [String: Any])
            #expect(
                Set(totals.keys) == [
                    "demand_mw", "capacity_mw", "served_mw", "shortfall_mw", "idle_mw", "spend_usd",
                    "cumulative_spend_usd",
                ])
            for (_, series) in totals { #expect(try doubles(series).count == count) }
            for (key, name) in [
                ("demand_mw", "all"), ("served_mw", "all"), ("shortfall_mw", "all"), ("capacity_by_provider_mw", "p"),
                ("capacity_by_campus_mw", "c"), ("capacity_by_eligibility_mw", "all"), ("idle_by_provider_mw", "p"),
                ("spend_by_provider_usd", "p"), ("spend_by_contract_usd", "k"),
            ] {
                let group = try #require(json[key] as? [String: Any], "\(key)")
                #expect(Array(group.keys) == [name], "\(key)")
                #expect(try doubles(group[name]).count == count, "\(key)")
            }
            let budget = try #require(json["budget"] as? [[String: Any]])
            #expect(budget.count == 1)
            #expect(budget.first?["id"] as? String == "cap")
            #expect((budget.first?["limit_usd"] as? NSNumber)?.doubleValue == 1.5e9)
            #expect(try doubles(budget.first?["cumulative_spend_usd"]).count == count)
        }
    }

    @Test("breakdowns by provider, contract and workload add up to the totals")
    func breakdowns() throws {
        let json = try parsedObject(ProjectionReport(projection: try projection(), period: .year).json())
        func series(_ key: String, _ name: String) throws -> [Double] {
            try doubles((json[key] as? [String: Any])?[name])
        }
        #expect(close(try series("spend_by_provider_usd", "p"), [1e9, 1.2e9]))
        #expect(close(try series("spend_by_contract_usd", "k"), [1e9, 1.2e9]))
        #expect(close(try series("capacity_by_provider_mw", "p"), [1000.0 / 12, 100]))
        #expect(close(try series("capacity_by_campus_mw", "c"), [1000.0 / 12, 100]))
        #expect(close(try series("idle_by_provider_mw", "p"), [200.0 / 12, 20]))
        #expect(close(try series("shortfall_mw", "all"), [160.0 / 12, 0]))
        // The cap counts spend through 2027-06: 16 paying months of 1e8.
        let budget = try #require((json["budget"] as? [[String: Any]])?.first)
        #expect(close(try doubles(budget["cumulative_spend_usd"]), [1e9, 1.6e9]))
    }

    @Test("quarterly: the first quarter has one paying month, the others three")
    func quarterly() throws {
        let json = try parsedObject(ProjectionReport(projection: try projection(), period: .quarter).json())
        #expect(
            json["periods"] as? [String] == [
                "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4",
            ])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(close(try doubles(totals["spend_usd"]), [1e8] + [Double](repeating: 3e8, count: 7)))
        #expect(close(try doubles(totals["capacity_mw"]), [100.0 / 3] + [Double](repeating: 100, count: 7)))
        #expect(close(try doubles(totals["cumulative_spend_usd"]), [1e8, 4e8, 7e8, 1e9, 1.3e9, 1.6e9, 1.9e9, 2.2e9]))
    }

    @Test("monthly: the projection's own numbers, one per month")
    func monthly() throws {
        let json = try parsedObject(ProjectionReport(projection: try projection(), period: .month).json())
        let periods = try #require(json["periods"] as? [String])
        #expect(periods.first == "2026-01" && periods.last == "2027-12" && periods.count == 24)
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(try doubles(totals["capacity_mw"]) == [0, 0] + [Double](repeating: 100, count: 22))
        #expect(try doubles(totals["shortfall_mw"]) == [80, 80] + [Double](repeating: 0, count: 22))
        #expect(try doubles(totals["spend_usd"]) == [0, 0] + [Double](repeating: 1e8, count: 22))
    }

    @Test("--from/--to window: partial quarters, cumulative spend still counted from the horizon start")
    func window() throws {
        let report = ProjectionReport(
            projection: try projection(), period: .quarter, from: S.m("2026-06"), to: S.m("2027-03"))
        #expect(report.window == 5..<15)
        let json = try parsedObject(report.json())
        #expect(json["periods"] as? [String] == ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(close(try doubles(totals["spend_usd"]), [1e8, 3e8, 3e8, 3e8]))
        #expect(close(try doubles(totals["cumulative_spend_usd"]), [4e8, 7e8, 1e9, 1.3e9]))
        #expect(close(try doubles(totals["capacity_mw"]), [100, 100, 100, 100]))
    }

    @Test("--from alone, --to alone, and a single month")
    func halfWindows() throws {
        let p = try projection()
        let fromOnly = try parsedObject(ProjectionReport(projection: p, period: .year, from: S.m("2027-01")).json())
        #expect(fromOnly["periods"] as? [String] == ["2027"])
        #expect(close(try doubles((fromOnly["totals"] as? [String: Any])?["spend_usd"]), [1.2e9]))
        #expect(close(try doubles((fromOnly["totals"] as? [String: Any])?["cumulative_spend_usd"]), [2.2e9]))

        let toOnly = try parsedObject(ProjectionReport(projection: p, period: .month, to: S.m("2026-02")).json())
        #expect(toOnly["periods"] as? [String] == ["2026-01", "2026-02"])
        #expect(try doubles((toOnly["totals"] as? [String: Any])?["shortfall_mw"]) == [80, 80])

        let one = ProjectionReport(projection: p, period: .year, from: S.m("2026-03"), to: S.m("2026-03"))
        #expect(one.window == 2..<3)
        let oneJSON = try parsedObject(one.json())
        #expect(oneJSON["periods"] as? [String] == ["2026"])
        #expect(try doubles((oneJSON["totals"] as? [String: Any])?["capacity_mw"]) == [100])
    }

    @Test("a window wider than the horizon keeps everything; one outside it keeps nothing")
    func windowEdges() throws {
        let p = try projection()
        #expect(
            ProjectionReport(projection: p, period: .month, from: S.m("2020-01"), to: S.m("2040-01")).window == 0..<24)
        for (from, to) in [
            (S.m("2028-01"), nil), (nil, S.m("2025-12")), (S.m("2030-01"), S.m("2031-01")),
            (S.m("2020-01"), S.m("2020-06")),
        ] as [(Month?, Month?)] {
            let report = ProjectionReport(projection: p, period: .year, from: from, to: to)
            #expect(report.window.isEmpty, "\(String(describing: from)) \(String(describing: to))")
            let json = try parsedObject(report.json())
            #expect((json["periods"] as? [Any])?.isEmpty == true)
            #expect(try doubles((json["totals"] as? [String: Any])?["demand_mw"]).isEmpty)
            #expect(csvRows(report.csv()).count == 1)
            #expect(report.totalsTable().rows.isEmpty)
        }
    }

    @Test("CSV: the tidy header, one row per series and period, values equal to the JSON")
    func csv() throws {
        let p = try projection()
        let report = ProjectionReport(projection: p, period: .year)
        let rows = csvRows(report.csv())
        #expect(rows.first == ["period", "series", "name", "value"])
        // 7 total series + one per workload (demand, served, shortfall) + provider, campus, pool, idle, spend by
        // provider and by contract + one per cap; two years each.
        let seriesCount =
            7 + p.demand.count + p.served.count + p.shortfall.count + p.capacityByProvider.count
            + p.capacityByCampus.count + p.capacityByEligibility.count + p.idleByProvider.count
            + p.spendByProvider.count
            + p.spendByContract.count + p.cumulativeSpendByCap.count
        #expect(seriesCount == 17)
        #expect(rows.count == 1 + 2 * seriesCount)
        #expect(rows.dropFirst().allSatisfy { $0.count == 4 && Double($0[3]) != nil })
        func value(_ period: String, _ series: String, _ name: String) -> Double? {
            rows.first { $0[0] == period && $0[1] == series && $0[2] == name }.flatMap { Double($0[3]) }
        }
        #expect(value("2026", "total_usd", "spend") == 1e9)
        #expect(value("2027", "cumulative_usd", "spend") == 2.2e9)
        #expect(value("2027", "total_mw", "idle") == 20)
        #expect(value("2026", "spend_by_contract_usd", "k") == 1e9)
        #expect(value("2027", "budget_cumulative_usd", "cap") == 1.6e9)
        #expect(close(value("2026", "total_mw", "capacity") ?? 0, 1000.0 / 12))
        // Windowed CSV: the same header and fewer rows.
        let windowed = csvRows(
            ProjectionReport(projection: p, period: .month, from: S.m("2027-01"), to: S.m("2027-03")).csv())
        #expect(windowed.count == 1 + 3 * seriesCount)
        #expect(Set(windowed.dropFirst().map { $0[0] }) == ["2027-01", "2027-02", "2027-03"])
    }

    @Test("text: the totals table with grouped MW and USD in $B")
    func text() throws {
        let report = ProjectionReport(projection: try projection(), period: .year)
        let totals = report.totalsTable()
        #expect(
            totals.headers == [
                "period", "demand MW", "capacity MW", "served MW", "shortfall MW", "idle MW", "spend", "cumulative",
            ])
        #expect(
            totals.rows == [
                ["2026", "80", "83", "67", "13", "17", "$1.0B", "$1.0B"],
                ["2027", "80", "100", "80", "0", "20", "$1.2B", "$2.2B"],
            ])
        #expect(totals.title?.contains("median") == true)
        #expect(report.capsTable().rows == [["cap", "$1.5B", "$1.6B", "106.7%", "2027-06"]])
        let text = report.text()
        for heading in [
            "Plan of record", "Capacity by provider (MW)", "Capacity by campus (MW)",
            "Capacity by eligible workloads (MW)",
            "Demand by workload (MW)", "Shortfall by workload (MW)", "Idle capacity by provider (MW)",
            "Spend by provider",
            "Spend by contract", "Budget caps",
        ] {
            #expect(text.contains(heading), "missing \(heading)")
        }
        let spendByContract = report.breakdownTable("x", report.projection.spendByContract, .sum, usd: true)
        #expect(spendByContract.rows == [["2026", "$1.0B"], ["2027", "$1.2B"]])
    }

    @Test("without caps there is no caps table and an empty budget array")
    func noCaps() throws {
        let report = ProjectionReport(projection: try Simulator(S.model(S.single())).project(), period: .year)
        #expect(!report.text().contains("Budget caps"))
        let json = try parsedObject(report.json())
        #expect((json["budget"] as? [Any])?.isEmpty == true)
    }

    @Test("the mode basis is reported as such")
    func modeBasis() throws {
        let phase = Phase(
            id: "a", megawatts: 10, plannedOnline: S.month(1), delayMonths: .pert(min: 0, mode: 3, max: 9))
        let model = try S.model(S.single(phases: [phase], demandMW: 5, months: 8))
        let mode = ProjectionReport(projection: Simulator(model).project(basis: .mode), period: .month)
        let median = ProjectionReport(projection: Simulator(model).project(basis: .median), period: .month)
        #expect(try parsedObject(mode.json())["basis"] as? String == "mode")
        #expect(mode.totalsTable().title?.contains("mode of every distribution") == true)
        // Online at 1 + 3 = month 4 on the mode, at 1 + 3.23 → month 5 on the median.
        let modeCapacity = try doubles((try parsedObject(mode.json())["totals"] as? [String: Any])?["capacity_mw"])
        let medianCapacity = try doubles((try parsedObject(median.json())["totals"] as? [String: Any])?["capacity_mw"])
        #expect(modeCapacity == [0, 0, 0, 0, 10, 10, 10, 10])
        #expect(medianCapacity == [0, 0, 0, 0, 0, 10, 10, 10])
    }
}
