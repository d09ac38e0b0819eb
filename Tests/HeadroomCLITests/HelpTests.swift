import Foundation
import Testing

/// `--help` of the command and of every subcommand.
@Suite("CLI help")
struct HelpTests {
    @Test("the executable under test is the one built next to the test bundle")
    func executableLocation() throws {
        let url = try CLI.executable.get()
        #expect(url.lastPathComponent == "headroom")
        guard ProcessInfo.processInfo.environment["HEADROOM_EXECUTABLE"] == nil else { return }
        // On Linux the test runner is the products directory's `…PackageTests.xctest` executable (or, on macOS, a
        // bundle there); the executable must come from that directory, never from a stale default build folder.
        let products =
            Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?.deletingLastPathComponent()
            ?? Bundle.main.executableURL.flatMap { $0.pathExtension == "xctest" ? $0.deletingLastPathComponent() : nil }
        if let products {
            #expect(url.deletingLastPathComponent().standardizedFileURL.path == products.standardizedFileURL.path)
        }
    }

    @Test("headroom --help lists every subcommand with its abstract")
    func topLevel() async throws {
        let out = try await CLI.run(["--help"])
        #expect(out.status == 0, "\(out)")
        for line in [
            "OVERVIEW: Plan AI compute capacity under uncertainty.", "USAGE: headroom <subcommand>", "SUBCOMMANDS:",
            "check                   Validate scenario files and summarise them.",
            "project                 Project capacity, demand, shortfall and spend",
            "simulate                Simulate the scenario by Monte Carlo",
            "compare                 Compare two scenarios on common random numbers",
            "schema                  Print the JSON Schema (draft 2020-12)",
            "structures              Run the policy's procurement under rofr, exclusive",
            "report                  Write a self-contained HTML report",
        ] {
            #expect(out.stdout.contains(line), "missing \(line)\n\(out)")
        }
    }

    @Test(
        "each subcommand's --help exits 0 and documents its arguments and options",
        arguments: [
            (
                "check",
                [
                    "USAGE: headroom check <files> ... [--format <format>] [--quiet]", "<files>", "--format <format>",
                    "--quiet", "exits with status 2",
                ]
            ),
            (
                "project",
                [
                    "USAGE: headroom project <file>", "--from <from>           First month shown (YYYY-MM).",
                    "--to <to>               Last month shown (YYYY-MM).", "--by <by>",
                    "quarter, year; default: month)",
                    "--basis <basis>", "(values: median, mode; default: median)", "--format <format>", "--out <out>",
                ]
            ),
            (
                "simulate",
                [
                    "USAGE: headroom simulate [<options>] <file>", "--statistics <families>", "--paths <paths>",
                    "(default: 100000)", "--seed <seed>", "--threads <threads>",
                    "--quantiles <quantiles>", "--until-se <until-se>", "--top <top>", "--quiet", "--by <by>",
                    "--format <format>", "--out <out>",
                ]
            ),
            (
                "compare",
                [
                    "USAGE: headroom compare [<options>] <a> <b>", "<a>                     Scenario A (the baseline).",
                    "<b>                     Scenario B (the alternative).", "--paths <paths>", "--seed <seed>",
                    "--threads <threads>",
                    "--format <format>", "--out <out>", "--shard <i/n|auto>", "--state <path>",
                ]
            ),
            ("schema", ["USAGE: headroom schema [--out <out>]", "--out <out>", "draft 2020-12"]),
            (
                "structures",
                [
                    "USAGE: headroom structures [<options>] <file>", "--paths <paths>", "--seed <seed>",
                    "--through <through>",
                    "--no-paired",
                    "--format <format>", "--out <out>", "--shard <i/n|auto>", "--shard-count <shard-count>",
                ]
            ),
            (
                "report",
                [
                    "USAGE: headroom report [<options>] <file>", "--paths <paths>", "--out <out>",
                    "(default: report.html)",
                    "--no-structures",
                ]
            ),
            ("simulate", ["--structure <structure>"]),
            ("project", ["--structure <structure>"]),
        ])
    func subcommand(name: String, lines: [String]) async throws {
        let out = try await CLI.run([name, "--help"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.isEmpty, "\(out)")
        #expect(out.stdout.contains("OVERVIEW: "))
        #expect(out.stdout.contains("-h, --help              Show help information."))
        for line in lines { #expect(out.stdout.contains(line), "missing \(line)\n\(out)") }
    }

    @Test("`headroom help project` is the same as `headroom project --help`")
    func helpSubcommand() async throws {
        let a = try await CLI.run(["help", "project"])
        let b = try await CLI.run(["project", "--help"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
    }

    @Test("an unknown subcommand or option is a usage error (64), not a crash")
    func unknown() async throws {
        let bogus = try await CLI.run(["bogus"])
        #expect(bogus.status == 64 && !bogus.crashed, "\(bogus)")
        #expect(bogus.stderr.contains("Unexpected argument 'bogus'"))
        let option = try await CLI.run(["check", "--nope", CLI.path("examples/quickstart.yaml")])
        #expect(option.status == 64 && !option.crashed, "\(option)")
    }
}
