import HeadroomEngine
import HeadroomModel

/// What an analysis produced: the facts about the scenario a report needs, the outcome, and how much of the
/// requested work was done.
public struct AnalysisRun: Sendable, Hashable, Codable {
    /// The scenario analysed (scenario A of a comparison), keyed by ids.
    public var facts: ScenarioFacts
    /// The analysis' result.
    public var outcome: AnalysisOutcome
    /// Paths requested and completed, and why the run ended (`nil` for check and project).
    public var completion: RunCompletion?
    /// Wall-clock seconds the analysis took.
    public var seconds: Double

    /// Creates a run.
    public init(facts: ScenarioFacts, outcome: AnalysisOutcome, completion: RunCompletion?, seconds: Double) {
        self.facts = facts
        self.outcome = outcome
        self.completion = completion
        self.seconds = seconds
    }

    /// Whether the run was stopped before its requested paths (its figures cover the completed paths only).
    public var isPartial: Bool { completion?.ending == .stopped }
}

/// How much of a Monte Carlo analysis was done.
public struct RunCompletion: Sendable, Hashable, Codable {
    /// Paths requested.
    public var requestedPaths: Int
    /// Paths simulated (every variant of the run simulated exactly these).
    public var completedPaths: Int
    /// Why the run ended.
    public var ending: RunEnding

    /// Creates a completion record.
    public init(requestedPaths: Int, completedPaths: Int, ending: RunEnding) {
        self.requestedPaths = requestedPaths
        self.completedPaths = completedPaths
        self.ending = ending
    }
}

/// The result of each kind of analysis.
public enum AnalysisOutcome: Sendable, Hashable, Codable {
    /// The scenario is valid; its summary is the run's facts.
    case check
    /// The deterministic plan of record.
    case projection(Projection)
    /// A Monte Carlo run.
    case simulation(MonteCarloResult)
    /// Paired differences B − A, with the facts of scenario B.
    case comparison(ComparisonResult, other: ScenarioFacts)
    /// Every deal structure on common random numbers.
    case structures(StructuresOutcome)
    /// The signed contracts and, when they can run, the deal structures.
    case report(ReportOutcome)
    /// The recommended plan, its evaluation, the uncapped plan and the frontier.
    case optimization(OptimizationOutcome)
}

/// One deal structure's dynamic run.
public struct StructureRun: Sendable, Hashable, Codable {
    /// The structure.
    public var structure: Policy.Structure
    /// Its statistics.
    public var result: MonteCarloResult

    /// Creates a structure's run.
    public init(structure: Policy.Structure, result: MonteCarloResult) {
        self.structure = structure
        self.result = result
    }
}

/// A structure's paired differences against the baseline structure (right of first refusal).
public struct StructureComparison: Sendable, Hashable, Codable {
    /// The structure compared with the baseline.
    public var structure: Policy.Structure
    /// Its paired differences (this structure − baseline).
    public var comparison: ComparisonResult

    /// Creates a structure comparison.
    public init(structure: Policy.Structure, comparison: ComparisonResult) {
        self.structure = structure
        self.comparison = comparison
    }
}

/// Every deal structure's run on the same paths, and the paired differences against the baseline.
public struct StructuresOutcome: Sendable, Hashable, Codable {
    /// Each structure's run, in ``Policy/Structure/allCases`` order.
    public var runs: [StructureRun]
    /// Each other structure's paired differences against the first run's structure.
    public var paired: [StructureComparison]

    /// Creates the outcome.
    public init(runs: [StructureRun], paired: [StructureComparison]) {
        self.runs = runs
        self.paired = paired
    }
}

/// What the HTML report shows.
public struct ReportOutcome: Sendable, Hashable, Codable {
    /// The signed contracts' Monte Carlo run.
    public var simulation: MonteCarloResult
    /// The deal structures on the same paths (`nil` when left out or when the policy cannot run them).
    public var structures: StructuresOutcome?

    /// Creates the outcome.
    public init(simulation: MonteCarloResult, structures: StructuresOutcome?) {
        self.simulation = simulation
        self.structures = structures
    }
}

/// Progress of an analysis: paths completed out of the most it will run (every variant runs each path).
public struct AnalysisProgress: Sendable, Hashable, Codable {
    /// Paths completed.
    public var completedPaths: Int
    /// Paths the run does at most.
    public var totalPaths: Int
    /// For runs that progress by steps rather than paths (an optimization's iterations): what the step reached,
    /// such as `iteration 4 (milp): bound 1.21e12, best 1.23e12, gap 1.6%`.
    public var stage: String?

    /// Creates a progress report.
    public init(completedPaths: Int, totalPaths: Int, stage: String? = nil) {
        self.completedPaths = completedPaths
        self.totalPaths = totalPaths
        self.stage = stage
    }

    /// The share done, in [0, 1].
    public var fraction: Double { totalPaths > 0 ? Double(completedPaths) / Double(totalPaths) : 1 }
}
