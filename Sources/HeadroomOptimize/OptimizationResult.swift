import HeadroomModel

/// What `optimize` recommends and why: the plan, its bounds and gap, the solve's iterations, and the in-sample
/// view of money, demand and the constraints (with the marginal value of each binding one).
public struct OptimizationResult: Sendable, Hashable, Codable {
    /// The scenario's name.
    public var scenario: String
    /// The decision date the plan is made on.
    public var decisionMonth: Month
    /// `extensive`, `benders-multi` or `benders-single`.
    public var method: String
    /// The MILP solver.
    public var solver: String
    /// In-sample paths S and their seed.
    public var paths: Int
    /// The in-sample seed.
    public var seed: UInt64
    /// `optimal` (gap reached) or `time-limit` (the best plan found, with its gap).
    public var status: String
    /// The best plan's SAA objective, USD.
    public var objectiveUSD: Double
    /// The proven lower bound on the SAA optimum, USD.
    public var lowerBoundUSD: Double
    /// (objective − bound) / objective.
    public var gap: Double
    /// The iterations (one for the extensive form).
    public var iterations: [SolveIteration]
    /// Wall-clock seconds.
    public var seconds: Double
    /// What to sign.
    public var lines: [PlanLine]
    /// Lots per candidate (every offer × start, in ``PlanningWorld/candidates`` order).
    public var lots: [Int]
    /// The in-sample breakdown.
    public var inSample: InSample
    /// Per month: new IT MW planned online (no delays) by then.
    public var commitmentMW: [Double]
    /// The months of `commitmentMW`.
    public var months: [Month]

    /// One offer taken.
    public struct PlanLine: Sendable, Hashable, Codable {
        /// The offer.
        public var offer: OfferID
        /// The contract it becomes.
        public var contract: ContractID
        /// Its provider.
        public var provider: ProviderID
        /// The start month signed for.
        public var start: Month
        /// Lots.
        public var lots: Int
        /// IT MW.
        public var megawatts: Double
        /// Planned first power (start + lead time).
        public var plannedOnline: Month
        /// Mean spend over the horizon on the in-sample paths, USD.
        public var expectedSpendUSD: Double
    }

    /// The plan on the paths it was optimized on.
    public struct InSample: Sendable, Hashable, Codable {
        /// Mean signed spend, USD.
        public var signedSpendUSD: Double
        /// Mean spend on the plan's offers, USD.
        public var newSpendUSD: Double
        /// Mean penalty, USD.
        public var penaltyUSD: Double
        /// Mean unserved MW-months with the plan.
        public var unservedMWMonths: Double
        /// Mean unserved MW-months with the signed contracts alone.
        public var signedUnservedMWMonths: Double
        /// Mean demand over the horizon, MW-months.
        public var demandMWMonths: Double
        /// Penalty per workload, USD per MW-month.
        public var penalties: [NamedFigure]
        /// The kept caps.
        public var caps: [ConstraintUse]
        /// The share limits.
        public var shares: [ConstraintUse]
    }

    /// A named number.
    public struct NamedFigure: Sendable, Hashable, Codable {
        /// The name.
        public var name: String
        /// The value.
        public var value: Double
    }

    /// A constraint's use by the plan.
    public struct ConstraintUse: Sendable, Hashable, Codable {
        /// The constraint (`servers-2025-2030 (expected)`, `share of oracle`).
        public var name: String
        /// Its limit (USD, or a share).
        public var limit: Double
        /// The plan's value (USD, or a share).
        public var value: Double
        /// Whether it binds (within 0.1% of its limit).
        public var binding: Bool
        /// Objective USD saved per unit the limit is loosened (USD per USD of cap, USD per percentage point of
        /// share), by re-solving with the limit loosened 1%; `nil` when it does not bind or was not computed.
        public var marginalValue: Double?
    }
}
