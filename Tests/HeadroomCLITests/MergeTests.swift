import Foundation
import Testing

/// `simulate --shard i/n --state` and `headroom merge`: the merged output is the unsharded run's, byte for byte but
/// for the timing line; bad states are refused by name and nothing is written.
@Suite("CLI shards and merge")
struct MergeTests {
    static let scenario = "examples/quickstart.yaml"
    static let run = ["--paths", "1500", "--seed", "9", "--quiet"]

    /// Output without the wall-clock parts (the JSON `seconds` line, the table's "N paths in S s" line).
    static func timeless(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"seconds\"") && !$0.contains(" paths in ") }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func shards(_ n: Int, in directory: URL) async throws -> [String] {
        var paths: [String] = []
        for i in 0..<n {
            let out = try await CLI.run(
                ["simulate", scenario] + run + [
                    "--shard", "\(i)/\(n)", "--state", directory.appendingPathComponent("s.%a.state").path,
                ])
            #expect(out.status == 0, "\(out)")
            paths.append(directory.appendingPathComponent("s.\(i).state").path)
        }
        return paths
    }

    @Test("n = 1, 2, 3, 7: table, JSON and CSV merged equal the unsharded simulate's", arguments: [1, 2, 3, 7])
    func identical(n: Int) async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let states = try await Self.shards(n, in: directory)
        for format in ["table", "json", "csv"] {
            let single = try await CLI.run(["simulate", Self.scenario] + Self.run + ["--format", format])
            let merged = try await CLI.run(["merge"] + states.reversed() + ["--format", format])
            #expect(single.status == 0 && merged.status == 0, "\(merged)")
            #expect(Self.timeless(merged.stdout) == Self.timeless(single.stdout), "\(format)")
            #expect(!merged.stdout.isEmpty)
        }
    }

    @Test(
        "compare and structures, n = 1, 2, 3, 7 shards: merged, the unsharded command's table and JSON",
        arguments: [1, 2, 3, 7])
    func compareAndStructures(n: Int) async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOfFile: CLI.path(Self.scenario), encoding: .utf8)
        let b = directory.appendingPathComponent("b.yaml")
        let first = try #require(text.range(of: "it_mw: 250"))
        try text.replacingCharacters(in: first, with: "it_mw: 200").write(to: b, atomically: true, encoding: .utf8)
        for (command, extra) in [("compare", [b.path]), ("structures", [])] {
            var states: [String] = []
            for i in 0..<n {
                let state = directory.appendingPathComponent("\(command).\(i).state").path
                let out = try await CLI.run(
                    [command, Self.scenario] + extra + Self.run + ["--shard", "\(i)/\(n)", "--state", state])
                #expect(out.status == 0, "\(out)")
                states.append(state)
            }
            for format in ["table", "json"] {
                let single = try await CLI.run([command, Self.scenario] + extra + Self.run + ["--format", format])
                let merged = try await CLI.run(["merge"] + states + ["--format", format])
                #expect(single.status == 0 && merged.status == 0, "\(merged)")
                #expect(Self.timeless(merged.stdout) == Self.timeless(single.stdout), "\(command) \(format)")
            }
        }
    }

    @Test("merge --report writes the HTML report that report --no-structures writes for the same run, byte for byte")
    func report() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let states = try await Self.shards(2, in: directory)
        let merged = directory.appendingPathComponent("merged.html").path
        let single = directory.appendingPathComponent("single.html").path
        let out = try await CLI.run(["merge"] + states + ["--report", merged])
        #expect(out.status == 0, "\(out)")
        let run = try await CLI.run(["report", Self.scenario] + Self.run + ["--no-structures", "--out", single])
        #expect(run.status == 0, "\(run)")
        let a = try Data(contentsOf: URL(fileURLWithPath: merged))
        let b = try Data(contentsOf: URL(fileURLWithPath: single))
        #expect(a == b && a.count > 10_000)
    }

    @Test("a missing shard, a truncated or doubled state: exit 2 naming the file, nothing written")
    func refused() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let states = try await Self.shards(3, in: directory)
        let out = directory.appendingPathComponent("merged.json").path
        let missing = try await CLI.run(["merge", states[0], states[2], "--format", "json", "--out", out])
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains("s.2.state: error: blocks 2..<4 are in no state: a shard is missing"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let data = try Data(contentsOf: URL(fileURLWithPath: states[1]))
        try data.prefix(data.count - 10).write(to: URL(fileURLWithPath: states[1]))
        let truncated = try await CLI.run(["merge"] + states + ["--out", out])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("s.1.state: error: not a complete shard state"), "\(truncated)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let twice = try await CLI.run(["merge", states[0], states[0]])
        #expect(twice.status != 0 && twice.stderr.contains("is given twice"), "\(twice)")
    }

    @Test("--shard auto reads the Slurm array's task id and count; bad shard options are refused")
    func auto() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let executable = try CLI.executable.get()
        let state = directory.appendingPathComponent("a.%a.state").path
        let out = try await CLI.launch(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=0", executable.path,
                "simulate", Self.scenario, "--paths", "3000", "--shard", "auto", "--state", state,
            ])
        #expect(out.status == 0, "\(out)")
        #expect(out.stderr.contains("shard 1/2: blocks 6..<12, 1464 of 3000 paths"), "\(out)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.1.state").path))
        let rerun = try await CLI.launch(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "SLURM_ARRAY_TASK_ID=5", "SLURM_ARRAY_TASK_COUNT=1", "SLURM_ARRAY_TASK_MIN=5", executable.path,
                "simulate", Self.scenario, "--shard", "auto", "--state", state,
            ])
        #expect(rerun.status != 0 && rerun.stderr.contains("re-run one shard with --shard 5/N"), "\(rerun)")
        for (arguments, message) in [
            (["--shard", "3/3", "--state", state], "expected i/n with 0 ≤ i < n"),
            (["--shard", "0/2"], "--shard needs --state PATH"),
            (["--shard", "0/2", "--state", state, "--until-se", "0.01"], "--until-se does not apply to --shard"),
        ] {
            let bad = try await CLI.run(["simulate", Self.scenario] + arguments)
            #expect(bad.status != 0 && bad.stderr.contains(message), "\(arguments): \(bad)")
        }
    }
}
