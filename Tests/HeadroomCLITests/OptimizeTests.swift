import Foundation
import Testing

/// `headroom optimize`: the plan, its out-of-sample table equal to a `simulate` of the written plan, the written
/// plan in `report`, the MPS export, and bad input.
@Suite("CLI optimize")
struct OptimizeTests {
    @Test("the written plan simulates to the out-of-sample figures, and reports")
    func writtenPlanRoundTrips() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("plan.yaml").path
        let out = try await CLI.run(
            [
                "optimize", "examples/offers.yaml", "--paths", "40", "--evaluate-paths", "4096", "--format", "json",
                "--write-scenario", plan, "--no-marginal-values",
            ], timeout: 300)
        #expect(out.status == 0, "\(out)")
        let json = try CLI.object(out.stdout)
        let result = try #require(json["plan"] as? [String: Any])
        let lines = try #require(result["lines"] as? [[String: Any]])
        #expect(!lines.isEmpty, "the offers example buys something")
        #expect(((result["gap"] as? NSNumber)?.doubleValue ?? 1) <= 1e-3)
        let evaluation = try #require(json["evaluation"] as? [String: Any])
        let rows = try #require(evaluation["rows"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["signed contracts only", "plan", "plan made on medians"])
        let unserved = try #require(rows[1]["expected_unserved_mw_months"] as? [String: Any])
        // The written plan is a scenario like any other: `simulate` on the evaluation's seed and paths gives the
        // evaluation's engine figures to the last digit.
        let simulated = try await CLI.run([
            "simulate", plan, "--paths", "4096", "--seed", "1000003", "--format", "json",
        ])
        #expect(simulated.status == 0, "\(simulated)")
        let headline = try #require(try CLI.object(simulated.stdout)["headline"] as? [String: Any])
        let simulatedUnserved = try #require(headline["expected_unserved_mw_months"] as? [String: Any])
        #expect(
            (simulatedUnserved["value"] as? NSNumber)?.doubleValue == (unserved["value"] as? NSNumber)?.doubleValue)
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        for line in lines {
            let contract = try #require(line["contract"] as? String)
            #expect(text.contains("id: \(contract)"), "\(contract) is a contract of the written plan")
        }
        let report = directory.appendingPathComponent("plan.html").path
        let reported = try await CLI.run(["report", plan, "--paths", "2048", "--out", report, "--quiet"])
        #expect(reported.status == 0, "\(reported)")
        #expect(FileManager.default.fileExists(atPath: report))
    }

    @Test("the extensive form is written as MPS")
    func exportsMPS() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let mps = directory.appendingPathComponent("offers.mps").path
        let out = try await CLI.run(["optimize", "examples/offers.yaml", "--paths", "3", "--export-mps", mps])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.contains("wrote the extensive form"), "\(out)")
        let text = try String(contentsOfFile: mps, encoding: .utf8)
        #expect(text.hasPrefix("NAME"))
        #expect(text.contains("MARKER") && text.hasSuffix("ENDATA\n"))
    }

    @Test("an infeasible cap is reported with the constraints in conflict")
    func infeasible() async throws {
        // The plan's cap lowered below what the signed contracts alone spend (~6.7e10) in its window.
        let text = try String(contentsOfFile: CLI.path("examples/offers.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "usd: 8.4e+10", with: "usd: 5.0e+10")
        let (directory, path) = try CLI.temporaryFile(text, named: "tight.yaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try await CLI.run(["optimize", path, "--paths", "8", "--evaluate-paths", "0"])
        #expect(out.status == 2, "\(out)")
        #expect(out.stderr.contains("no plan keeps all of these constraints at once"), "\(out)")
        #expect(out.stderr.contains("cap plan-2030 on expected spend (limit 5.0e10 USD"), "\(out)")
        #expect(out.stderr.contains("the signed contracts alone spend"), "\(out)")
    }

    @Test(
        "bad settings are refused, naming the setting",
        arguments: [
            (["--cvar", "2,0.5"], "cvar"), (["--penalty", "training=abc"], "--penalty"),
            (["--cap", "nope"], "no budget cap nope"), (["--max-share", "1.5"], "max_share"),
            (["--replications", "1"], "replications"), (["--gap", "-1"], "gap"),
        ])
    func badSettings(arguments: [String], expected: String) async throws {
        let out = try await CLI.run(["optimize", "examples/offers.yaml", "--paths", "4"] + arguments)
        #expect(out.status != 0, "\(out)")
        #expect(!out.crashed, "\(out)")
        #expect(out.stderr.contains(expected), "\(out)")
    }

    @Test("a scenario without offers says so")
    func noOffers() async throws {
        let out = try await CLI.run(["optimize", "examples/quickstart.yaml", "--paths", "4"])
        #expect(out.status == 2, "\(out)")
        #expect(out.stderr.contains("the scenario has no offers to optimize over"), "\(out)")
    }
}
