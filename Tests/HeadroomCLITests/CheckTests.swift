import Foundation
import Testing

/// `headroom check`: valid files, every problem of an invalid one, unreadable input.
@Suite("CLI check")
struct CheckTests {
    /// Every shipped scenario: the examples and the bench scenario.
    static let shipped: [String] = {
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: CLI.path("examples"))) ?? []
        return examples.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
            .map { "examples/\($0)" } + ["bench/bench-60x120.yaml"]
    }()

    @Test("the shipped scenarios are there")
    func shippedList() {
        #expect(Self.shipped.contains("examples/quickstart.yaml"))
        #expect(Self.shipped.contains("examples/openai-2025.yaml"))
    }

    @Test("check passes on every shipped scenario", arguments: shipped)
    func shippedScenario(file: String) async throws {
        let out = try await CLI.run(["check", file])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.hasPrefix("\(file): ok\n"), "\(out)")
        #expect(out.stdout.contains("Contracted IT MW on plan"))
        #expect(out.stderr.isEmpty, "\(out)")
    }

    @Test("check takes several files at once; --quiet prints nothing")
    func severalQuiet() async throws {
        let out = try await CLI.run(["check", "--quiet"] + Self.shipped)
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout.isEmpty && out.stderr.isEmpty, "\(out)")
    }

    @Test("check --format json prints the summary as JSON")
    func json() async throws {
        let out = try await CLI.run(["check", "examples/quickstart.yaml", "--format", "json"])
        #expect(out.status == 0, "\(out)")
        let json = try CLI.object(out.stdout)
        #expect(json["name"] as? String == "Quickstart: a small lab, two providers")
        #expect(json["start"] as? String == "2026-01")
        #expect(json["end"] as? String == "2030-12")
        #expect((json["months"] as? NSNumber)?.intValue == 60)
        let counts = try #require(json["counts"] as? [String: Any])
        #expect((counts["providers"] as? NSNumber)?.intValue == 2)
        #expect((counts["phases"] as? NSNumber)?.intValue == 4)
        #expect((counts["contracts"] as? NSNumber)?.intValue == 3)
        let planned = try #require(json["planned_capacity_by_provider_mw"] as? [String: Any])
        #expect(try CLI.numbers(planned["bigcloud"]).count == 60)
        let contracts = try #require(json["contracts"] as? [[String: Any]])
        #expect(contracts.map { $0["id"] as? String } == ["lakeside-lease", "prairie-deal", "bigcloud-burst"])
        // 4.0 USD per accelerator-hour × 730.5 h × 500 accelerators per MW.
        let burst = try #require(contracts.last)
        #expect(abs(((burst["usd_per_mw_month"] as? NSNumber)?.doubleValue ?? 0) - 1_461_000) < 1e-6)
        #expect(contracts[1]["derived_from_total_value"] as? Bool == true)
    }

    /// A scenario with two problems: a negative `it_mw` (line 12) and an unknown key (line 14).
    static let malformed = """
        headroom: 1
        name: bad
        start: 2026-01
        months: 12
        workloads: [all]
        providers:
          - {id: p, kind: cloud}
        campuses:
          - id: c
            provider: p
            phases:
              - {id: a, it_mw: -5, planned: 2026-02}
        contracts:
          - {id: k, provider: p, phases: [c/a], price_usd_per_mw_month: 1e6, bogus_key: 3}
        demand:
          - workload: all
            anchors: [{month: 2026-01, mw: 80}]

        """

    /// `FILE:LINE:COLUMN: error: PATH: MESSAGE` lines of `stderr` about `file`: (line, column, path, message).
    static func diagnostics(_ stderr: String, file: String) -> [(line: Int, column: Int, path: String, message: String)]
    {
        stderr.split(separator: "\n").compactMap { raw -> (Int, Int, String, String)? in
            let line = String(raw)
            guard line.hasPrefix(file + ":") else { return nil }
            let rest = line.dropFirst(file.count + 1)
            guard let match = rest.wholeMatch(of: /(\d+):(\d+): error: ([^ :]+): (.+)/), let l = Int(match.1),
                let c = Int(match.2)
            else {
                return nil
            }
            return (l, c, String(match.3), String(match.4))
        }
    }

    @Test("an invalid scenario exits 2 and reports every problem as FILE:LINE:COLUMN: error: PATH: MESSAGE")
    func malformedScenario() async throws {
        let (dir, file) = try CLI.temporaryFile(Self.malformed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try await CLI.run(["check", file])
        #expect(out.status == 2 && !out.crashed, "\(out)")
        #expect(out.stdout.isEmpty, "\(out)")
        let found = Self.diagnostics(out.stderr, file: file)
        #expect(found.count == 2, "\(out)")
        let negative = try #require(found.first { $0.path == "campuses[0].phases[0].it_mw" }, "\(out)")
        #expect(negative.line == 12)
        #expect(negative.column > 1)
        #expect(negative.message.contains("-5"))
        #expect(negative.message.contains("> 0"))
        let unknown = try #require(found.first { $0.path == "contracts[0].bogus_key" }, "\(out)")
        #expect(unknown.line == 14)
        #expect(unknown.message.contains("unknown key 'bogus_key'"))
        #expect(unknown.message.contains("price_usd_per_mw_month"))
        #expect(out.stderr.contains("\(file): 2 problem(s)"))
    }

    @Test("a bad file among good ones: the good ones are still summarised, the exit status is 2")
    func mixed() async throws {
        let (dir, file) = try CLI.temporaryFile(Self.malformed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try await CLI.run(["check", "examples/quickstart.yaml", file, "bench/bench-60x120.yaml"])
        #expect(out.status == 2, "\(out)")
        #expect(out.stdout.contains("examples/quickstart.yaml: ok"))
        #expect(out.stdout.contains("bench/bench-60x120.yaml: ok"))
        #expect(Self.diagnostics(out.stderr, file: file).count == 2, "\(out)")
    }

    @Test("a missing file exits 2 with a message, not a crash")
    func missingFile() async throws {
        let file = "/nonexistent-\(UUID().uuidString)/scenario.yaml"
        let out = try await CLI.run(["check", file])
        #expect(out.status == 2 && !out.crashed, "\(out)")
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains(file))
        #expect(out.stderr.contains("error: "))
        #expect(out.stderr.contains("does not exist"))
    }

    @Test("unreadable input exits 2 with a located message", arguments: ["garbage", "empty", "list", "directory"])
    func unreadable(kind: String) async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("input.yaml")
        switch kind {
        case "garbage":
            // Deterministic binary garbage: invalid UTF-8, NULs and control bytes.
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            let bytes = (0..<4096).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            try Data([0xFF, 0xFE, 0x00] + bytes).write(to: url)
        case "empty": try Data().write(to: url)
        case "list": try Data("- a\n- b\n".utf8).write(to: url)
        default: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        let out = try await CLI.run(["check", url.path])
        #expect(out.status == 2 && !out.crashed, "\(out)")
        #expect(out.stdout.isEmpty, "\(out)")
        #expect(out.stderr.hasPrefix(url.path + ":"), "\(out)")
        #expect(out.stderr.contains(": error: "), "\(out)")
    }

    @Test("project and simulate also exit 2 on an invalid scenario")
    func otherCommandsRejectInvalid() async throws {
        let (dir, file) = try CLI.temporaryFile(Self.malformed)
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [
            ["project", file], ["simulate", file, "--paths", "256"],
            ["compare", "examples/quickstart.yaml", file, "--paths", "256"],
        ] {
            let out = try await CLI.run(arguments)
            #expect(out.status == 2, "\(out)")
            #expect(Self.diagnostics(out.stderr, file: file).count == 2, "\(out)")
        }
    }
}
