import ArgumentParser
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomReport

/// `headroom simulate FILE`: correlated Monte Carlo of delivery, demand and spend.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the scenario by Monte Carlo: shortfall risk, spend, phase dates, budget risk, drivers."
    )

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @OptionGroup var simulation: SimulationOptions

    @Option(help: "Run the policy's procurement under this deal structure (rofr, exclusive or open); default: signed contracts only.")
    var structure: Policy.Structure?

    @Option(help: "How many drivers (tornado rows) to report.")
    var top = 10

    @Option(help: "Group the monthly table by month, quarter or year.")
    var by: Period = .year

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0") }
    }

    func run() async throws {
        var settings = simulation.settings
        settings.topDrivers = top
        settings.structure = structure
        let run = try await runAnalysis(
            AnalysisRequest(scenario: .file(file), analysis: .simulate(settings)), label: "simulate",
            quiet: simulation.quiet)
        guard case .simulation(let result) = run.outcome else { return }
        let report = SimulationReport(result: result, period: by, seconds: run.seconds)
        switch format {
        case .table: try emit(report.text(origin: run.facts.scenario.start), to: out)
        case .json: try emit(report.json().rendered() + "\n", to: out)
        case .csv: try emit(report.csv(), to: out)
        }
        try finishInterrupted(run, label: "simulate")
    }
}
