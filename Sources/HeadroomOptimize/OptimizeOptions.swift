import HeadroomModel

/// What `optimize` is asked: the sample, the objective's risk term, the constraints kept, and when to stop.
///
/// Settings left `nil` come from the scenario's `optimization:` section, then from the defaults documented on each.
public struct OptimizeOptions: Sendable, Hashable {
    /// Paths S of the sample-average approximation.
    public var paths: Int
    /// The seed of the in-sample paths (out-of-sample paths use other seeds, see ``PlanEvaluation``).
    public var seed: UInt64
    /// Penalty per unserved IT MW-month, USD, per workload; `nil` means the scenario's, else 2e6 for every workload.
    public var penaltyUSDPerMWMonth: [WorkloadID: Double]?
    /// A penalty for every workload, overriding the scenario's.
    public var uniformPenaltyUSDPerMWMonth: Double?
    /// `λ · CVaR_α` of cost added to the objective, if any.
    public var costCVaR: CVaRTerm?
    /// Budget caps kept; `nil` means the scenario's.
    public var caps: [CapConstraint]?
    /// Provider share limits of new MW; `nil` means the scenario's.
    public var maximumProviderShare: [ProviderID: Double]?
    /// A share limit for every provider, overriding the scenario's.
    public var uniformMaximumProviderShare: Double?
    /// Stop when (best plan − lower bound) / best plan is at most this.
    public var relativeGap: Double
    /// Stop after this many seconds with the best plan found.
    public var timeLimitSeconds: Double?
    /// How to solve.
    public var method: Method
    /// Benders cuts: one per path, or one aggregated.
    public var cuts: Cuts
    /// Worker threads for the per-path passes.
    public var threads: Int

    /// Creates options.
    public init(
        paths: Int = 200, seed: UInt64 = 1, penaltyUSDPerMWMonth: [WorkloadID: Double]? = nil,
        uniformPenaltyUSDPerMWMonth: Double? = nil, costCVaR: CVaRTerm? = nil, caps: [CapConstraint]? = nil,
        maximumProviderShare: [ProviderID: Double]? = nil, uniformMaximumProviderShare: Double? = nil,
        relativeGap: Double = 1e-3, timeLimitSeconds: Double? = nil, method: Method = .automatic,
        cuts: Cuts = .automatic, threads: Int = 1
    ) {
        self.paths = paths
        self.seed = seed
        self.penaltyUSDPerMWMonth = penaltyUSDPerMWMonth
        self.uniformPenaltyUSDPerMWMonth = uniformPenaltyUSDPerMWMonth
        self.costCVaR = costCVaR
        self.caps = caps
        self.maximumProviderShare = maximumProviderShare
        self.uniformMaximumProviderShare = uniformMaximumProviderShare
        self.relativeGap = relativeGap
        self.timeLimitSeconds = timeLimitSeconds
        self.method = method
        self.cuts = cuts
        self.threads = threads
    }

    /// `λ · CVaR_α(cost)`: λ times the mean cost of the worst (1 − α) share of paths.
    public struct CVaRTerm: Sendable, Hashable {
        /// The level α in (0, 1).
        public var alpha: Double
        /// The weight λ ≥ 0.
        public var lambda: Double

        /// Creates the term.
        public init(alpha: Double, lambda: Double) {
            self.alpha = alpha
            self.lambda = lambda
        }
    }

    /// How the sample-average problem is solved.
    public enum Method: String, Sendable, Hashable, CaseIterable, Codable {
        /// The extensive form for S ≤ 50 paths, Benders above.
        case automatic = "auto"
        /// One MILP with every path's recourse variables.
        case extensive
        /// L-shaped decomposition: a master MILP and closed-form recourse per path.
        case benders
    }

    /// How Benders cuts are added.
    public enum Cuts: String, Sendable, Hashable, CaseIterable, Codable {
        /// Multi-cut up to 100 paths (or with a CVaR term, which needs each path's θ), single-cut above: on 500
        /// paths of the benchmark instance single-cut reaches the gap 13× faster (CBC solves the smaller master faster).
        case automatic = "auto"
        /// One aggregated cut per iteration.
        case single
        /// One cut per path per iteration.
        case multi
    }
}

/// Why an optimization could not be set up or solved, with where and what.
public struct OptimizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public var code: Code
    /// The setting or scenario field it concerns (`offers[2].starts`, `--cap`), if any.
    public var path: String?
    /// What was wrong and what was expected.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, path: String? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `path: message`, or the message.
    public var description: String { path.map { "\($0): \(message)" } ?? message }

    /// Kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// A setting or an offer is invalid.
        case invalidInput = "invalid-input"
        /// No plan keeps every constraint; the message names those in conflict.
        case infeasible
        /// The model is unbounded or numerically troubled.
        case numerical
        /// The solver could not run.
        case solver
    }
}
