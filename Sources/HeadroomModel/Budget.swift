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

/// How a procurement run buys new capacity (DESIGN §6; used by dynamic runs, static runs only validate it).
///
/// Every `reviewMonths` the buyer forecasts total demand `horizonMonths` ahead from the demand it has observed on the
/// path so far, compares it with the capacity it expects online by then, and requests the gap plus `targetHeadroom`.
/// Providers answer from their yearly appetite; awarded capacity arrives after the provider's lead time and is paid
/// on `newCapacity`'s terms at the provider's price.
public struct Policy: Hashable, Sendable {
    /// The deal structure new requests go through.
    public var structure: Structure
    /// The provider asked first under `rofr` and alone under `exclusive`; `nil` means the right-of-first-refusal
    /// holder, else the first exclusivity holder.
    public var holder: ProviderID?
    /// The decision date: contracts signed after it are left out of dynamic runs (the policy decides in their place)
    /// and reviews start in this month; `nil` means every contract counts and reviews start with the horizon.
    public var asOf: Month?
    /// The last month with a review; `nil` means the end of the horizon.
    public var until: Month?
    /// Months between reviews.
    public var reviewMonths: Int
    /// How far ahead the buyer forecasts demand when it reviews, months.
    public var horizonMonths: Int
    /// Months of observed demand the growth forecast is fitted on.
    public var lookbackMonths: Int
    /// Extra capacity requested above the forecast gap, as a fraction of forecast demand.
    public var targetHeadroom: Double
    /// The smallest request worth making, IT MW.
    public var minimumRequestMW: Double
    /// The terms new capacity is bought on.
    public var newCapacity: NewCapacityTerms

    /// Creates a policy.
    public init(
        structure: Structure = .rightOfFirstRefusal, holder: ProviderID? = nil, asOf: Month? = nil, until: Month? = nil,
        reviewMonths: Int = 3, horizonMonths: Int = 24, lookbackMonths: Int = 12, targetHeadroom: Double = 0.1,
        minimumRequestMW: Double = 50, newCapacity: NewCapacityTerms = NewCapacityTerms()
    ) {
        self.structure = structure
        self.holder = holder
        self.asOf = asOf
        self.until = until
        self.reviewMonths = reviewMonths
        self.horizonMonths = horizonMonths
        self.lookbackMonths = lookbackMonths
        self.targetHeadroom = targetHeadroom
        self.minimumRequestMW = minimumRequestMW
        self.newCapacity = newCapacity
    }

    /// Who may be asked for new capacity.
    public enum Structure: String, Hashable, Sendable, CaseIterable {
        /// The right-of-first-refusal holder first, then others by price and reliability.
        case rightOfFirstRefusal = "rofr"
        /// Only the holder.
        case exclusive
        /// The cheapest reliable offer, the holder without priority.
        case open
    }

    /// The provider holding the deal structure's rights in `scenario`: ``holder``, else the right-of-first-refusal
    /// holder, else the first exclusivity holder.
    public func resolvedHolder(in scenario: Scenario) -> ProviderID? {
        holder ?? scenario.clauses.rightOfFirstRefusal?.holder ?? scenario.clauses.exclusivity.first?.holder
    }
}

/// The contract terms of capacity a procurement run buys; the price is the provider's `new_capacity_price`.
public struct NewCapacityTerms: Hashable, Sendable {
    /// Fraction of delivered capacity paid whether used or not.
    public var takeOrPayFraction: Double
    /// Months of service from coming online; `nil` means through the end of the horizon.
    public var termMonths: Int?
    /// Months from first power to full capacity.
    public var rampMonths: Double

    /// Creates the terms.
    public init(takeOrPayFraction: Double = 1, termMonths: Int? = nil, rampMonths: Double = 6) {
        self.takeOrPayFraction = takeOrPayFraction
        self.termMonths = termMonths
        self.rampMonths = rampMonths
    }
}
