import Foundation
import Testing

/// `headroom simulate`: JSON shape, thread invariance, early stopping, no progress bar off a terminal.
@Suite("CLI simulate")
struct SimulateTests {
    static let base = ["simulate", "examples/quickstart.yaml", "--paths", "4096", "--seed", "3", "--format", "json"]

    /// The JSON text without its `seconds` line (the only field that depends on the run, not on the seed).
    static func withoutSeconds(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  \"seconds\": ") }
            .joined(separator: "\n")
    }

    @Test(
        "--paths 4096 --seed 3: the JSON has 4096 paths, 60-month arrays and ordered quantiles; 1 and 2 threads agree")
    func json() async throws {
        let one = try await CLI.run(Self.base + ["--threads", "1"])
        #expect(one.status == 0, "\(one)")
        #expect(one.stderr.isEmpty, "no progress bar (or anything else) off a terminal\n\(one)")
        let json = try CLI.object(one.stdout)
        #expect((json["paths"] as? NSNumber)?.intValue == 4096)
        #expect(json["seed"] as? String == "3")
        #expect((json["seconds"] as? NSNumber).map { $0.doubleValue >= 0 } == true)
        let months = try #require(json["months"] as? [String])
        #expect(months.count == 60 && months.first == "2026-01" && months.last == "2030-12")
        #expect(try CLI.numbers(json["quantile_levels"]) == [0.1, 0.5, 0.9])
        for key in ["demand_mw", "capacity_mw", "shortfall_mw", "idle_mw", "spend_usd"] {
            let statistic = try #require(json[key] as? [String: Any], "\(key)")
            let mean = try CLI.numbers(statistic["mean"])
            let se = try CLI.numbers(statistic["standard_error"])
            let p10 = try CLI.numbers(statistic["p10"])
            let p50 = try CLI.numbers(statistic["p50"])
            let p90 = try CLI.numbers(statistic["p90"])
            for series in [mean, se, p10, p50, p90] { #expect(series.count == months.count, "\(key)") }
            for t in months.indices {
                #expect(p10[t] <= p50[t] && p50[t] <= p90[t], "\(key) \(months[t]): \(p10[t]) \(p50[t]) \(p90[t])")
                #expect(se[t] >= 0 && se[t].isFinite, "\(key) \(months[t])")
            }
        }
        let probability = try CLI.numbers(json["shortfall_probability"])
        #expect(probability.count == 60 && probability.allSatisfy { $0 >= 0 && $0 <= 1 })
        for (name, series) in try #require(json["shortfall_by_workload_mean_mw"] as? [String: Any]) {
            #expect(try CLI.numbers(series).count == 60, "\(name)")
        }
        for (name, provider) in try #require(json["providers"] as? [String: Any]) {
            let p = try #require(provider as? [String: Any])
            for key in ["mean_delivered_mw", "mean_revenue_usd", "mean_idle_mw"] {
                #expect(try CLI.numbers(p[key]).count == 60, "\(name) \(key)")
            }
        }
        let phases = try #require(json["phases"] as? [String: Any])
        #expect(Set(phases.keys).isSuperset(of: ["lakeside/hall-1", "lakeside/hall-2", "prairie/b1", "prairie/b2"]))
        for (name, phase) in phases {
            let p = try #require(phase as? [String: Any])
            let values = ["p50", "p80", "p90"].map { (p[$0] as? NSNumber)?.doubleValue ?? .nan }
            #expect(values[0] <= values[1] && values[1] <= values[2], "\(name): \(values)")
        }
        let headline = try #require(json["headline"] as? [String: Any])
        let anyShortfall = try #require(headline["probability_of_any_shortfall"] as? [String: Any])
        #expect(((anyShortfall["value"] as? NSNumber)?.doubleValue).map { (0...1).contains($0) } == true)
        #expect(headline["expected_unserved_accelerator_hours"] is [String: Any], "quickstart has accelerators")
        #expect((json["budget"] as? [[String: Any]])?.map { $0["id"] as? String } == ["five-year", "bigcloud-2027"])
        #expect((json["risk_frequencies"] as? [String: Any])?.keys.contains("texas-grid") == true)

        let two = try await CLI.run(Self.base + ["--threads", "2"])
        #expect(two.status == 0, "\(two)")
        #expect(one.stdout.contains("\n  \"seconds\": "))
        #expect(Self.withoutSeconds(one.stdout) == Self.withoutSeconds(two.stdout), "1 and 2 threads differ")
        #expect(Self.withoutSeconds(one.stdout) != one.stdout)
    }

    @Test("Ctrl-C stops at the next wave: partial JSON of whole waves, a note on stderr, exit status 130")
    func interrupted() async throws {
        let output = try await CLI.run(
            ["simulate", "examples/quickstart.yaml", "--paths", "2000000000", "--format", "json"], timeout: 120,
            interruptAfter: 2)
        #expect(output.status == 130 && !output.crashed, "\(output)")
        let paths = try #require((try CLI.object(output.stdout)["paths"] as? NSNumber)?.intValue)
        #expect(paths > 0 && paths % 8_192 == 0 && paths < 2_000_000_000, "\(paths)")
        #expect(output.stderr.contains("simulate: interrupted after \(paths) of 2000000000 paths"), "\(output)")
    }

    @Test("another seed gives other numbers")
    func seedMatters() async throws {
        let a = try await CLI.run([
            "simulate", "examples/quickstart.yaml", "--paths", "512", "--seed", "1", "--format", "json", "--threads",
            "1",
        ])
        let b = try await CLI.run([
            "simulate", "examples/quickstart.yaml", "--paths", "512", "--seed", "2", "--format", "json", "--threads",
            "1",
        ])
        #expect(a.status == 0 && b.status == 0)
        #expect(Self.withoutSeconds(a.stdout) != Self.withoutSeconds(b.stdout))
    }

    @Test("--until-se 0.05 stops after whole waves of 8,192 paths, long before --paths 1000000")
    func untilSE() async throws {
        let out = try await CLI.run([
            "simulate", "examples/quickstart.yaml", "--paths", "1000000", "--until-se", "0.05", "--format", "json",
        ])
        #expect(out.status == 0, "\(out)")
        let json = try CLI.object(out.stdout)
        let paths = try #require((json["paths"] as? NSNumber)?.intValue)
        #expect(paths < 1_000_000)
        #expect(paths >= 8192 && paths % 8192 == 0, "\(paths)")
        // The stopping rule held: relative SE of expected unserved MW-months and spend, absolute SE of probabilities.
        let headline = try #require(json["headline"] as? [String: Any])
        func estimate(_ key: String) -> (Double, Double) {
            let e = headline[key] as? [String: Any]
            return (
                (e?["value"] as? NSNumber)?.doubleValue ?? .nan,
                (e?["standard_error"] as? NSNumber)?.doubleValue ?? .nan
            )
        }
        let unserved = estimate("expected_unserved_mw_months")
        #expect(unserved.1 <= 0.05 * abs(unserved.0))
        let spend = estimate("expected_total_spend_usd")
        #expect(spend.1 <= 0.05 * abs(spend.0))
        #expect(estimate("probability_of_any_shortfall").1 <= 0.05)
    }

    @Test("--format csv has the tidy header; custom --quantiles name the statistics")
    func csvAndQuantiles() async throws {
        let out = try await CLI.run([
            "simulate", "examples/quickstart.yaml", "--paths", "512", "--format", "csv", "--quantiles", "0.05,0.5,0.95",
        ])
        #expect(out.status == 0, "\(out)")
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.first == "month,figure,statistic,value")
        let statistics: Set<String> = Set(lines.dropFirst().map { String($0.split(separator: ",")[2]) })
        let expected: Set<String> = ["mean", "standard_error", "p5", "p50", "p95", "probability"]
        #expect(statistics.isSuperset(of: expected))
        // 5 figures × 5 statistics + P(shortfall) + 3 series per provider (2), per month.
        let perMonth: Int = 5 * 5 + 1 + 3 * 2
        #expect(lines.count == 1 + 60 * perMonth)
    }

    @Test("a repeated --quantiles level does not write the same JSON key twice")
    func repeatedQuantileLevel() async throws {
        let out = try await CLI.run([
            "simulate", "examples/quickstart.yaml", "--paths", "256", "--quantiles", "0.5,0.5", "--format", "json",
        ])
        // Five monthly statistics (demand, capacity, shortfall, idle, spend) each have one "p50" member at this depth.
        let members = out.stdout.split(separator: "\n").filter { $0.hasPrefix("    \"p50\": [") }.count
        #expect(out.status != 0 || members == 5, "status \(out.status), \(members) p50 members")
    }

    @Test(
        "invalid Monte Carlo options are usage errors",
        arguments: [
            ["--paths", "0"], ["--threads", "0"], ["--until-se", "0"], ["--until-se", "nan"],
            ["--quantiles", "0.5,1.5"], ["--top", "-1"],
        ])
    func invalidOptions(options: [String]) async throws {
        let out = try await CLI.run(["simulate", "examples/quickstart.yaml"] + options)
        #expect(out.status == 64 && !out.crashed, "\(out)")
        #expect(out.stdout.isEmpty)
    }

    @Test("no progress bar when stdout and stderr are not a terminal, with or without --quiet")
    func noProgressBar() async throws {
        for extra in [[], ["--quiet"]] as [[String]] {
            let out = try await CLI.run(
                ["simulate", "examples/quickstart.yaml", "--paths", "4096", "--by", "year"] + extra)
            #expect(out.status == 0, "\(out)")
            #expect(out.stderr.isEmpty, "\(out)")
            for marker in ["\r", "█", "\u{1B}[", "/4096"] {
                #expect(!out.stdout.contains(marker), "stdout contains \(marker.debugDescription)")
            }
            #expect(out.stdout.contains("Headline (4,096 paths, seed 1"), "\(out)")
            #expect(out.stdout.contains("4,096 paths in "))
        }
        let compare = try await CLI.run([
            "compare", "examples/quickstart.yaml", "examples/quickstart.yaml", "--paths", "2048",
        ])
        #expect(compare.status == 0, "\(compare)")
        #expect(compare.stderr.isEmpty, "\(compare)")
        #expect(!compare.stdout.contains("\r") && !compare.stdout.contains("█"))
    }

    #if os(Linux)
    /// util-linux `script` runs a command on a pseudo-terminal.
    static let script = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    @Test("on a terminal the bar is drawn on stderr, and --quiet removes it", .enabled(if: script))
    func progressBarOnTerminal() async throws {
        let executable = try CLI.executable.get().path
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("out.json").path
        func onTerminal(_ extra: String) async throws -> String {
            let command =
                "'\(executable)' simulate examples/quickstart.yaml --paths 9000 --format json --out '\(json)' \(extra)"
            let out = try await CLI.launch(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
            #expect(out.status == 0, "\(out)")
            return out.stdout
        }
        let drawn = try await onTerminal("")
        #expect(drawn.contains("\rsimulate ["), "\(drawn.debugDescription)")
        #expect(drawn.contains("/9000 paths"))
        let quiet = try await onTerminal("--quiet")
        #expect(!quiet.contains("simulate ["), "\(quiet.debugDescription)")
    }
    #endif
}
