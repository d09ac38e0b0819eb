import Foundation
import Testing

/// `headroom compare` and `headroom schema`.
@Suite("CLI compare and schema")
struct CompareSchemaTests {
    @Test("a scenario compared with itself: every difference is exactly 0 with 0 standard error")
    func selfComparison() async throws {
        let out = try await CLI.run([
            "compare", "examples/quickstart.yaml", "examples/quickstart.yaml", "--paths", "2048", "--format", "json",
        ])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.isEmpty, "\(out)")
        let json = try CLI.object(out.stdout)
        #expect((json["paths"] as? NSNumber)?.intValue == 2048)
        #expect(json["a"] as? String == "Quickstart: a small lab, two providers")
        let figures = try #require(json["figures"] as? [[String: Any]])
        #expect(
            figures.map { $0["name"] as? String } == [
                "P(any shortfall)", "unserved MW-months", "peak shortfall MW", "total spend USD",
                "P(spend > five-year)",
                "P(spend > bigcloud-2027)",
            ])
        for f in figures {
            let name = f["name"] as? String ?? "?"
            let a = try #require(f["a"] as? [String: Any])
            let b = try #require(f["b"] as? [String: Any])
            let difference = try #require(f["difference"] as? [String: Any], "\(name)")
            #expect((difference["value"] as? NSNumber)?.doubleValue == 0, "\(name)")
            #expect((difference["standard_error"] as? NSNumber)?.doubleValue == 0, "\(name)")
            #expect(try CLI.numbers(f["difference_quantiles"]) == [0, 0, 0], "\(name)")
            #expect((f["probability_b_greater"] as? NSNumber)?.doubleValue == 0, "\(name)")
            #expect((f["probability_b_smaller"] as? NSNumber)?.doubleValue == 0, "\(name)")
            #expect((a["value"] as? NSNumber)?.doubleValue == (b["value"] as? NSNumber)?.doubleValue, "\(name)")
        }
        #expect((json["months"] as? [String])?.count == 60)
        for key in ["mean_shortfall_difference_mw", "mean_capacity_difference_mw", "mean_spend_difference_usd"] {
            #expect(try CLI.numbers(json[key]) == [Double](repeating: 0, count: 60), "\(key)")
        }
    }

    @Test("compare: a different scenario on common random numbers has a smaller paired standard error")
    func differentScenario() async throws {
        // B: the lakeside lease costs 10% more; every entity keeps its id, so the draws are shared.
        let original = try String(contentsOfFile: CLI.path("examples/quickstart.yaml"), encoding: .utf8)
        let variant = original.replacingOccurrences(
            of: "price_usd_per_mw_month: 1.4e+6\n", with: "price_usd_per_mw_month: 1.54e+6\n")
        #expect(variant != original)
        let (dir, file) = try CLI.temporaryFile(variant, named: "variant.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try await CLI.run([
            "compare", "examples/quickstart.yaml", file, "--paths", "2048", "--format", "json",
        ])
        #expect(out.status == 0, "\(out)")
        let figures = try #require(try CLI.object(out.stdout)["figures"] as? [[String: Any]])
        let spend = try #require(figures.first { $0["name"] as? String == "total spend USD" })
        let difference = try #require(spend["difference"] as? [String: Any])
        let value = try #require((difference["value"] as? NSNumber)?.doubleValue)
        let paired = try #require((difference["standard_error"] as? NSNumber)?.doubleValue)
        let independent = try #require((spend["independent_standard_error"] as? NSNumber)?.doubleValue)
        #expect(value > 0)
        #expect(paired < independent)
        #expect((spend["probability_b_greater"] as? NSNumber)?.doubleValue == 1)
        // Demand and delivery do not depend on the price.
        let unserved = try #require(figures.first { $0["name"] as? String == "unserved MW-months" })
        #expect(((unserved["difference"] as? [String: Any])?["value"] as? NSNumber)?.doubleValue == 0)
    }

    @Test("compare either honours --until-se or rejects it")
    func compareUntilSE() async throws {
        // A scenario against itself has every paired standard error 0, so --until-se would stop after the first
        // wave of 8,192 paths.
        let out = try await CLI.run([
            "compare", "examples/quickstart.yaml", "examples/quickstart.yaml", "--paths", "16384", "--until-se", "0.05",
            "--format", "json",
        ])
        let paths = (try? CLI.object(out.stdout)["paths"] as? NSNumber)?.intValue
        #expect(out.status == 64 || (paths ?? 0) < 16384, "status \(out.status), paths \(String(describing: paths))")
    }

    @Test("compare prints both tables as text by default")
    func compareText() async throws {
        let out = try await CLI.run([
            "compare", "examples/quickstart.yaml", "examples/quickstart.yaml", "--paths", "512",
        ])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.contains("B − A on common random numbers (512 paired paths, seed 1)"))
        #expect(out.stdout.contains("Mean B − A by year"))
    }

    @Test("schema prints a JSON Schema of draft 2020-12; --out writes the same text")
    func schema() async throws {
        let out = try await CLI.run(["schema"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.isEmpty)
        let json = try CLI.object(out.stdout)
        #expect(json["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(json["type"] as? String == "object")
        let properties = try #require(json["properties"] as? [String: Any])
        #expect(
            Set(properties.keys).isSuperset(of: [
                "headroom", "name", "start", "months", "workloads", "providers", "campuses", "contracts", "demand",
            ]))
        let required = try #require(json["required"] as? [String])
        #expect(Set(required).isSuperset(of: ["headroom", "name", "start", "workloads", "providers", "demand"]))

        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("schema.json")
        let written = try await CLI.run(["schema", "--out", file.path])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == out.stdout)
    }
}
