import ArgumentParser

/// The `headroom` command: plans AI compute capacity under uncertainty.
@main
struct Headroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headroom",
        abstract: "Plan AI compute capacity under uncertainty.",
        discussion: """
            Describe providers, campuses, contracts, demand and risks in a scenario file (YAML or JSON), then check \
            it, project it month by month, simulate it with correlated Monte Carlo, compare deal structures \
            (exclusive, right of first refusal, open market), and write a self-contained HTML report.
            """,
        version: "0.4.0",
        subcommands: [
            CheckCommand.self, ProjectCommand.self, SimulateCommand.self, CompareCommand.self, StructuresCommand.self,
            ReportCommand.self, SweepCommand.self, MergeCommand.self, OptimizeCommand.self, CalibrateCommand.self,
            BacktestCommand.self, ImportCommand.self,
            SchemaCommand.self, ServeCommand.self, KeysCommand.self,
        ]
    )
}
