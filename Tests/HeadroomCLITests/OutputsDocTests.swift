import Foundation
import Testing

/// docs/outputs.md documents every JSON key the commands write, and every documented key occurs (checked by
/// scripts/check-outputs-doc on real outputs: a snapshot of the shapes that fails when either side drifts).
@Suite("Documented outputs")
struct OutputsDocTests {
    @Test("every JSON key of check, project, simulate (static and dynamic), compare and structures is documented")
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "scripts/check-outputs-doc", "check --format json", check, "--", "project --format json",
            project,
            projectDynamic, "--", "simulate --format json", simulate, simulateDynamic, "--", "compare --format json",
            compare, "--", "structures --format json", structures,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.split(separator: "\n").count == 5, "\(report)")
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
        ] {
            let run = try await CLI.run(arguments + ["--format", "csv"], timeout: 120)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.hasPrefix(header + "\n"), "\(arguments)")
            #expect(doc.contains(header), "docs/outputs.md shows the header \(header)")
        }
    }
}
