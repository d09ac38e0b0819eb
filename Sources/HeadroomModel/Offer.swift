/// Capacity a provider offers and the buyer may still sign: lots of IT MW, for one of several start months.
///
/// Nothing is delivered unless the optimizer (or the user, by turning it into a ``Contract``) takes it. Signed for
/// start month `t`, an offer's capacity is planned online at `t + leadTimeMonths` and slips by `delayMonths`, drawn
/// on its provider's copula factor like the provider's phases, so the offer slips with them; risk events that hit
/// its provider, its region or everything hit it too.
public struct Offer: Hashable, Sendable {
    /// The offer's id.
    public var id: OfferID
    /// A readable name.
    public var name: String?
    /// The provider that offers the capacity.
    public var provider: ProviderID
    /// IT megawatts per lot.
    public var lotMW: Double
    /// The fewest lots that may be signed if the offer is taken at all (0: any number up to `maximumLots`).
    public var minimumLots: Int
    /// The most lots that may be signed.
    public var maximumLots: Int
    /// The start months it may be signed for, in order; it is taken for at most one of them.
    public var starts: [Month]
    /// Months from the start month to the planned first power.
    public var leadTimeMonths: Int
    /// Delay in months added to the planned first power.
    public var delayMonths: Distribution
    /// Months from first power to full capacity.
    public var rampMonths: Double
    /// Months of service from first power; `nil` means through the end of the horizon.
    public var termMonths: Int?
    /// The price, in any of the contract price forms; a total value is per lot.
    public var price: Contract.Price
    /// Fraction of delivered capacity paid whether used or not.
    public var takeOrPayFraction: Double
    /// The workloads its capacity may serve; `nil` means every workload.
    public var workloads: [WorkloadID]?
    /// The accelerator generation, for per-hour prices and accelerator counts.
    public var accelerator: AcceleratorID?
    /// The region whose delay factor it shares, if any.
    public var region: RegionID?
    /// Whether it counts as the right-of-first-refusal holder's offer; `nil` means: when its provider is the holder.
    public var countsAsHolder: Bool?

    /// Creates an offer.
    public init(
        id: OfferID, name: String? = nil, provider: ProviderID, lotMW: Double, minimumLots: Int = 0,
        maximumLots: Int, starts: [Month], leadTimeMonths: Int = 0, delayMonths: Distribution = .fixed(0),
        rampMonths: Double = 0, termMonths: Int? = nil, price: Contract.Price, takeOrPayFraction: Double = 1,
        workloads: [WorkloadID]? = nil, accelerator: AcceleratorID? = nil, region: RegionID? = nil,
        countsAsHolder: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.provider = provider
        self.lotMW = lotMW
        self.minimumLots = minimumLots
        self.maximumLots = maximumLots
        self.starts = starts
        self.leadTimeMonths = leadTimeMonths
        self.delayMonths = delayMonths
        self.rampMonths = rampMonths
        self.termMonths = termMonths
        self.price = price
        self.takeOrPayFraction = takeOrPayFraction
        self.workloads = workloads
        self.accelerator = accelerator
        self.region = region
        self.countsAsHolder = countsAsHolder
    }

    /// Whether the offer counts as the right-of-first-refusal holder `holder`'s.
    public func isHolders(_ holder: ProviderID) -> Bool {
        countsAsHolder ?? (provider == holder)
    }
}

/// The optimizer's settings a scenario may carry, so that `headroom optimize FILE` needs no flags; each can be
/// overridden on the command line.
public struct OptimizationSettings: Hashable, Sendable {
    /// The penalty per unserved IT MW-month, USD, per workload; a workload not listed uses `defaultPenalty`.
    public var penaltyUSDPerMWMonth: [WorkloadID: Double]
    /// The penalty for workloads not in `penaltyUSDPerMWMonth`.
    public var defaultPenaltyUSDPerMWMonth: Double
    /// Budget caps the plan must keep, and how.
    public var caps: [CapConstraint]
    /// The largest share of the new MW any one provider may hold, per provider; `nil` entries absent.
    public var maximumProviderShare: [ProviderID: Double]
    /// The share limit for providers not in `maximumProviderShare`; `nil` means no limit.
    public var defaultMaximumProviderShare: Double?

    /// Creates settings.
    public init(
        penaltyUSDPerMWMonth: [WorkloadID: Double] = [:], defaultPenaltyUSDPerMWMonth: Double = 2.0e6,
        caps: [CapConstraint] = [], maximumProviderShare: [ProviderID: Double] = [:],
        defaultMaximumProviderShare: Double? = nil
    ) {
        self.penaltyUSDPerMWMonth = penaltyUSDPerMWMonth
        self.defaultPenaltyUSDPerMWMonth = defaultPenaltyUSDPerMWMonth
        self.caps = caps
        self.maximumProviderShare = maximumProviderShare
        self.defaultMaximumProviderShare = defaultMaximumProviderShare
    }

    /// The penalty for `workload`.
    public func penalty(for workload: WorkloadID) -> Double {
        penaltyUSDPerMWMonth[workload] ?? defaultPenaltyUSDPerMWMonth
    }

    /// The share limit for `provider`, if any.
    public func maximumShare(of provider: ProviderID) -> Double? {
        maximumProviderShare[provider] ?? defaultMaximumProviderShare
    }
}

/// A budget cap the optimizer must keep: on the expected spend in the cap's window, or on its CVaR.
public struct CapConstraint: Hashable, Sendable {
    /// The budget cap (from the scenario's `budget`).
    public var cap: BudgetCapID
    /// How it is kept.
    public var measure: Measure

    /// Creates the constraint.
    public init(cap: BudgetCapID, measure: Measure = .expected) {
        self.cap = cap
        self.measure = measure
    }

    /// What of the spend distribution must stay under the cap.
    public enum Measure: Hashable, Sendable {
        /// The mean over the paths: E[spend] ≤ cap.
        case expected
        /// The conditional value at risk at level α: the mean of the worst (1 − α) share of paths ≤ cap.
        case cvar(Double)
    }
}
