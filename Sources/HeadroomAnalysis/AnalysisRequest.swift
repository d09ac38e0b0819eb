import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// A scenario to analyse: a scenario file, its text (YAML or JSON), or a scenario value.
public enum ScenarioInput: Sendable, Hashable {
    /// A scenario file on disk, read when the analysis runs; its path names it in diagnostics.
    case file(String)
    /// A scenario file's text; `file` names it in diagnostics (`file:line:column`).
    case text(String, file: String)
    /// A scenario already built in code.
    case value(Scenario)
}

/// What to run on a scenario: one of the analyses every front end (CLI, service, optimizer, shards) offers.
public enum Analysis: Sendable, Hashable, Codable {
    /// Validation and the summary `check` prints (counts, planned capacity, prices, offers).
    case check
    /// The deterministic plan of record with every distribution at its median or mode.
    case project(ProjectionSettings)
    /// A Monte Carlo run of the signed contracts, or of one deal structure's dynamic procurement.
    case simulate(SimulationSettings)
    /// Paired differences of another scenario (B) against this one (A) on common random numbers.
    case compare(other: ScenarioInput, SimulationSettings)
    /// The policy's procurement under every deal structure in one pass on common random numbers.
    case structures(SimulationSettings, pairedAgainstRightOfFirstRefusal: Bool)
    /// What the HTML report shows: the signed contracts and, when the policy can run them, every deal structure, in
    /// one pass on common random numbers.
    case report(SimulationSettings, includeStructures: Bool)
    /// Which offers to sign: the stochastic program over the scenario's `offers`, its out-of-sample evaluation,
    /// the plan without caps and a frontier.
    case optimize(OptimizeSettings)
}

/// Settings of a deterministic projection.
public struct ProjectionSettings: Sendable, Hashable, Codable {
    /// The central value of every distribution.
    public var basis: DeterministicBasis
    /// Run the policy's procurement under this structure on the central path; `nil`: signed contracts only.
    public var structure: Policy.Structure?

    /// Creates settings.
    public init(basis: DeterministicBasis = .median, structure: Policy.Structure? = nil) {
        self.basis = basis
        self.structure = structure
    }
}

/// Settings of a Monte Carlo analysis.
public struct SimulationSettings: Sendable, Hashable, Codable {
    /// Paths to simulate (the most, with `untilStandardError`).
    public var paths: Int
    /// The seed: the same seed gives bit-identical results at any thread count.
    public var seed: UInt64
    /// Worker threads; `nil` uses every core.
    public var threads: Int?
    /// Quantile levels per month, in (0, 1).
    public var quantileLevels: [Double]
    /// Stop once every headline standard error (of every paired difference, for comparisons) is below this.
    public var untilStandardError: Double?
    /// How many drivers (tornado rows) to report.
    public var topDrivers: Int
    /// For `simulate`: run the policy's procurement under this structure; `nil`: signed contracts only.
    public var structure: Policy.Structure?
    /// For `simulate`: the statistic families to compute (every one by default).
    ///
    /// Comparisons, structures and reports always compute what they show.
    public var statistics: StatisticsSelection

    /// Creates settings.
    public init(
        paths: Int = 100_000, seed: UInt64 = 1, threads: Int? = nil, quantileLevels: [Double] = [0.1, 0.5, 0.9],
        untilStandardError: Double? = nil, topDrivers: Int = 10, structure: Policy.Structure? = nil,
        statistics: StatisticsSelection = .all
    ) {
        self.statistics = statistics
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.quantileLevels = quantileLevels
        self.untilStandardError = untilStandardError
        self.topDrivers = topDrivers
        self.structure = structure
    }

    /// Problems with these settings, each naming the setting (empty when they can run).
    public var problems: [String] {
        var problems: [String] = []
        if !(1...MonteCarloOptions.maximumPaths).contains(paths) {
            problems.append("paths: must be between 1 and \(MonteCarloOptions.maximumPaths), got \(paths)")
        }
        if let threads, !(1...1024).contains(threads) {
            problems.append("threads: must be between 1 and 1024, got \(threads)")
        }
        if quantileLevels.isEmpty || !quantileLevels.allSatisfy({ $0 > 0 && $0 < 1 }) {
            problems.append("quantile_levels: every level must be in (0, 1)")
        }
        if let tolerance = untilStandardError, !(tolerance > 0 && tolerance.isFinite) {
            problems.append("until_standard_error: must be a positive number")
        }
        if topDrivers < 0 { problems.append("top_drivers: must be ≥ 0, got \(topDrivers)") }
        return problems
    }

    /// The engine's options for `cores` available cores.
    func engineOptions(cores: Int) -> MonteCarloOptions {
        MonteCarloOptions(
            paths: paths, seed: seed, threads: threads ?? max(1, cores), quantileLevels: quantileLevels.sorted(),
            untilStandardError: untilStandardError, topDrivers: topDrivers)
    }
}

/// One request to the analysis layer: a scenario and the analysis to run on it.
public struct AnalysisRequest: Sendable, Hashable, Codable {
    /// The scenario (scenario A of a comparison).
    public var scenario: ScenarioInput
    /// What to run.
    public var analysis: Analysis

    /// Creates a request.
    public init(scenario: ScenarioInput, analysis: Analysis) {
        self.scenario = scenario
        self.analysis = analysis
    }
}
