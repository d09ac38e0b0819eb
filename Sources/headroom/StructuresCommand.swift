import ArgumentParser
import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomReport

/// `headroom structures FILE`: the policy's procurement under every deal structure, on common random numbers.
struct StructuresCommand: ParsableCommand {
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

    @Option(help: "Sum spend by provider through this month (default: the end of the first all-provider budget cap, else the horizon).")
    var through: Month?

    @Flag(help: "Skip the paired differences against rofr (they run each other structure with rofr once more).")
    var noPaired = false

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if simulation.untilSE != nil {
            throw ValidationError("--until-se is not available for structures: every structure must run the same paths")
        }
    }

    func run() throws {
        let scenario = try loadScenario(file)
        guard let policy = scenario.policy else {
            printError("\(file): error: policy: structures needs a policy (see docs/scenario-format.md, policy)")
            throw invalidInputExitCode
        }
        let structures = Policy.Structure.allCases
        let models = try structures.map { try compileModel(scenario, path: file, structure: $0) }
        let bar = ProgressBar(label: "structures", quiet: simulation.quiet)
        var runs: [(structure: Policy.Structure, result: MonteCarloResult)] = []
        for (k, model) in models.enumerated() {
            let result = model.simulate(simulation.engineOptions) { progress in
                bar.update(MonteCarloProgress(
                    completed: k * progress.total + progress.completed,
                    total: (noPaired ? structures.count : 2 * structures.count - 1) * progress.total))
            }
            runs.append((structures[k], result))
        }
        var paired: [(structure: Policy.Structure, comparison: HeadroomEngine.ComparisonResult)] = []
        if !noPaired, let base = models.first {
            for (k, model) in models.enumerated().dropFirst() {
                let comparison = base.compare(with: model, options: simulation.engineOptions) { progress in
                    bar.update(MonteCarloProgress(
                        completed: (structures.count + k - 1) * progress.total + progress.completed,
                        total: (2 * structures.count - 1) * progress.total))
                }
                paired.append((structures[k], comparison))
            }
        }
        bar.finish()
        let defaultThrough = scenario.budget.caps.first { $0.providers == nil }?.through
        let report = StructuresReport(
            runs: runs, holder: policy.resolvedHolder(in: scenario), through: through ?? defaultThrough, paired: paired)
        switch format {
        case .table: try emit(report.text(), to: out)
        case .json: try emit(report.json().rendered() + "\n", to: out)
        case .csv: try emit(report.csv(), to: out)
        }
    }
}
