import ArgumentParser
import HeadroomAnalysis
import HeadroomModel
import HeadroomReport

/// `headroom compare A B`: paired differences of two scenarios on common random numbers.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two scenarios on common random numbers and report the distribution of B − A.",
        discussion:
            "Entities with the same id in both files (phases, providers, regions, risks, workloads) see the same draws."
    )

    @Argument(help: "Scenario A (the baseline).")
    var a: String

    @Argument(help: "Scenario B (the alternative).")
    var b: String

    @OptionGroup var simulation: SimulationOptions

    @OptionGroup var earlyStop: EarlyStopOption

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var sharding: ShardOptions

    func validate() throws {
        if sharding.shard != nil && (earlyStop.untilSE != nil || out != nil) {
            throw ValidationError(
                "--shard writes its state to --state (no --until-se, no --out); `headroom merge` prints")
        }
    }

    func run() async throws {
        if let spec = try sharding.spec() {
            try runShard(
                .compare, file: a, other: b, settings: simulation.settings(), spec: spec,
                path: sharding.statePath(spec), quiet: simulation.quiet)
            return
        }
        let run = try await runAnalysis(
            AnalysisRequest(
                scenario: .file(a), analysis: .compare(other: .file(b), simulation.settings(untilSE: earlyStop.untilSE))
            ),
            label: "compare", quiet: simulation.quiet)
        guard let report = ComparisonReport(run: run) else { return }
        switch format {
        case .table: try emit(report.text(), to: out)
        case .csv: try emit(report.csv(), to: out)
        case .json: try emit(report.json().rendered() + "\n", to: out)
        }
        try finishInterrupted(run, label: "compare")
    }
}
