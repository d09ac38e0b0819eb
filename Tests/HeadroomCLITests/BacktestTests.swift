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
