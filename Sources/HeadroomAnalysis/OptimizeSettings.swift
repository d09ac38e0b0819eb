import HeadroomModel
import HeadroomOptimize

/// What an `optimize` request asks, as a front end sends it (Codable; ids as strings).
///
/// Unset fields fall back to the scenario's `optimization:` section, then to the optimizer's defaults.
public struct OptimizeSettings: Sendable, Hashable, Codable {
    /// In-sample paths S.
    public var paths: Int
    /// The in-sample seed.
    public var seed: UInt64
    /// Worker threads (all cores when `nil`).
    public var threads: Int?
    /// One penalty for every workload, USD per unserved MW-month.
    public var penalty: Double?
    /// Penalties per workload id.
    public var penalties: [String: Double]?
    /// `λ · CVaR_α` of cost in the objective.
    public var cvarAlpha: Double?
    /// λ of the CVaR term.
    public var cvarLambda: Double?
    /// Caps to keep: `ID` (expected spend) or `ID:cvar0.9`; `nil` means the scenario's.
    public var caps: [String]?
    /// One share limit for every provider.
    public var maxShare: Double?
    /// Share limits per provider id.
    public var maxShares: [String: Double]?
    /// Relative gap to stop at.
    public var gap: Double
    /// Time limit, seconds.
    public var timeLimit: Double?
    /// `auto`, `extensive` or `benders`.
    public var method: OptimizeOptions.Method
    /// `auto`, `single` or `multi`.
    public var cuts: OptimizeOptions.Cuts
    /// Fresh paths of the out-of-sample evaluation (0: none).
    public var evaluationPaths: Int
    /// Their seed.
    public var evaluationSeed: UInt64
    /// Mak–Morton–Wood replications (0: none).
    public var replications: Int
    /// In-sample paths of the EVPI estimate (0: none).
    public var perfectInformationPaths: Int
    /// Whether to price binding caps and share limits by re-solving.
    public var marginalValues: Bool
    /// Whether to solve again without the caps (what serving demand would cost unconstrained).
    public var uncapped: Bool
    /// A frontier: re-solve for each of these penalties (USD per MW-month, every workload).
    public var frontierPenalties: [Double]
    /// A frontier by scaling: re-solve with every workload's penalty times each of these factors.
    public var frontierMultipliers: [Double]
    /// Whether to solve for the demand goal: no caps and every penalty × ``goalPenaltyMultiplier``, so that every
    /// MW-month an offer can deliver is bought (what meeting demand would cost).
    public var goal: Bool
    /// The goal's penalty multiplier.
    public static let goalPenaltyMultiplier = 10.0

    /// Creates settings.
    public init(
        paths: Int = 200, seed: UInt64 = 1, threads: Int? = nil, penalty: Double? = nil,
        penalties: [String: Double]? = nil,
        cvarAlpha: Double? = nil, cvarLambda: Double? = nil, caps: [String]? = nil, maxShare: Double? = nil,
        maxShares: [String: Double]? = nil, gap: Double = 1e-3, timeLimit: Double? = nil,
        method: OptimizeOptions.Method = .automatic, cuts: OptimizeOptions.Cuts = .automatic,
        evaluationPaths: Int = 100_000, evaluationSeed: UInt64 = 1_000_003, replications: Int = 0,
        perfectInformationPaths: Int = 0, marginalValues: Bool = true, uncapped: Bool = true,
        frontierPenalties: [Double] = [], frontierMultipliers: [Double] = [], goal: Bool = true
    ) {
        self.goal = goal
        self.frontierMultipliers = frontierMultipliers
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.penalty = penalty
        self.penalties = penalties
        self.cvarAlpha = cvarAlpha
        self.cvarLambda = cvarLambda
        self.caps = caps
        self.maxShare = maxShare
        self.maxShares = maxShares
        self.gap = gap
        self.timeLimit = timeLimit
        self.method = method
        self.cuts = cuts
        self.evaluationPaths = evaluationPaths
        self.evaluationSeed = evaluationSeed
        self.replications = replications
        self.perfectInformationPaths = perfectInformationPaths
        self.marginalValues = marginalValues
        self.uncapped = uncapped
        self.frontierPenalties = frontierPenalties
    }

