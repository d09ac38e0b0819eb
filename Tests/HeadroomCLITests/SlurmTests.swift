import Foundation
import Testing

/// The running example sharded as a job array on a real Slurm, merged by an `afterok` job.
///
/// `scripts/test` brings the cluster up (`scripts/slurm-local up`). The merged output is the single-process run's,
/// byte for byte but for its timing. Skipped where no Slurm is configured (`SLURM_CONF` unset).
@Suite("Slurm job array and merge", .enabled(if: ProcessInfo.processInfo.environment["SLURM_CONF"] != nil))
struct SlurmTests {
    static let run = ["examples/openai-2025.yaml", "--paths", "8192", "--seed", "3", "--quiet", "--threads", "1"]

    /// `sbatch ARGUMENTS --parsable`, returning the job id.
    static func submit(_ arguments: [String]) async throws -> String {
        let out = try await CLI.launch(URL(fileURLWithPath: "/usr/bin/env"), ["sbatch", "--parsable"] + arguments)
        #expect(out.status == 0, "\(out)")
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `scontrol -o show job ID`'s JobState of every task of the job.
    static func states(_ job: String) async throws -> [String] {
        let out = try await CLI.launch(URL(fileURLWithPath: "/usr/bin/env"), ["scontrol", "-o", "show", "job", job])
        return out.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst(9)) }
        }
    }

    @Test("4 shards as an array, the merge afterok: the same bytes as one process")
    func arrayAndMerge() async throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let executable = try CLI.executable.get().path
        let states = directory.appendingPathComponent("s.%a.state").path
        let merged = directory.appendingPathComponent("merged.json").path
        let shell = { (words: [String]) in words.map { "'\($0)'" }.joined(separator: " ") }
        let array = try await Self.submit([
            "--array=0-3", "--chdir", CLI.packageRoot.path, "--output", directory.appendingPathComponent("%a.out").path,
            "--wrap", shell([executable, "simulate"] + Self.run + ["--shard", "auto", "--state", states]),
        ])
        let shardFiles = (0..<4).map { directory.appendingPathComponent("s.\($0).state").path }
        let merge = try await Self.submit([
            "--dependency=afterok:\(array)", "--kill-on-invalid-dep=yes", "--chdir", CLI.packageRoot.path,
            "--output", directory.appendingPathComponent("merge.out").path,
            "--wrap", shell([executable, "merge"] + shardFiles + ["--format", "json", "--out", merged]),
        ])
        let deadline = Date().addingTimeInterval(150)
        var finished = false
        while Date() < deadline {
            let jobs = try await Self.states(array) + Self.states(merge)
            if jobs.contains(where: { ["FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY"].contains($0) }) {
                Issue.record("a job failed: \(jobs)")
                break
            }
            if FileManager.default.fileExists(atPath: merged) && jobs.allSatisfy({ $0 == "COMPLETED" }) {
                finished = true
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(finished, "the array and its merge did not complete within 150 s")
        let single = try await CLI.run(["simulate"] + Self.run + ["--format", "json"])
        let text = try String(contentsOfFile: merged, encoding: .utf8)
        #expect(MergeTests.timeless(text) == MergeTests.timeless(single.stdout))
        #expect(text.contains("\"paths\": 8192"))
    }

    @Test("a sweep as a (variant, shard) array with its merge afterok: the local sweep's bytes")
    func sweep() async throws {
        let (directory, sweep) = try CLI.temporaryFile(SweepTests.quickSweep, named: "sweep.yaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        let jobs = directory.appendingPathComponent("jobs").path
        let run = ["examples/quickstart.yaml", sweep, "--paths", "1500", "--quiet", "--threads", "1"]
        let written = try await CLI.run(["sweep"] + run + ["--slurm", jobs, "--shards", "2"])
        #expect(written.status == 0, "\(written)")
        let submitted = try await CLI.launch(URL(fileURLWithPath: "/usr/bin/env"), ["bash", jobs + "/submit.sh"])
        #expect(submitted.status == 0, "\(submitted)")
        let ids = submitted.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let deadline = Date().addingTimeInterval(150)
        var finished = false
        while Date() < deadline, ids.count == 2 {
            let jobs = try await Self.states(ids[0]) + Self.states(ids[1])
            if jobs.contains(where: { ["FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY"].contains($0) }) {
                Issue.record("a job failed: \(jobs)")
                break
            }
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("jobs/sweep.json").path)
                && jobs.allSatisfy({ $0 == "COMPLETED" })
            {
                finished = true
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(finished, "the sweep's array and merge did not complete within 150 s")
        let local = try await CLI.run(["sweep"] + run + ["--format", "json"])
        #expect(try String(contentsOfFile: jobs + "/sweep.json", encoding: .utf8) == local.stdout)
    }
}
