import Foundation
import Testing

/// `headroom calibrate`: the shipped slips, JSON output, and malformed files.
@Suite("CLI calibrate")
struct CalibrateTests {
    static let slips = "../shared/data/slips.csv"

    @Test("the shipped slips at 2026-07: counts, both fits, the AIC's choice in scenario syntax, the cancellations")
    func shipped() async throws {
        let out = try await CLI.run(["calibrate", Self.slips, "--as-of", "2026-07"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.hasPrefix("Slips at 2026-07: 5 observed, 3 not yet online"), "\(out)")
        #expect(out.stdout.contains("lognormal") && out.stdout.contains("pert"))
        #expect(out.stdout.contains("Chosen by AIC: "))
        #expect(out.stdout.contains("  delay_months: "))
        #expect(out.stdout.contains("Cancellation: 1 of 9 phases fell through"))
        #expect(out.stdout.contains("skipped line 8: shackelford/building 1: not due by 2026-07"))
    }

    @Test("--format json: every fit with its parameters and AIC, best first; the delay reads as a distribution")
    func json() async throws {
        let out = try await CLI.run(["calibrate", Self.slips, "--as-of", "2026-12", "--format", "json"])
        #expect(out.status == 0, "\(out)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let fits = try #require(object["fits"] as? [[String: Any]])
        #expect(fits.count == 3)
        let aics = fits.compactMap { ($0["aic"] as? NSNumber)?.doubleValue }
        #expect(aics == aics.sorted())
        #expect(object["chosen"] as? String == fits.first?["family"] as? String)
        let lognormal = try #require(fits.first { $0["family"] as? String == "lognormal" })
        #expect((lognormal["delay_months"] as? String)?.hasPrefix("lognormal(") == true)
        #expect((lognormal["observed"] as? NSNumber)?.intValue == 7)
        let shifted = try #require(fits.first { $0["family"] as? String == "shifted_lognormal" })
        #expect((shifted["delay_months"] as? String)?.hasPrefix("shifted_lognormal(2.5, ") == true)
    }

    @Test("--map with --group-by class: the map's class column pools the slips by delay class")
    func pooledByMapColumn() async throws {
        let out = try await CLI.run([
            "calibrate", Self.slips, "--as-of", "2026-12", "--map", "examples/openai-2025.slips-map.csv",
            "--group-by", "class",
        ])
        #expect(out.status == 0, "\(out)")
        // The running example's delay classes (examples/openai-2025.yaml's header) are these rows.
        #expect(out.stdout.contains("lognormal(4.63, 0.3)"), "\(out)")
        #expect(out.stdout.contains("lognormal(3.96, 0.3)"))
        #expect(out.stdout.contains("lognormal(7.03, 0.3)"))
        let missing = try await CLI.run(["calibrate", Self.slips, "--map", "/nonexistent/map.csv"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/map.csv:1:1: error: cannot read the file"))
    }

    @Test("--plot writes the PIT diagnostics as a standalone SVG: a QQ line per fit and ten histogram bars")
    func plot() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("calibrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pit.svg").path
        let out = try await CLI.run(["calibrate", Self.slips, "--as-of", "2026-12", "--plot", path])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("PIT of lognormal: Kolmogorov–Smirnov D "))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<title>Calibration diagnostics at 2026-12</title>"))
        #expect(svg.components(separatedBy: "<path d=").count - 1 >= 2 + 1)  // two fits, the diagonal
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 10)
    }

    @Test("--group-by pools a lognormal across a column's groups; an unknown column is an error naming it")
    func groupBy() async throws {
        let out = try await CLI.run(["calibrate", Self.slips, "--as-of", "2026-12", "--group-by", "online_kind"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("Lognormal pooled across online_kind: group medians ~ lognormal("), "\(out)")
        let json = try await CLI.run([
            "calibrate", Self.slips, "--as-of", "2026-12", "--group-by", "online_kind", "--format", "json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let pooled = try #require(object["pooled"] as? [String: Any])
        let groups = try #require(pooled["groups"] as? [[String: Any]])
        #expect(groups.compactMap { ($0["observed"] as? NSNumber)?.intValue }.reduce(0, +) == 7)
        let unknown = try await CLI.run(["calibrate", Self.slips, "--as-of", "2026-12", "--group-by", "kind"])
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stderr.contains("slips.csv:1:1: error: no 'kind' column in the header"), "\(unknown)")
    }

    @Test("a malformed file: FILE:LINE:COLUMN on stderr, exit status 2, nothing on stdout")
    func malformed() async throws {
        let (directory, path) = try CLI.temporaryFile(
            "campus,phase,planned,online\nx,y,2025-13,2026-01\n", named: "bad.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try await CLI.run(["calibrate", path, "--as-of", "2026-07"])
        #expect(out.status == 2, "\(out)")
        #expect(out.stderr.contains("bad.csv:2:5: error: planned: expected a month YYYY-MM, found '2025-13'"))
        #expect(out.stdout.isEmpty)
        let missing = try await CLI.run(["calibrate", "/nonexistent/slips.csv"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read"), "\(missing)")
    }
}
