import ArgumentParser
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import HeadroomReport

/// `headroom project FILE`: the deterministic month-by-month plan of record.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract:
            "Project capacity, demand, shortfall and spend month by month with every distribution at its median (or mode)."
    )

    @Argument(help: "Scenario file (YAML or JSON).")
    var file: String

    @Option(help: "First month shown (YYYY-MM).")
    var from: Month?

    @Option(help: "Last month shown (YYYY-MM).")
    var to: Month?

    @Option(help: "Group rows by month, quarter or year.")
    var by: Period = .month

    @Option(help: "Central value of every distribution: median or mode.")
    var basis: DeterministicBasis = .median

    @Option(
        help:
            "Run the policy's procurement under this deal structure (rofr, exclusive or open) on the central path; default: signed contracts only."
    )
    var structure: Policy.Structure?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }

    func run() async throws {
        let request = AnalysisRequest(
            scenario: .file(file), analysis: .project(ProjectionSettings(basis: basis, structure: structure)))
        let run = try await runAnalysis(request, label: "project", quiet: true)
        guard case .projection(let projection) = run.outcome else { return }
        let report = ProjectionReport(projection: projection, period: by, from: from, to: to)
        switch format {
        case .table: try emit(report.text(), to: out)
        case .json: try emit(report.json().rendered() + "\n", to: out)
        case .csv: try emit(report.csv(), to: out)
        }
    }
}

extension Period: ExpressibleByArgument {}
extension DeterministicBasis: ExpressibleByArgument {}
