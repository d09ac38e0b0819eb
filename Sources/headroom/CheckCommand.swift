import ArgumentParser
import HeadroomAnalysis
import HeadroomReport

/// `headroom check FILE…`: validates scenarios and prints a one-screen summary of each.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenario files and summarise them.",
        discussion: "Every problem is reported with file:line:column and field path; invalid input exits with status 2."
    )

    @Argument(help: "Scenario files (YAML or JSON).")
    var files: [String]

    @Option(help: "Output format: table or json.")
    var format: SummaryFormat = .table

    @Flag(help: "Only validate; print nothing on success.")
    var quiet = false

    func run() async throws {
        var failed = false
        for file in files {
            do {
                let run = try await runAnalysis(
                    AnalysisRequest(scenario: .file(file), analysis: .check), label: "check", quiet: true)
                guard !quiet else { continue }
                let summary = ScenarioSummary(facts: run.facts)
                switch format {
                case .json: try emit(summary.json().rendered() + "\n", to: nil)
                case .table: try emit("\(file): ok\n" + summary.text() + "\n", to: nil)
                }
            } catch let exit as ExitCode where exit == invalidInputExitCode {
                failed = true
            }
        }
        if failed { throw invalidInputExitCode }
    }
}

/// `check --format`: the summary has no CSV form.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
