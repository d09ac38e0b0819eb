/// Spending limits the plan is judged against.
public struct Budget: Hashable, Sendable {
    /// Caps on cumulative spend.
    public var caps: [BudgetCap]

    /// Creates a budget.
    public init(caps: [BudgetCap] = []) {
        self.caps = caps
    }
}

/// A cap on spend over a window: cumulative (from the start, or `from`, through `through`) or one calendar year.
public struct BudgetCap: Hashable, Sendable {
    /// The cap's id.
    public var id: BudgetCapID
    /// The limit in USD.
    public var usd: Double
    /// First month counted; `nil` means the start of the horizon.
    public var from: Month?
    /// Last month counted.
    public var through: Month
    /// Providers whose spend counts; `nil` means all spend.
    public var providers: [ProviderID]?

    /// Creates a cap.
    public init(id: BudgetCapID, usd: Double, from: Month? = nil, through: Month, providers: [ProviderID]? = nil) {
        self.id = id
        self.usd = usd
        self.from = from
        self.through = through
        self.providers = providers
    }
}

/// How a procurement run buys new capacity (used by dynamic runs; static runs only validate it).
public struct Policy: Hashable, Sendable {
    /// The deal structure new requests go through.
    public var structure: Structure
    /// Months between reviews.
    public var reviewMonths: Int
    /// How far ahead the buyer forecasts demand when it reviews, months.
    public var horizonMonths: Int
    /// Extra capacity requested above the forecast gap, as a fraction of forecast demand.
    public var targetHeadroom: Double
    /// The smallest request worth making, IT MW.
    public var minimumRequestMW: Double

    /// Creates a policy.
    public init(
        structure: Structure = .rightOfFirstRefusal, reviewMonths: Int = 3, horizonMonths: Int = 24,
        targetHeadroom: Double = 0.1, minimumRequestMW: Double = 50
    ) {
        self.structure = structure
        self.reviewMonths = reviewMonths
        self.horizonMonths = horizonMonths
        self.targetHeadroom = targetHeadroom
        self.minimumRequestMW = minimumRequestMW
    }

    /// Who may be asked for new capacity.
    public enum Structure: String, Hashable, Sendable, CaseIterable {
        /// The right-of-first-refusal holder first, then others by price.
        case rightOfFirstRefusal = "rofr"
        /// Only the exclusivity holder.
        case exclusive
        /// The cheapest reliable offer.
        case open
    }
}
