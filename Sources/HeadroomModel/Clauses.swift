/// Scenario-level clauses that bind the buyer across contracts.
public struct Clauses: Hashable, Sendable {
    /// A right of first refusal on new capacity, if any.
    public var rightOfFirstRefusal: RightOfFirstRefusal?
    /// Exclusivity clauses: workloads that only one provider may serve.
    public var exclusivity: [Exclusivity]
    /// Revenue shares the buyer pays.
    public var revenueShares: [RevenueShare]

    /// Creates the clause set.
    public init(
        rightOfFirstRefusal: RightOfFirstRefusal? = nil, exclusivity: [Exclusivity] = [],
        revenueShares: [RevenueShare] = []
    ) {
        self.rightOfFirstRefusal = rightOfFirstRefusal
        self.exclusivity = exclusivity
        self.revenueShares = revenueShares
    }

    /// No clauses.
    public static let none = Clauses()
}

/// A right of first refusal: the holder is offered new capacity first and takes what its appetite allows.
///
/// Static runs (projection, Monte Carlo of signed contracts) are unaffected; procurement runs offer requests to the
/// holder first.
public struct RightOfFirstRefusal: Hashable, Sendable {
    /// The provider holding the right.
    public var holder: ProviderID
    /// The workloads whose new capacity it covers; `nil` means all.
    public var workloads: [WorkloadID]?
    /// Months the holder has to answer an offer.
    public var responseWindowMonths: Double
    /// The first month the right applies.
    public var from: Month?
    /// The last month the right applies.
    public var until: Month?

    /// Creates a right of first refusal.
    public init(
        holder: ProviderID, workloads: [WorkloadID]? = nil, responseWindowMonths: Double = 0, from: Month? = nil,
        until: Month? = nil
    ) {
        self.holder = holder
        self.workloads = workloads
        self.responseWindowMonths = responseWindowMonths
        self.from = from
        self.until = until
    }
}

/// An exclusivity clause: the listed workloads may run only on the holder's capacity.
public struct Exclusivity: Hashable, Sendable {
    /// The provider whose capacity alone may serve the workloads.
    public var holder: ProviderID
    /// The workloads bound to the holder.
    public var workloads: [WorkloadID]
    /// The first month the clause applies.
    public var from: Month?
    /// The last month the clause applies.
    public var until: Month?

    /// Creates an exclusivity clause.
    public init(holder: ProviderID, workloads: [WorkloadID], from: Month? = nil, until: Month? = nil) {
        self.holder = holder
        self.workloads = workloads
        self.from = from
        self.until = until
    }
}

/// A revenue share: the buyer pays `fraction` of the revenue its served compute earns to a provider.
///
/// The buyer's revenue is modelled as `revenueUSDPerServedMWMonth` × served MW (of the listed workloads).
public struct RevenueShare: Hashable, Sendable {
    /// The provider that receives the share.
    public var to: ProviderID
    /// The share, in `[0, 1]`.
    public var fraction: Double
    /// The buyer's revenue per served IT MW-month, USD.
    public var revenueUSDPerServedMWMonth: Double
    /// The workloads whose served capacity earns the revenue; `nil` means all.
    public var workloads: [WorkloadID]?
    /// The first month it applies.
    public var from: Month?
    /// The last month it applies.
    public var until: Month?

    /// Creates a revenue share.
    public init(
        to: ProviderID, fraction: Double, revenueUSDPerServedMWMonth: Double, workloads: [WorkloadID]? = nil,
        from: Month? = nil, until: Month? = nil
    ) {
        self.to = to
        self.fraction = fraction
        self.revenueUSDPerServedMWMonth = revenueUSDPerServedMWMonth
        self.workloads = workloads
        self.from = from
        self.until = until
    }
}
