import Foundation
import Testing

/// `headroom import epoch`: the shipped Epoch files, merging into the running example, and malformed files.
@Suite("CLI import epoch")
struct ImportTests {
    static let centers = "../shared/data/epoch/data_centers.csv"
    static let timelines = "../shared/data/epoch/data_center_timelines.csv"

    @Test("the shipped files at 2026-08: 78 campuses, 192 phases; the scenario passes check and simulate runs")
    func shipped() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("epoch.yaml").path
        let out = try await CLI.run([
            "import", "epoch", Self.centers, Self.timelines, "--as-of", "2026-08", "--accelerators",
            "../shared/data/accelerators.csv", "--out", path,
        ])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.isEmpty)
        #expect(
            out.stderr.contains(
                "imported 78 campuses, 192 phases (123 observed, 69 planned), 32885.13 MW IT (12514.13 MW online by "
                    + "2026-08); 11 rows skipped, 0 data centers filtered out"), "\(out)")
        #expect(
            out.stderr.contains(
                "data_center_timelines.csv:100: skipped: Colossus 1: IT power 268 MW is below the earlier 340 MW"))
        #expect(out.stderr.contains("data_centers.csv:67: skipped: QTS Richmond 1: Owner is empty"))
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(yaml.contains("# © Epoch AI, Frontier Data Centers, CC BY 4.0"))
        let check = try await CLI.run(["check", path])
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("78 campuses, 192 phases"), "\(check)")
        let simulate = try await CLI.run(["simulate", path, "--paths", "2000", "--quiet", "--format", "json"])
        #expect(simulate.status == 0, "\(simulate)")
        // One placeholder contract per provider, so the imported capacity counts: no delays, so the capacity at
        // the end is every imported MW, on every path.
        #expect(yaml.components(separatedBy: "-capacity\n").count - 1 == 19)
        #expect(simulate.stdout.contains("32885.12971"), "the last month's capacity is all 32,885.13 MW")
        // Planned phases slip by a calibrated class; observed ones do not.
        let delayed = directory.appendingPathComponent("delayed.yaml").path
        let withDelay = try await CLI.run([
            "import", "epoch", Self.centers, Self.timelines, "--as-of", "2026-08", "--planned-delay",
            "lognormal(7.03, 0.3)", "--out", delayed,
        ])
        #expect(withDelay.status == 0, "\(withDelay)")
        let delayedYAML = try String(contentsOfFile: delayed, encoding: .utf8)
        #expect(delayedYAML.components(separatedBy: "delay_months: lognormal(7.03, 0.3)").count - 1 == 69)
        let bad = try await CLI.run([
            "import", "epoch", Self.centers, Self.timelines, "--planned-delay", "lognormal(-1, 0.3)", "--out",
            directory.appendingPathComponent("bad.yaml").path,
        ])
        #expect(bad.status == 2 && bad.stderr.contains("--planned-delay: lognormal needs median > 0"), "\(bad)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad.yaml").path))
    }

    @Test("--owner and --users filter; --into keeps the running example's text and adds only new ids")
    func merge() async throws {
        let example = "examples/openai-2025.yaml"
        let original = try String(contentsOfFile: CLI.path(example), encoding: .utf8)
        let out = try await CLI.run([
            "import", "epoch", Self.centers, Self.timelines, "--as-of", "2026-08", "--owner", "oracle", "--users",
            "OPENAI", "--into", example,
        ])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.contains("kept provider oracle (already there; left as written)"), "\(out)")
        #expect(out.stderr.contains("added 7 entries; imported 5 campuses, 16 phases"), "\(out)")
        #expect(out.stderr.contains("kept accelerator gb200"), "\(out)")
        let prefix = try #require(original.components(separatedBy: "\n# --- Regions").first)
        #expect(out.stdout.hasPrefix(prefix))
        #expect(out.stdout.contains("  - id: openai-stargate-abilene\n"))
        #expect(out.stdout.count > original.count)
        let (directory, path) = try CLI.temporaryFile(out.stdout, named: "merged.yaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        let check = try await CLI.run(["check", path, "--quiet"])
        #expect(check.status == 0, "\(check)")
    }

    @Test("malformed CSV: FILE:LINE:COLUMN on stderr, exit status 2, nothing written")
    func malformed() async throws {
        let (directory, path) = try CLI.temporaryFile(
            "Data center,Date,IT power (MW),Power (MW)\nColossus 2,\"2025-10-19,239,323\n", named: "bad.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.yaml").path
        let out = try await CLI.run(["import", "epoch", Self.centers, path, "--as-of", "2026-08", "--out", target])
        #expect(out.status == 2, "\(out)")
        #expect(out.stderr.contains("bad.csv:2:12: error: a quoted field is never closed"), "\(out)")
        #expect(out.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target))
        let short = try CLI.temporaryFile("Data center,Date,IT power (MW),Power (MW)\nColossus 2,2025-10-19,239\n")
        defer { try? FileManager.default.removeItem(at: short.directory) }
        let missing = try await CLI.run(["import", "epoch", Self.centers, short.path, "--as-of", "2026-08"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("bad.yaml:2:26: error: expected 4 fields (as in the header), found 3"))
        let unreadable = try await CLI.run(["import", "epoch", "/nonexistent/dc.csv", Self.timelines])
        #expect(unreadable.status == 2 && unreadable.stderr.contains("cannot read"), "\(unreadable)")
    }
}
