import ArgumentParser
import Foundation
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

    @OptionGroup var earlyStop: EarlyStopOption

    @Option(
        help:
            "Run the policy's procurement under this deal structure (rofr, exclusive or open); default: signed contracts only."
    )
    var structure: Policy.Structure?

    @Option(help: "How many drivers (tornado rows) to report.")
    var top = 10

    @Option(
        help: ArgumentHelp(
            "Statistic families to compute, comma-separated: all, reference (what the reference Monte Carlo computes), or any of \(StatisticFamily.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "families"))
    var statistics: FamilyList = FamilyList(families: Set(StatisticFamily.allCases), preset: .all)

    @Option(
        name: .customLong("monthly"),
        help: ArgumentHelp(
            "With the monthly family: the metrics kept per month, comma-separated (\(MonthlyMetric.allCases.map(\.rawValue).joined(separator: ", "))).",
            valueName: "metrics"))
    var monthlyMetrics: MetricList?

    @Option(
        name: .customLong("quantiles-of"),
        help: ArgumentHelp(
            "With the monthly family: the metrics whose quantiles are kept (default: every monthly metric).",
            valueName: "metrics"))
    var quantileMetrics: MetricList?

    @OptionGroup var output: SimulationOutputOptions

    @OptionGroup var sharding: ShardOptions

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0") }
        if sharding.shard != nil && earlyStop.untilSE != nil {
            throw ValidationError("--until-se does not apply to --shard: every shard runs its whole share")
        }
        if sharding.shard != nil && output.out != nil {
            throw ValidationError("--shard writes its state to --state; `headroom merge` writes the output")
        }
    }

    /// The statistics asked for: a preset, or families with the monthly metrics and quantiles named.
    var selection: StatisticsSelection {
        if statistics.preset == .reference, monthlyMetrics == nil, quantileMetrics == nil { return .reference }
        let monthly = monthlyMetrics?.metrics ?? Set(MonthlyMetric.allCases)
        return StatisticsSelection(
            families: statistics.families, monthlyMetrics: monthly, quantileMetrics: quantileMetrics?.metrics ?? monthly
        )
    }

    func run() async throws {
        var settings = simulation.settings(untilSE: earlyStop.untilSE)
        settings.topDrivers = top
        settings.structure = structure
        settings.statistics = selection
        if let spec = try sharding.spec() {
            try runShard(
                .simulate, file: file, settings: settings, spec: spec, path: sharding.statePath(spec),
                quiet: simulation.quiet)
            return
        }
        let run = try await runAnalysis(
            AnalysisRequest(scenario: .file(file), analysis: .simulate(settings)), label: "simulate",
            quiet: simulation.quiet)
        guard case .simulation(let result) = run.outcome else { return }
        try emit(output.render(result, origin: run.facts.scenario.start, seconds: run.seconds), to: output.out)
        try finishInterrupted(run, label: "simulate")
    }
}

/// `--statistics`: `all`, `reference`, or comma-separated statistic families.
struct FamilyList: ExpressibleByArgument {
    enum Preset { case all, reference, custom }
    var families: Set<StatisticFamily>
    var preset: Preset

    init(families: Set<StatisticFamily>, preset: Preset) {
        self.families = families
        self.preset = preset
    }

    init?(argument: String) {
        switch argument {
        case "all": self.init(families: Set(StatisticFamily.allCases), preset: .all)
        case "reference": self.init(families: StatisticsSelection.reference.families, preset: .reference)
        default:
            let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let families = names.compactMap(StatisticFamily.init(rawValue:))
            guard !names.isEmpty, families.count == names.count else { return nil }
            self.init(families: Set(families), preset: .custom)
        }
    }

    var defaultValueDescription: String { "all" }
}

/// `--monthly` and `--quantiles-of`: comma-separated monthly metrics.
struct MetricList: ExpressibleByArgument {
    var metrics: Set<MonthlyMetric>

    init?(argument: String) {
        let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let metrics = names.compactMap(MonthlyMetric.init(rawValue:))
        guard !names.isEmpty, metrics.count == names.count else { return nil }
        self.metrics = Set(metrics)
    }
}
