import ArgumentParser
import HeadroomAnalysis
import HeadroomModel
import HeadroomReport

/// `headroom structures FILE`: the policy's procurement under every deal structure, on common random numbers.
struct StructuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "structures",
        abstract: "Run the policy's procurement under rofr, exclusive and open on the same paths and compare them.",
        discussion: """
            Each review the buyer forecasts demand from what it has observed, requests the gap to what it expects \
            online, and offers it under each deal structure (see docs/scenario-format.md, policy). All structures \
            share every random draw, so their differences are the structures' alone.
            """
    )

    @Argument(help: "Scenario file (YAML or JSON) with a policy.")
    var file: String

    @OptionGroup var simulation: SimulationOptions

    @Option(
        help:
            "Sum spend by provider through this month (default: the end of the first all-provider budget cap, else the horizon)."
    )
    var through: Month?

    @Flag(help: "Skip the paired differences against rofr (computed in the same pass over the paths).")
    var noPaired = false

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var sharding: ShardOptions

    func run() async throws {
        if let spec = try sharding.spec() {
            guard out == nil else {
                throw ValidationError("--shard writes its state to --state; `headroom merge` prints")
            }
            try runShard(
                noPaired ? .structuresUnpaired : .structures, file: file, settings: simulation.settings(), spec: spec,
                path: sharding.statePath(spec), quiet: simulation.quiet)
            return
        }
        let request = AnalysisRequest(
            scenario: .file(file),
            analysis: .structures(simulation.settings(), pairedAgainstRightOfFirstRefusal: !noPaired))
        let run = try await runAnalysis(request, label: "structures", quiet: simulation.quiet)
        guard let report = StructuresReport(run: run, through: through) else { return }
        switch format {
        case .table: try emit(report.text(), to: out)
        case .json: try emit(report.json().rendered() + "\n", to: out)
        case .csv: try emit(report.csv(), to: out)
        }
        try finishInterrupted(run, label: "structures")
    }
}
