import ArgumentParser
import Foundation
import HeadroomAnalysis
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

    func run() async throws {
        let request = AnalysisRequest(
            scenario: .file(file), analysis: .report(simulation.settings(), includeStructures: !noStructures))
        let run = try await runAnalysis(request, label: "report", quiet: simulation.quiet)
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let attributions =
            text.contains("Epoch AI") || text.contains("Epoch:")
            ? ["Data: Epoch AI, Frontier Data Centers (CC BY 4.0), © Epoch AI, as cited in the scenario file."] : []
        guard let report = HTMLReport(run: run, version: Headroom.configuration.version, attributions: attributions)
        else { return }
        try emit(report.html(), to: out)
        if !simulation.quiet { printError("report: wrote \(out)\(run.isPartial ? " (partial)" : "")") }
        try finishInterrupted(run, label: "report")
    }
}
