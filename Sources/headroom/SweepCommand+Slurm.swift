import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomScenario

extension SweepCommand {
    /// Shell-quotes `word` for a generated script.
    static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Writes the variants, the array script (task t: variant t / shards on shard t % shards, paired with the base
    /// by `compare --shard`), the merge script and `submit.sh`, which submits the merge `afterok` on the array.
    func writeSlurm(text: String, spec: SweepSpec, directory: String) throws {
        let variants: [String]
        do throws(AnalysisError) {
            variants = try Analyzer.sweepVariants(text: text, file: file, spec: spec)
        } catch {
            printError(error.description)
            throw invalidInputExitCode
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let fm = FileManager.default
        for sub in ["variants", "states", "logs"] {
            try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for (k, variant) in variants.enumerated() {
            try variant.write(to: root.appendingPathComponent("variants/v\(k).yaml"), atomically: true, encoding: .utf8)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let base = URL(fileURLWithPath: file).standardizedFileURL.path
        let sweepFile = URL(fileURLWithPath: sweep).standardizedFileURL.path
        let run =
            ["--paths", "\(simulation.paths)", "--seed", "\(simulation.seed)", "--quiet"]
            + (simulation.threads.map { ["--threads", "\($0)"] } ?? [])
        let q = Self.quoted
        let tasks = variants.count * shards
        let array = """
            #!/usr/bin/env bash
            #SBATCH --job-name=headroom-sweep
            #SBATCH --array=0-\(tasks - 1)
            #SBATCH --output=\(root.path)/logs/task.%a.out
            # Task t runs variant t / \(shards) paired with the base on shard t % \(shards) of \(simulation.paths) paths.
            set -euo pipefail
            k=$((SLURM_ARRAY_TASK_ID / \(shards)))
            i=$((SLURM_ARRAY_TASK_ID % \(shards)))
            exec \(q(executable)) compare \(q(base)) \(q(root.path))/variants/v$k.yaml \(run.map(q).joined(separator: " ")) \\
                --shard "$i/\(shards)" --state \(q(root.path))/states/v$k.s$i.state

            """
        let merge = """
            #!/usr/bin/env bash
            #SBATCH --job-name=headroom-sweep-merge
            #SBATCH --output=\(root.path)/logs/merge.out
            set -euo pipefail
            exec \(q(executable)) sweep \(q(base)) \(q(sweepFile)) \(run.map(q).joined(separator: " ")) \\
                --from-states \(q(root.path))/states --format json --out \(q(root.path))/sweep.json

            """
        let submit = """
            #!/usr/bin/env bash
            # Submits the array, then the merge once every task has succeeded; prints both job ids.
            set -euo pipefail
            array=$(sbatch --parsable \(q(root.path))/array.sbatch)
            merge=$(sbatch --parsable --dependency=afterok:$array --kill-on-invalid-dep=yes \(q(root.path))/merge.sbatch)
            echo "$array $merge"

            """
        for (name, body) in [("array.sbatch", array), ("merge.sbatch", merge), ("submit.sh", submit)] {
            let url = root.appendingPathComponent(name)
            try body.write(to: url, atomically: true, encoding: .utf8)
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        if !simulation.quiet {
            printError(
                "sweep: wrote \(variants.count) variants and a \(tasks)-task array (\(shards) shards each) to "
                    + "\(root.path); run \(root.path)/submit.sh")
        }
    }

    /// The sweep from the states in `directory` (`v<k>.s<i>.state`).
    func merged(text: String, spec: SweepSpec, directory: String) throws -> SweepOutcome {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasPrefix("v") && $0.hasSuffix(".state")
        }
        var groups: [[(file: String, state: ShardState)]] = Array(repeating: [], count: spec.points().count)
        do throws(ShardStateError) {
            for name in names.sorted() {
                let parts = name.dropFirst().dropLast(6).split(separator: ".")
                guard parts.count == 2, let k = Int(parts[0]), k < groups.count else { continue }
                let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ShardStateError(file: path, "cannot read the file")
                }
                groups[k].append((path, try ShardStateFile.decode(data, file: path)))
            }
            if let k = groups.firstIndex(where: \.isEmpty) {
                throw ShardStateError(file: directory, "no state of variant \(k + 1) (v\(k).s*.state)")
            }
            return try Analyzer.sweep(text: text, file: file, spec: spec, groups: groups)
        } catch {
            printError(error.description)
            throw invalidInputExitCode
        }
    }
}