    /// Problems with the settings, each `field: what is wrong`.
    public var problems: [String] {
        var problems: [String] = []
        if !(1...1_000_000).contains(paths) { problems.append("paths: must be in 1...1000000, got \(paths)") }
        if let threads, !(1...1024).contains(threads) { problems.append("threads: must be in 1...1024") }
        if let penalty, !(penalty > 0 && penalty.isFinite) { problems.append("penalty: must be a number > 0") }
        if (cvarAlpha == nil) != (cvarLambda == nil) { problems.append("cvar: give both α and λ") }
        if let alpha = cvarAlpha, !(alpha > 0 && alpha < 1) { problems.append("cvar: α must be in (0, 1)") }
        if let lambda = cvarLambda, !(lambda >= 0 && lambda.isFinite) { problems.append("cvar: λ must be ≥ 0") }
        if !(gap >= 0 && gap < 1) { problems.append("gap: must be in [0, 1)") }
        if let limit = timeLimit, !(limit > 0 && limit.isFinite) { problems.append("time_limit: must be > 0 s") }
        if evaluationPaths < 0 || evaluationPaths > 100_000_000 { problems.append("evaluation_paths: 0...1e8") }
        if replications == 1 || replications < 0 || replications > 100 {
            problems.append("replications: 0 (none) or 2...100, got \(replications)")
        }
        if perfectInformationPaths < 0 { problems.append("perfect_information_paths: must be ≥ 0") }
        if let share = maxShare, !(share > 0 && share <= 1) { problems.append("max_share: must be in (0, 1]") }
        for penalty in frontierPenalties + frontierMultipliers where !(penalty > 0 && penalty.isFinite) {
            problems.append("frontier: every penalty and multiplier must be a number > 0")
        }
        for cap in caps ?? [] where (try? Self.capConstraint(cap)) == nil {
            problems.append("caps: '\(cap)' is not ID or ID:cvarALPHA (such as servers:cvar0.9)")
        }
        return problems
    }

    /// Parses `ID` or `ID:cvar0.9` / `ID:expected`.
    static func capConstraint(_ text: String) throws -> CapConstraint {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let id = parts.first, !id.isEmpty else { throw SettingsError() }
        guard parts.count == 2 else { return CapConstraint(cap: BudgetCapID(id)) }
        if parts[1] == "expected" { return CapConstraint(cap: BudgetCapID(id)) }
        guard parts[1].hasPrefix("cvar"), let alpha = Double(parts[1].dropFirst(4)), alpha > 0, alpha < 1 else {
            throw SettingsError()
        }
        return CapConstraint(cap: BudgetCapID(id), measure: .cvar(alpha))
    }

    private struct SettingsError: Error {}

    /// The optimizer's options (settings already checked).
    func options(cores: Int) -> OptimizeOptions {
        OptimizeOptions(
            paths: paths, seed: seed,
            penaltyUSDPerMWMonth: penalties.map { Dictionary(uniqueKeysWithValues: $0.map { (WorkloadID($0), $1) }) },
            uniformPenaltyUSDPerMWMonth: penalty,
            costCVaR: cvarAlpha.flatMap { a in cvarLambda.map { .init(alpha: a, lambda: $0) } },
            caps: caps.map { $0.compactMap { try? Self.capConstraint($0) } },
            maximumProviderShare: maxShares.map {
                Dictionary(uniqueKeysWithValues: $0.map { (ProviderID($0), $1) })
            }, uniformMaximumProviderShare: maxShare, relativeGap: gap, timeLimitSeconds: timeLimit, method: method,
            cuts: cuts, threads: threads ?? max(1, cores))
    }
}

/// What an `optimize` run returns: the plan, its out-of-sample evaluation, the uncapped plan and the frontier.
public struct OptimizationOutcome: Sendable, Hashable, Codable {
    /// The recommended plan.
    public var plan: OptimizationResult
    /// The plan judged on fresh paths, if asked for.
    public var evaluation: PlanEvaluation?
    /// The plan without the budget caps, when a kept cap binds.
    public var uncapped: OptimizationResult?
    /// The demand goal: no caps, penalties × ``OptimizeSettings/goalPenaltyMultiplier`` (what serving demand as
    /// far as the offers can would cost).
    public var goal: OptimizationResult?
    /// Cost against unserved demand, one point per frontier penalty.
    public var frontier: [FrontierPoint]

    /// Creates the outcome.
    public init(
        plan: OptimizationResult, evaluation: PlanEvaluation?, uncapped: OptimizationResult?,
        goal: OptimizationResult? = nil, frontier: [FrontierPoint]
    ) {
        self.goal = goal
        self.plan = plan
        self.evaluation = evaluation
        self.uncapped = uncapped
        self.frontier = frontier
    }
}

/// One point of the cost–unserved frontier.
public struct FrontierPoint: Sendable, Hashable, Codable {
    /// The penalty the plan was made with, USD per MW-month (for a multiplier: the largest workload's).
    public var penaltyUSDPerMWMonth: Double
    /// The factor every workload's penalty was scaled by, for a frontier by multipliers.
    public var penaltyMultiplier: Double?
    /// Mean spend (signed + new), in sample.
    public var spendUSD: Double
    /// Mean unserved MW-months, in sample.
    public var unservedMWMonths: Double
    /// New MW signed.
    public var newMW: Double
}
