import Foundation
import Testing

/// `headroom sweep`: the running example's shipped sweep, its JSON and chart, and a bad sweep file.
@Suite("CLI sweep")
struct SweepTests {
    @Test("the running example over demand growth and the Oracle slip: 9 variants paired with the base; the chart")
    func runningExample() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let chart = directory.appendingPathComponent("sweep.svg").path
        let out = try await CLI.run([
            "sweep", "examples/openai-2025.yaml", "examples/sweeps/openai-2025.yaml", "--paths", "2048", "--quiet",
            "--format", "json", "--chart", chart,
        ])
        #expect(out.status == 0, "\(out)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(object["parameters"] as? [String] == ["growth", "oracle-slip"])
        let variants = try #require(object["variants"] as? [[String: Any]])
        #expect(variants.count == 9)
        func unserved(_ v: Int) throws -> [String: Any] {
            let figures = try #require(variants[v]["figures"] as? [[String: Any]])
            return try #require(figures.first { $0["figure"] as? String == "unserved MW-months" })
        }
        // Variant 5 is (demand 1, slip 0): the base itself, exactly.
        #expect((try unserved(3)["difference"] as? NSNumber)?.doubleValue == 0)
        #expect((try unserved(3)["paired_se"] as? NSNumber)?.doubleValue == 0)
        // Less demand, less unserved; more Oracle slip, more unserved.
        #expect(((try unserved(0)["difference"] as? NSNumber)?.doubleValue ?? 0) < 0)
        #expect(((try unserved(5)["difference"] as? NSNumber)?.doubleValue ?? 0) > 0)
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(
            svg.hasPrefix("<svg") && svg.components(separatedBy: "<circle").count - 1 == 54, "3 figures × 2 inputs × 9")
    }

    /// A small sweep of the quickstart: demand × a three-month slip of every phase.
    static let quickSweep = """
        design: grid
        parameters:
          - name: demand
            path: demand[*].exponential.initial_mw
            op: scale
            values: [0.8, 1.2]
          - name: slip
            path: campuses[*].phases[*].delay_months
            op: add
            values: [0, 3]
        """

    @Test("--slurm writes an array of (variant, shard) pair runs and a merge; run by hand, they print the local sweep")
    func slurmScripts() async throws {
        let (directory, sweep) = try CLI.temporaryFile(Self.quickSweep, named: "sweep.yaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        let jobs = directory.appendingPathComponent("jobs").path
        let run = ["examples/quickstart.yaml", sweep, "--paths", "1500", "--quiet"]
        let written = try await CLI.run(["sweep"] + run + ["--slurm", jobs, "--shards", "2"])
        #expect(written.status == 0, "\(written)")
        let array = try String(contentsOfFile: jobs + "/array.sbatch", encoding: .utf8)
        #expect(array.contains("#SBATCH --array=0-7"))
        for task in 0..<8 {
            let out = try await CLI.launch(
                URL(fileURLWithPath: "/usr/bin/env"), ["SLURM_ARRAY_TASK_ID=\(task)", "bash", jobs + "/array.sbatch"])
            #expect(out.status == 0, "task \(task): \(out)")
        }
        let merge = try await CLI.launch(URL(fileURLWithPath: "/usr/bin/env"), ["bash", jobs + "/merge.sbatch"])
        #expect(merge.status == 0, "\(merge)")
        let local = try await CLI.run(["sweep"] + run + ["--format", "json"])
        let merged = try String(contentsOfFile: jobs + "/sweep.json", encoding: .utf8)
        #expect(merged == local.stdout)
        try FileManager.default.removeItem(atPath: jobs + "/states/v2.s1.state")
        let missing = try await CLI.run(["sweep"] + run + ["--from-states", jobs + "/states"])
        #expect(missing.status == 2 && missing.stderr.contains("blocks 3..<6 of 6 are in no state"), "\(missing)")
    }

    @Test("a sweep file that does not read, or a path that selects nothing: exit 2 with the location")
    func badInput() async throws {
        let (directory, path) = try CLI.temporaryFile(
            "parameters:\n  - {path: x, op: multiply, values: [1]}\n", named: "sweep.yaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try await CLI.run(["sweep", "examples/quickstart.yaml", path])
        #expect(out.status == 2 && out.stderr.contains("sweep.yaml:2: error: op: expected set, scale or add"), "\(out)")
        let (other, nowhere) = try CLI.temporaryFile(
            "parameters:\n  - {name: n, path: \"campuses[id=nowhere].phases[*].it_mw\", op: scale, values: [2]}\n",
            named: "nowhere.yaml")
        defer { try? FileManager.default.removeItem(at: other) }
        let missing = try await CLI.run(["sweep", "examples/quickstart.yaml", nowhere, "--paths", "256"])
        #expect(missing.status == 2 && missing.stderr.contains("selects nothing"), "\(missing)")
    }
}
