import ArgumentParser
import Foundation
import HeadroomEngine
import HeadroomModel
import HeadroomReport

/// `headroom simulate FILE`: correlated Monte Carlo of delivery, demand and spend.
struct SimulateCommand: ParsableCommand {
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

    func run() throws {
        let model = try loadModel(file, structure: structure)
        let bar = ProgressBar(label: "simulate", quiet: simulation.quiet)
        let started = DispatchTime.now()
        var options = simulation.engineOptions
        options.topDrivers = top
        let result = model.simulate(options) { bar.update($0) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        bar.finish()
        let report = SimulationReport(result: result, period: by, seconds: seconds)
        switch format {
        case .table: try emit(report.text(origin: model.scenario.start), to: out)
        case .json: try emit(report.json().rendered() + "\n", to: out)
        case .csv: try emit(report.csv(), to: out)
        }
    }
}
