import Foundation
import Testing

/// `headroom backtest`: the running example against the shipped slips, JSON, and bad input.
@Suite("CLI backtest")
struct BacktestTests {
    static let arguments = [
        "backtest", "examples/openai-2025.yaml", "../shared/data/slips.csv", "--map",
        "examples/openai-2025.slips-map.csv", "--as-of", "2026-12", "--paths", "4096",
    ]

    @Test("the running example at 2026-12: every mapped row scored or given its outcome's probability")
    func runningExample() async throws {
        let out = try await CLI.run(Self.arguments)
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("Back-test at 2026-12"), "\(out)")
        #expect(out.stdout.contains("7 slips scored: "), "\(out)")
        #expect(out.stdout.contains("abilene/buildings 3-8"))
        #expect(out.stdout.contains("fell through"))
        let json = try await CLI.run(Self.arguments + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 10)
        for row in rows {
            if let p = (row["percentile"] as? NSNumber)?.doubleValue { #expect(p >= 0 && p <= 1) }
            if let p = (row["probability_of_outcome"] as? NSNumber)?.doubleValue { #expect(p >= 0 && p <= 1) }
        }
        let summary = try #require(object["summary"] as? [String: Any])
        let histogram = try #require(summary["pit_histogram"] as? [NSNumber])
        #expect(histogram.map(\.intValue).reduce(0, +) == 7)
    }

    @Test("--leave-one-out --group-by class: each slip against its class refitted without it; CSV and HTML forms")
    func leaveOneOut() async throws {
        let arguments = Self.arguments + ["--leave-one-out", "--group-by", "class"]
        let out = try await CLI.run(arguments)
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("Leave-one-out: each slip against its unit's delay, lognormal pooled across class"))
        // The running example's delays are this file's pooled fit (calibrate --group-by class).
        #expect(out.stdout.contains("10 of 10 scored units have this file's full-data fit as their delay"), "\(out)")
        let csv = try await CLI.run(arguments + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.first?.hasPrefix("slips_row,unit,outcome,observed_months,percentile,") == true)
        #expect(lines.first?.hasSuffix(",loo_crps,loo_probability_of_outcome") == true)
        #expect(lines.contains { $0.hasPrefix("abilene/building 1,abilene/b1,slipped 3,3.0,") })
        let html = try await CLI.run(arguments + ["--format", "html"])
        #expect(html.status == 0, "\(html)")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<section id=\"backtest\">"))
        #expect(html.stdout.components(separatedBy: "class=\"observed\"").count == 8)
        let wrong = try await CLI.run(Self.arguments + ["--group-by", "class"])
        #expect(wrong.status != 0 && wrong.stderr.contains("apply to --leave-one-out only"), "\(wrong)")
    }

    @Test("report --backtest adds the back-test section to the HTML report")
    func reportSection() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.html").path
        let out = try await CLI.run([
            "report", "examples/quickstart.yaml", "--paths", "2000", "--no-structures", "--quiet", "--out", path,
            "--backtest", "../shared/data/slips.csv", "--slips-map", "examples/openai-2025.slips-map.csv",
            "--as-of", "2026-12",
        ])
        #expect(out.status == 0, "\(out)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<section id=\"backtest\">"))
        // The quickstart has none of the running example's units: every row is listed as not scored.
        #expect(html.contains("Not scored (no unit in the map or the scenario): abilene/building 1"))
        let alone = try await CLI.run(["report", "examples/quickstart.yaml", "--backtest", "../shared/data/slips.csv"])
        #expect(alone.status != 0 && alone.stderr.contains("--backtest and --slips-map go together"), "\(alone)")
    }

    @Test("a map that does not read, or a scenario that does not check: exit status 2 with the location")
    func badInput() async throws {
        let (directory, path) = try CLI.temporaryFile("campus,phase\na,b\n", named: "map.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = Self.arguments
        arguments[4] = path
        let out = try await CLI.run(arguments)
        #expect(out.status == 2, "\(out)")
        #expect(out.stderr.contains("map.csv:1:1: error: no 'unit' column in the header"), "\(out)")
        arguments = Self.arguments
        arguments[1] = "/nonexistent/scenario.yaml"
        let missing = try await CLI.run(arguments)
        #expect(missing.status == 2, "\(missing)")
    }
}
