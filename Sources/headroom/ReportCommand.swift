import ArgumentParser
import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomReport

/// `headroom report FILE --out report.html`: the self-contained HTML report.
struct ReportCommand: ParsableCommand {
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

    @Flag(help: "Leave out the deal-structure comparison (it runs the policy three times more).")
    var noStructures = false

    func validate() throws {
        if simulation.untilSE != nil {
            throw ValidationError("--until-se is not available for report: every run must cover the same paths")
        }
    }

    func run() throws {
        let scenario = try loadScenario(file)
        let model = try compileModel(scenario, path: file)
        var options = simulation.engineOptions
        // The charts draw P10–P90 bands and P50 lines whatever other levels are asked for.
        options.quantileLevels = Array(Set(options.quantileLevels + [0.1, 0.5, 0.9])).sorted()
        let structures = Policy.Structure.allCases
        let holderReady = scenario.policy.map { $0.resolvedHolder(in: scenario) != nil } ?? false
        let dynamic = !noStructures && holderReady
        let runCount = dynamic ? 1 + structures.count : 1
        let bar = ProgressBar(label: "report", quiet: simulation.quiet)
        func progress(_ k: Int) -> (MonteCarloProgress) -> Void {
            { bar.update(MonteCarloProgress(completed: k * $0.total + $0.completed, total: runCount * $0.total)) }
        }
        let result = model.simulate(options, progress: progress(0))
        var structuresReport: StructuresReport?
        if dynamic, let policy = scenario.policy {
            var runs: [(structure: Policy.Structure, result: MonteCarloResult)] = []
            for (k, structure) in structures.enumerated() {
                let dynamicModel = try compileModel(scenario, path: file, structure: structure)
                runs.append((structure, dynamicModel.simulate(options, progress: progress(k + 1))))
            }
            let through = scenario.budget.caps.first { $0.providers == nil }?.through
            structuresReport = StructuresReport(runs: runs, holder: policy.resolvedHolder(in: scenario), through: through)
        }
        bar.finish()
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let attributions = text.contains("Epoch AI") || text.contains("Epoch:")
            ? ["Data: Epoch AI, Frontier Data Centers (CC BY 4.0), © Epoch AI, as cited in the scenario file."] : []
        let report = HTMLReport(
            result: result, model: model, structures: structuresReport, version: Headroom.configuration.version,
            attributions: attributions)
        try emit(report.html(), to: out)
        if !simulation.quiet { printError("report: wrote \(out)") }
    }
}
