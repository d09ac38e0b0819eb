import Foundation
import Testing

/// `headroom structures`: every structure on the same paths, side by side.
@Suite("CLI structures")
struct StructuresTests {
    @Test("the OpenAI example: three columns; exclusive leaves more demand unserved; JSON carries each run")
    func openAIExample() async throws {
        let table = try await CLI.run(["structures", "examples/openai-2025.yaml", "--paths", "2048", "--seed", "4"])
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("rofr") && table.stdout.contains("exclusive") && table.stdout.contains("open"))
        #expect(table.stdout.contains("microsoft share of delivered MW-months"))
        #expect(table.stdout.contains("Under exclusive: Provider exposure"))
        // Off a terminal: plain text, no ANSI colour, and every line within 100 columns.
        #expect(!table.stdout.contains("\u{1B}["))
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let run = try await CLI.run([
            "structures", "examples/openai-2025.yaml", "--paths", "2048", "--seed", "4", "--format", "json",
        ])
        #expect(run.status == 0, "\(run)")
        let json = try CLI.object(run.stdout)
        #expect(json["holder"] as? String == "microsoft")
        #expect(json["through"] as? String == "2030-12")
        let structures = try #require(json["structures"] as? [String: Any])
        func unserved(_ name: String) throws -> Double {
            let run = try #require(structures[name] as? [String: Any])
            #expect(run["structure"] as? String == name)
            let headline = try #require(run["headline"] as? [String: Any])
            let figure = try #require(headline["expected_unserved_mw_months"] as? [String: Any])
            return try #require((figure["value"] as? NSNumber)?.doubleValue)
        }
        #expect(try unserved("exclusive") > 1.1 * unserved("rofr"))
        #expect(try unserved("open") > 0)
        let comparison = try #require(json["comparison"] as? [[String: Any]])
        let unservedRow = try #require(comparison.first { $0["figure"] as? String == "expected_unserved_mw_months" })
        let values = try #require(unservedRow["values"] as? [String: Any])
        #expect(abs(((values["rofr"] as? NSNumber)?.doubleValue ?? 0) - (try unserved("rofr"))) < 1e-6)
    }

    @Test("a scenario without a policy is invalid input for structures (exit 2)")
    func needsPolicy() async throws {
        let text = try String(contentsOfFile: "examples/quickstart.yaml", encoding: .utf8)
        let withoutPolicy = String(text[..<(text.range(of: "\npolicy:")?.lowerBound ?? text.endIndex)]) + "\n"
        let (directory, path) = try CLI.temporaryFile(withoutPolicy, named: "no-policy.yaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CLI.run(["structures", path, "--paths", "64"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("policy"), "\(run)")
        let quickstart = try await CLI.run([
            "structures", "examples/quickstart.yaml", "--paths", "256", "--format", "csv",
        ])
        #expect(quickstart.status == 0, "\(quickstart)")
        #expect(quickstart.stdout.hasPrefix("figure,rofr,exclusive,open"))
    }

    @Test("structures and report have no --until-se: a usage error (exit 64) that names the option")
    func noEarlyStop() async throws {
        for command in ["structures", "report"] {
            let run = try await CLI.run([command, "examples/quickstart.yaml", "--until-se", "0.1"])
            #expect(run.status == 64, "\(run)")
            #expect(run.stderr.contains("Unknown option '--until-se'"), "\(run)")
        }
    }
}
