import Foundation
import Testing

/// docs/outputs.md documents every JSON key the commands write, and every documented key occurs (checked by
/// scripts/check-outputs-doc on real outputs: a snapshot of the shapes that fails when either side drifts).
@Suite("Documented outputs")
struct OutputsDocTests {
    @Test("every JSON key of check, project, simulate (static, dynamic), compare, structures, optimize is documented")
    func jsonShapesMatchTheDocs() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ arguments: [String]) async throws -> String {
            let run = try await CLI.run(arguments + ["--format", "json"], timeout: 120)
            #expect(run.status == 0, "\(run)")
            let path = directory.appendingPathComponent(name).path
            try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let example = "examples/openai-2025.yaml"
        let variant = try String(contentsOfFile: example, encoding: .utf8)
            .replacingOccurrences(of: "target_headroom: 0.1 ", with: "target_headroom: 0.2 ")
        let (variantDirectory, variantPath) = try CLI.temporaryFile(variant, named: "variant.yaml")
        defer { try? FileManager.default.removeItem(at: variantDirectory) }
        let check = try await write("check.json", ["check", example, "examples/quickstart.yaml"])
        let project = try await write("project.json", ["project", example])
        let projectDynamic = try await write(
            "project-rofr.json", ["project", example, "--structure", "rofr", "--by", "month"])
        let simulate = try await write("simulate.json", ["simulate", example, "--paths", "1024"])
        let simulateDynamic = try await write(
            "simulate-rofr.json", ["simulate", example, "--paths", "1024", "--structure", "rofr"])
        let compare = try await write("compare.json", ["compare", example, variantPath, "--paths", "1024"])
        let structures = try await write("structures.json", ["structures", example, "--paths", "1024"])
        let offers = "examples/offers.yaml"
        let optimize = try await write(
            "optimize.json",
            [
                "optimize", offers, "--paths", "20", "--evaluate-paths", "2048", "--replications", "2", "--evpi-paths",
                "2", "--frontier", "1e6,3e6", "--frontier-scale", "0.5,2",
            ])
        // The example's cap and share limits do not bind, so `uncapped` and the marginal values are absent. Run it
        // again with the cap set just above the plan's counted spend and the share limit just above its largest
        // share (the same plan stays optimal and both bind), also keeping bigcloud-2027, which the signed contracts
        // alone exceed on the median path (`evaluation.median_plan_note`).
        let optimized = try CLI.object(try String(contentsOfFile: optimize, encoding: .utf8))
        let inSample = try #require((optimized["plan"] as? [String: Any])?["in_sample"] as? [String: Any])
        let capSpend = try #require(((inSample["caps"] as? [[String: Any]])?.first?["value"] as? NSNumber)?.doubleValue)
        let shares = try CLI.numbers((inSample["shares"] as? [[String: Any]])?.map { $0["value"] ?? 0 })
        let largestShare = try #require(shares.max())
        let offersText = try String(contentsOfFile: offers, encoding: .utf8)
        let tight = offersText.replacingOccurrences(of: "usd: 8.4e+10", with: "usd: \(capSpend * 1.0005)")
        #expect(tight != offersText, "examples/offers.yaml no longer has the plan-2030 cap at 8.4e+10")
        let (tightDirectory, tightPath) = try CLI.temporaryFile(tight, named: "offers-tight.yaml")
        defer { try? FileManager.default.removeItem(at: tightDirectory) }
        let optimizeBinding = try await write(
            "optimize-binding.json",
            [
                "optimize", tightPath, "--paths", "20", "--evaluate-paths", "256", "--cap", "plan-2030", "--cap",
                "bigcloud-2027", "--max-share", "\(min(1, largestShare + 0.0005))",
            ])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "scripts/check-outputs-doc", "check --format json", check, "--", "project --format json",
            project,
            projectDynamic, "--", "simulate --format json", simulate, simulateDynamic, "--", "compare --format json",
            compare, "--", "structures --format json", structures, "--", "optimize --format json", optimize,
            optimizeBinding,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.split(separator: "\n").count == 6, "\(report)")
    }

    @Test("CSV headers are the documented ones")
    func csvHeaders() async throws {
        let doc = try String(contentsOfFile: "docs/outputs.md", encoding: .utf8)
        for (arguments, header) in [
            (["simulate", "examples/quickstart.yaml", "--paths", "256"], "month,figure,statistic,value"),
            (
                ["structures", "examples/quickstart.yaml", "--paths", "256", "--no-paired"],
                "figure,rofr,exclusive,open"
            ),
            (
                ["compare", "examples/quickstart.yaml", "examples/quickstart.yaml", "--paths", "256"],
                "month,figure,statistic,value"
            ),
            (
                ["optimize", "examples/offers.yaml", "--paths", "20", "--evaluate-paths", "0"],
                "offer,contract,provider,start,lots,megawatts,planned_online,expected_spend_usd"
            ),
        ] {
            let run = try await CLI.run(arguments + ["--format", "csv"], timeout: 120)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.hasPrefix(header + "\n"), "\(arguments)")
            #expect(doc.contains(header), "docs/outputs.md shows the header \(header)")
        }
    }
}
