import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomReport
import HeadroomScenario

/// `headroom sweep FILE SWEEP.yaml`: variants of a scenario on common random numbers, against the base.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run variants of a scenario (a grid or a Latin hypercube of perturbations) against it, paired.",
        discussion: """
            SWEEP.yaml names the inputs to vary by field path (campuses[provider=oracle].phases[*].delay_months), \
            an operation (set, scale or add) and values (a grid) or a range (design: latin_hypercube, samples). \
            Every variant and the base run in one pass over the same paths, so each variant's difference from the \
            base has a paired standard error. Prints each variant's unserved MW-months, P(any shortfall) and total \
            spend with its paired difference; --chart writes the differences against each input as SVG.
            """
    )

    @Argument(help: "The base scenario (YAML).")
    var file: String

    @Argument(help: "The sweep (YAML: design, parameters).")
    var sweep: String

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: ArgumentHelp("Also write the paired differences against each input as SVG.", valueName: "file.svg"))
    var chart: String?

    @Option(
        help: ArgumentHelp(
            "Write a Slurm job array (each task one variant's pair with the base on one shard) and its afterok merge into this directory, instead of running.",
            valueName: "dir"))
    var slurm: String?

    @Option(help: "With --slurm: shards per variant.")
    var shards = 4

    @Option(
        help: ArgumentHelp(
            "Print the sweep from the states a --slurm array wrote there (the same output as a local run).",
            valueName: "dir"))
    var fromStates: String?

    func validate() throws {
        guard shards >= 1, shards <= 10_000 else { throw ValidationError("--shards must be between 1 and 10,000") }
        if slurm != nil && fromStates != nil {
            throw ValidationError("--slurm and --from-states are two steps; give one")
        }
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            printError("\(file): cannot read the file")
            throw invalidInputExitCode
        }
        guard let sweepText = try? String(contentsOfFile: sweep, encoding: .utf8) else {
            printError("\(sweep): cannot read the file")
            throw invalidInputExitCode
        }
        let spec: SweepSpec
        do throws(SweepError) {
            spec = try SweepSpec.parse(sweepText, file: sweep)
        } catch {
            printError(error.description)
            throw invalidInputExitCode
        }
        if let slurm {
            try writeSlurm(text: text, spec: spec, directory: slurm)
            return
        }
        if let fromStates {
            try emitReport(SweepReport(try merged(text: text, spec: spec, directory: fromStates)))
            return
        }
        let bar = ProgressBar(label: "sweep", quiet: simulation.quiet)
        let result = Result { () throws(AnalysisError) in
            try Analyzer.sweep(
                text: text, file: file, spec: spec, settings: simulation.settings(),
                control: RunControl(
                    progress: { bar.update(AnalysisProgress(completedPaths: $0.completed, totalPaths: $0.total)) },
                    shouldStop: { false }))
        }
        bar.finish()
        guard case .success(let outcome) = result else {
            if case .failure(let error) = result { printError(error.description) }
            throw invalidInputExitCode
        }
        try emitReport(SweepReport(outcome))
    }

    /// Prints `report` as asked, and its chart.
    private func emitReport(_ report: SweepReport) throws {
        switch format {
        case .table: try emit(report.text(), to: out)
        case .json: try emit(report.json().rendered() + "\n", to: out)
        case .csv: try emit(report.csv(), to: out)
        }
        if let chart { try emit(report.svg(), to: chart) }
    }
}
