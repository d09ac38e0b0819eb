import ArgumentParser
import Foundation
import HeadroomAnalysis
import HeadroomCalibration
import HeadroomModel
import HeadroomReport

/// `headroom report FILE --out report.html`: the self-contained HTML report.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: headline, charts, deal structures, exposure, assumptions.",
        discussion: """
            Simulates the signed contracts and, when the scenario has a policy with a holder, the three deal \
            structures on common random numbers, then writes one HTML file (inline CSS and SVG, no network) that \
            opens from disk and prints.
            """
    )

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Write the report here.")
    var out: String = "report.html"

    @Flag(
        help: "Leave out the deal-structure comparison (it runs the policy under three structures on the same paths).")
    var noStructures = false

    @Option(
        help: ArgumentHelp(
            "Add a back-test section: these observed slips (CSV, as for `backtest`) against the scenario's delays.",
            valueName: "slips.csv"))
    var backtest: String?

    @Option(help: ArgumentHelp("With --backtest: the slips-to-units map (CSV).", valueName: "map.csv"))
    var slipsMap: String?

    @Option(help: "With --backtest: judge outcomes at this month (YYYY-MM; default: the current month).")
    var asOf: Month?

    @Option(
        help: ArgumentHelp(
            "With --backtest: also score leave-one-out, the delays a lognormal pooled across this column.",
            valueName: "column"))
    var backtestGroupBy: String?

    @Flag(
        help: ArgumentHelp(
            "Add an optimization section: which of the scenario's offers to sign (with the scenario's optimization "
                + "settings; the plan judged on the report's paths and seed)."))
    var optimize = false

    @Option(help: "With --optimize: in-sample paths of the optimization.")
    var optimizePaths = 200

    func validate() throws {
        if (backtest == nil) != (slipsMap == nil) {
            throw ValidationError("--backtest and --slips-map go together")
        }
        if backtest == nil && (asOf != nil || backtestGroupBy != nil) {
            throw ValidationError("--as-of and --backtest-group-by apply to --backtest only")
        }
    }

    /// The credits a report of `text` owes: Epoch AI's, when the scenario cites its data.
    static func attributions(scenarioText text: String) -> [String] {
        text.contains("Epoch AI") || text.contains("Epoch:")
            ? ["Data: Epoch AI, Frontier Data Centers (CC BY 4.0), © Epoch AI, as cited in the scenario file."] : []
    }

    /// The back-test section's report, when asked for: 20,000 paths (or fewer) on the simulation's seed.
    func backtestReport() throws -> BacktestReport? {
        guard let backtest, let slipsMap else { return nil }
        let inputs = try SlipInputs(
            slips: backtest, map: slipsMap, asOf: asOf ?? CalibrateCommand.currentMonth(), groupBy: backtestGroupBy)
        let result = Result { () throws(AnalysisError) in
            try Analyzer.backtest(
                .file(file), slips: inputs.table, map: inputs.map ?? SlipMap(units: [:]),
                paths: min(simulation.paths, 20_000), seed: simulation.seed,
                leaveOneOut: backtestGroupBy.map { .pooled(column: $0) })
        }
        switch result {
        case .success(let outcome): return BacktestReport(outcome)
        case .failure(let error):
            printError(error.description)
            throw invalidInputExitCode
        }
    }

    func run() async throws {
        let backtestSection = try backtestReport()
        let request = AnalysisRequest(
            scenario: .file(file), analysis: .report(simulation.settings(), includeStructures: !noStructures))
        let run = try await runAnalysis(request, label: "report", quiet: simulation.quiet)
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        guard
            var report = HTMLReport(
                run: run, version: Headroom.configuration.version, attributions: Self.attributions(scenarioText: text))
        else { return }
        report.backtest = backtestSection
        if optimize {
            let settings = OptimizeSettings(
                paths: optimizePaths, seed: simulation.seed, threads: simulation.threads,
                evaluationPaths: min(simulation.paths, 100_000), evaluationSeed: simulation.seed &+ 1_000_003,
                frontierMultipliers: [0.5, 0.75, 1, 1.5, 2, 3])
            let optimization = try await runAnalysis(
                AnalysisRequest(scenario: .file(file), analysis: .optimize(settings)), label: "optimize",
                quiet: simulation.quiet)
            report.optimization = OptimizationReport(run: optimization)
        }
        try emit(report.html(), to: out)
        if !simulation.quiet { printError("report: wrote \(out)\(run.isPartial ? " (partial)" : "")") }
        try finishInterrupted(run, label: "report")
    }
}
