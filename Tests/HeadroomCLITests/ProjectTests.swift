import Foundation
import Testing

/// `headroom project`: the deterministic plan of record.
@Suite("CLI project")
struct ProjectTests {
    @Test("--by year --format json: five years, served + shortfall = demand and served + idle = capacity")
    func yearlyJSON() async throws {
        let out = try await CLI.run(["project", "examples/quickstart.yaml", "--by", "year", "--format", "json"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.isEmpty, "\(out)")
        let json = try CLI.object(out.stdout)
        #expect(json["period"] as? String == "year")
        #expect(json["basis"] as? String == "median")
        #expect(json["periods"] as? [String] == ["2026", "2027", "2028", "2029", "2030"])
        let totals = try #require(json["totals"] as? [String: Any])
        let demand = try CLI.numbers(totals["demand_mw"])
        let served = try CLI.numbers(totals["served_mw"])
        let shortfall = try CLI.numbers(totals["shortfall_mw"])
        let capacity = try CLI.numbers(totals["capacity_mw"])
        let idle = try CLI.numbers(totals["idle_mw"])
        let spend = try CLI.numbers(totals["spend_usd"])
        let cumulative = try CLI.numbers(totals["cumulative_spend_usd"])
        for series in [demand, served, shortfall, capacity, idle, spend, cumulative] { #expect(series.count == 5) }
        for i in 0..<5 {
            #expect(abs(served[i] + shortfall[i] - demand[i]) <= 1e-9 * max(1, demand[i]), "year \(i)")
            #expect(abs(served[i] + idle[i] - capacity[i]) <= 1e-6 * max(1, capacity[i]), "year \(i)")
            #expect(shortfall[i] >= 0 && idle[i] >= -1e-9 && served[i] >= 0)
        }
        // Cumulative spend is the running sum of the yearly spend.
        var running = 0.0
        for i in 0..<5 {
            running += spend[i]
            #expect(abs(cumulative[i] - running) <= 1e-9 * running)
        }
        // Spend by contract and by provider add up to the total each year.
        for key in ["spend_by_contract_usd", "spend_by_provider_usd"] {
            let group = try #require(json[key] as? [String: Any])
            let parts = try group.values.map { try CLI.numbers($0) }
            for i in 0..<5 {
                let sum = parts.reduce(0) { $0 + $1[i] }
                #expect(abs(sum - spend[i]) <= 1e-9 * max(1, spend[i]), "\(key) year \(i)")
            }
        }
        // The per-workload breakdown adds up too.
        let byWorkload = try #require(json["shortfall_mw"] as? [String: Any])
        #expect(Set(byWorkload.keys) == ["training", "inference"])
    }

    @Test("--format csv --out FILE writes the file, prints nothing, and matches --format csv on stdout")
    func csvOut() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("projection.csv")
        let written = try await CLI.run([
            "project", "examples/quickstart.yaml", "--by", "quarter", "--format", "csv", "--out", file.path,
        ])
        #expect(written.status == 0, "\(written)")
        #expect(written.stdout.isEmpty && written.stderr.isEmpty, "\(written)")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "period,series,name,value")
        #expect(lines.count > 20 * 7)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 4 })
        #expect(
            lines.contains(
                "2026-Q1,total_mw,demand,\(lines.first { $0.hasPrefix("2026-Q1,total_mw,demand,") }?.split(separator: ",").last ?? "")"
            ))
        // 20 quarters for every series: the number of data rows is a multiple of 20.
        #expect((lines.count - 1) % 20 == 0)
        let printed = try await CLI.run(["project", "examples/quickstart.yaml", "--by", "quarter", "--format", "csv"])
        #expect(printed.status == 0)
        #expect(printed.stdout == text)
    }

    @Test("--from/--to restrict the periods")
    func window() async throws {
        let out = try await CLI.run([
            "project", "examples/quickstart.yaml", "--from", "2027-02", "--to", "2027-07", "--by", "quarter",
            "--format", "json",
        ])
        #expect(out.status == 0, "\(out)")
        let json = try CLI.object(out.stdout)
        #expect(json["periods"] as? [String] == ["2027-Q1", "2027-Q2", "2027-Q3"])
        let monthly = try await CLI.run([
            "project", "examples/quickstart.yaml", "--from", "2027-02", "--to", "2027-07", "--format", "json",
        ])
        #expect((try CLI.object(monthly.stdout)["periods"] as? [String])?.count == 6)
    }

    @Test("--to before --from fails validation with a usage error")
    func reversedWindow() async throws {
        let out = try await CLI.run(["project", "examples/quickstart.yaml", "--from", "2027-01", "--to", "2026-01"])
        #expect(out.status != 0 && !out.crashed, "\(out)")
        #expect(out.status == 64, "\(out)")
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("--to 2026-01 is before --from 2027-01"), "\(out)")
    }

    @Test("a month that does not parse is rejected", arguments: ["2027-13", "2027-1", "27-01", "soon"])
    func badMonth(month: String) async throws {
        let out = try await CLI.run(["project", "examples/quickstart.yaml", "--from", month])
        #expect(out.status == 64 && !out.crashed, "\(out)")
        #expect(out.stderr.contains("'\(month)' is invalid for '--from <from>'"), "\(out)")
    }

    @Test("the table lists every section")
    func table() async throws {
        let out = try await CLI.run(["project", "examples/quickstart.yaml", "--by", "year"])
        #expect(out.status == 0, "\(out)")
        for heading in [
            "Plan of record (median", "Capacity by provider (MW)", "Spend by contract", "Budget caps", "five-year",
            "bigcloud-2027",
        ] {
            #expect(out.stdout.contains(heading), "missing \(heading)")
        }
        let mode = try await CLI.run([
            "project", "examples/quickstart.yaml", "--by", "year", "--basis", "mode", "--format", "json",
        ])
        #expect(try CLI.object(mode.stdout)["basis"] as? String == "mode")
    }

    @Test("--out into a folder that does not exist fails with status 1 and a message")
    func unwritable() async throws {
        let path = "/nonexistent-\(UUID().uuidString)/out.json"
        let out = try await CLI.run(["project", "examples/quickstart.yaml", "--format", "json", "--out", path])
        #expect(out.status == 1 && !out.crashed, "\(out)")
        #expect(out.stderr.contains("cannot write \(path)"), "\(out)")
    }
}
