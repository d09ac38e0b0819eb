import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomEngine

/// `--shard i/n|auto`, `--shard-count` and `--state`: run a block-aligned share of the paths and save its state
/// for `headroom merge`.
struct ShardOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Run shard i of n (0-based) of the paths and save its state to --state; auto reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with --shard-count.",
            valueName: "i/n|auto"))
    var shard: String?

    @Option(help: "With --shard auto on Kubernetes (JOB_COMPLETION_INDEX): how many shards.")
    var shardCount: Int?

    @Option(
        help: ArgumentHelp(
            "Where the shard writes its state (%a: the shard's index), via a temporary name and a rename.",
            valueName: "path"))
    var state: String?

    func validate() throws {
        if shard != nil && state == nil { throw ValidationError("--shard needs --state PATH") }
        if shard == nil && (state != nil || shardCount != nil) {
            throw ValidationError("--state and --shard-count apply to --shard only")
        }
        if let shard, shard != "auto", ShardSpec.parse(shard) == nil {
            throw ValidationError("--shard: expected i/n with 0 ≤ i < n (for example 2/8) or auto, found '\(shard)'")
        }
    }

    /// The shard asked for, from the option or the scheduler's environment.
    ///
    /// - Parameter environment: The process environment.
    /// - Returns: The shard, or `nil` without `--shard`.
    /// - Throws: A validation error naming what is missing or inconsistent in the environment.
    func spec(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ShardSpec? {
        guard let shard else { return nil }
        if let spec = ShardSpec.parse(shard) { return spec }
        if let id = environment["SLURM_ARRAY_TASK_ID"].flatMap(Int.init),
            let count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init)
        {
            // A re-run of one task (sbatch --array=5) sees a count of 1: its index is then no shard of the run.
            if let low = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init), low != 0 || id >= count {
                throw ValidationError(
                    "--shard auto: the array does not start at 0 (task \(id) of \(count), first \(low)); "
                        + "re-run one shard with --shard \(id)/N")
            }
            guard let spec = ShardSpec.parse("\(id)/\(count)") else {
                throw ValidationError("--shard auto: task \(id) of \(count) is no shard")
            }
            return spec
        }
        if let index = environment["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
            guard let shardCount, let spec = ShardSpec.parse("\(index)/\(shardCount)") else {
                throw ValidationError("--shard auto with JOB_COMPLETION_INDEX needs --shard-count N (N > the index)")
            }
            return spec
        }
        throw ValidationError(
            "--shard auto: neither SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT nor JOB_COMPLETION_INDEX is set")
    }

    /// `--state` with `%a` replaced by the shard's index.
    func statePath(_ spec: ShardSpec) -> String {
        (state ?? "shard.%a.state").replacingOccurrences(of: "%a", with: String(spec.index))
    }
}

/// Writes `data` to `path` through a temporary file in the same directory and a rename, so that a reader never
/// sees a half-written state.
func writeAtomically(_ data: Data, to path: String) throws {
    let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else {
        printError("\(path): cannot write \(temporary)")
        throw invalidInputExitCode
    }
    guard rename(temporary, path) == 0 else {
        try? FileManager.default.removeItem(atPath: temporary)
        printError("\(path): cannot rename \(temporary) to it")
        throw invalidInputExitCode
    }
}

/// Runs shard `spec` of `analysis` of `file` (and `other`, scenario B of a comparison) and writes its state.
func runShard(
    _ analysis: Analyzer.ShardAnalysis, file: String, other: String? = nil, settings: SimulationSettings,
    spec: ShardSpec, path: String, quiet: Bool
) throws {
    func text(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            printError("\(path): cannot read the file")
            throw invalidInputExitCode
        }
        return text
    }
    let scenario = try text(file)
    let b = try other.map { (text: try text($0), file: $0) }
    let bar = ProgressBar(label: "shard \(spec)", quiet: quiet)
    let started = ContinuousClock.now
    let result = Result { () throws(AnalysisError) in
        try Analyzer.runShard(
            analysis, text: scenario, file: file, other: b, settings: settings, shard: spec,
            engineVersion: Headroom.configuration.version,
            control: RunControl(
                progress: { bar.update(AnalysisProgress(completedPaths: $0.completed, totalPaths: $0.total)) },
                shouldStop: { false }))
    }
    bar.finish()
    switch result {
    case .failure(let error):
        printError(error.description)
        throw invalidInputExitCode
    case .success(let state):
        let data = try ShardStateFile.encode(state)
        try writeAtomically(data, to: path)
        let seconds = (ContinuousClock.now - started).components.seconds
        if !quiet {
            printError(
                "shard \(spec): blocks \(state.header.blocks[0])..<\(state.header.blocks[1]), \(state.paths) of "
                    + "\(state.header.totalPaths) paths in \(seconds) s; wrote \(path) (\(data.count) bytes)")
        }
    }
}
