import HeadroomModel

/// One provider's figures, averaged over paths.
public struct ProviderStatistics: Sendable, Hashable, Codable {
    /// The provider's id.
    public var id: ProviderID
    /// Mean delivered IT MW per month.
    public var meanDeliveredMW: [Double]
    /// Mean revenue from the buyer per month, USD.
    public var meanRevenueUSD: [Double]
    /// Mean idle IT MW per month (delivered, not used): what the provider risks if demand slows.
    public var meanIdleMW: [Double]
    /// Expected revenue over the horizon, USD (payments for capacity plus revenue share).
    public var expectedTotalRevenueUSD: Estimate
    /// Mean revenue-share payments received per month, USD (part of ``meanRevenueUSD``).
    public var meanRevenueShareUSD: [Double]
    /// Quantiles over paths of its horizon revenue from capacity (without revenue share), USD.
    public var capacityRevenueQuantiles: PathQuantiles
    /// Idle MW-months over the horizon: what it built for the buyer and nobody used.
    public var idleMWMonths: Estimate
    /// Quantiles over paths of the same.
    public var idleMWMonthsQuantiles: PathQuantiles
    /// Idle MW-months on slow-demand paths (`nil` when no path was slow).
    public var slowDemandIdleMWMonths: Estimate?
    /// Quantiles of the same over the slow-demand paths.
    public var slowDemandIdleMWMonthsQuantiles: PathQuantiles?
    /// Expected payments for idle capacity under take-or-pay over the horizon, USD: what the buyer pays for
    /// capacity nobody used.
    public var expectedIdlePaidUSD: Double
    /// Expected flexible (pay-for-use) revenue its idle capacity did not earn, USD: the provider's own loss when
    /// demand falls short.
    public var expectedIdleUnpaidUSD: Double
    /// The same on slow-demand paths (`nil` when no path was slow).
    public var slowDemandIdleUnpaidUSD: Double?
    /// MW the policy awarded it over the horizon (dynamic runs; `nil` for a static run).
    public var awardedMW: Estimate?
    /// Mean MW awarded per review month (dynamic runs; empty for a static run).
    public var meanAwardedMW: [Double]

    /// Creates the value from its parts.
    public init(
        id: ProviderID, meanDeliveredMW: [Double], meanRevenueUSD: [Double], meanIdleMW: [Double],
        expectedTotalRevenueUSD: Estimate, meanRevenueShareUSD: [Double], capacityRevenueQuantiles: PathQuantiles,
        idleMWMonths: Estimate, idleMWMonthsQuantiles: PathQuantiles, slowDemandIdleMWMonths: Estimate?,
        slowDemandIdleMWMonthsQuantiles: PathQuantiles?, expectedIdlePaidUSD: Double, expectedIdleUnpaidUSD: Double,
        slowDemandIdleUnpaidUSD: Double?, awardedMW: Estimate?, meanAwardedMW: [Double]
    ) {
        self.id = id
        self.meanDeliveredMW = meanDeliveredMW
        self.meanRevenueUSD = meanRevenueUSD
        self.meanIdleMW = meanIdleMW
        self.expectedTotalRevenueUSD = expectedTotalRevenueUSD
        self.meanRevenueShareUSD = meanRevenueShareUSD
        self.capacityRevenueQuantiles = capacityRevenueQuantiles
        self.idleMWMonths = idleMWMonths
        self.idleMWMonthsQuantiles = idleMWMonthsQuantiles
        self.slowDemandIdleMWMonths = slowDemandIdleMWMonths
        self.slowDemandIdleMWMonthsQuantiles = slowDemandIdleMWMonthsQuantiles
        self.expectedIdlePaidUSD = expectedIdlePaidUSD
        self.expectedIdleUnpaidUSD = expectedIdleUnpaidUSD
        self.slowDemandIdleUnpaidUSD = slowDemandIdleUnpaidUSD
        self.awardedMW = awardedMW
        self.meanAwardedMW = meanAwardedMW
    }
}

extension ProviderStatistics {
    /// Mean payments for capacity per month, USD: revenue without the revenue share (what budget caps count).
    public var meanCapacityPaymentUSD: [Double] { zip(meanRevenueUSD, meanRevenueShareUSD).map { $0 - $1 } }

    /// Expected payments for capacity over the horizon, USD.
    public var expectedCapacityPaymentUSD: Double { meanCapacityPaymentUSD.reduce(0, +) }
}

/// One contract's economics: its price as converted, and what the buyer pays under it on average.
public struct ContractStatistics: Sendable, Hashable, Codable {
    /// The contract's id (`policy:<provider>` for capacity a dynamic run bought).
    public var id: ContractID
    /// Its provider.
    public var provider: ProviderID
    /// Price, converted (derived from a stated total, or per accelerator-hour, where so stated).
    public var pricing: ContractPricing
    /// Take-or-pay fraction.
    public var takeOrPayFraction: Double
    /// Expected payments over the horizon, USD (take-or-pay part + paid use − late-delivery credits).
    public var expectedSpendUSD: Estimate
    /// Expected delivered IT MW-months.
    public var expectedDeliveredMWMonths: Double
    /// Expected take-or-pay payments: price × fraction × delivered MW-months, owed whether used or not.
    public var expectedTakeOrPayUSD: Double
    /// Expected payments for the flexible part, by use.
    public var expectedUsageUSD: Double
    /// Expected late-delivery credits from the provider.
    public var expectedLateCreditUSD: Double

    /// Creates the value from its parts.
    public init(
        id: ContractID, provider: ProviderID, pricing: ContractPricing, takeOrPayFraction: Double,
        expectedSpendUSD: Estimate, expectedDeliveredMWMonths: Double, expectedTakeOrPayUSD: Double,
        expectedUsageUSD: Double, expectedLateCreditUSD: Double
    ) {
        self.id = id
        self.provider = provider
        self.pricing = pricing
        self.takeOrPayFraction = takeOrPayFraction
        self.expectedSpendUSD = expectedSpendUSD
        self.expectedDeliveredMWMonths = expectedDeliveredMWMonths
        self.expectedTakeOrPayUSD = expectedTakeOrPayUSD
        self.expectedUsageUSD = expectedUsageUSD
        self.expectedLateCreditUSD = expectedLateCreditUSD
    }
}

/// What a dynamic run's policy asked for and what nobody could supply.
public struct ProcurementStatistics: Sendable, Hashable, Codable {
    /// The largest single request of a path's reviews, MW (a gap left unfilled is requested again at the next
    /// review, so requests are not summed).
    public var largestRequestMW: Estimate
    /// Probability that some request was not fully placed (every asked provider at its appetite).
    public var probabilityUnplaced: Double
    /// Mean of the largest unplaced part of one request, MW (0 on paths where everything was placed).
    public var meanLargestUnplacedMW: Double

    /// Creates the value from its parts.
    public init(largestRequestMW: Estimate, probabilityUnplaced: Double, meanLargestUnplacedMW: Double) {
        self.largestRequestMW = largestRequestMW
        self.probabilityUnplaced = probabilityUnplaced
        self.meanLargestUnplacedMW = meanLargestUnplacedMW
    }
}

/// How likely a budget cap is to be exceeded.
public struct CapStatistics: Sendable, Hashable, Codable {
    /// The cap's id.
    public var id: BudgetCapID
    /// The limit, USD.
    public var usd: Double
    /// Probability that spend in its window exceeds it.
    public var probabilityExceeded: Estimate
    /// Expected spend in its window, USD.
    public var expectedSpendUSD: Estimate
    /// Quantiles over paths of the spend in its window, USD.
    public var spendQuantiles: PathQuantiles
    /// Whether its window reaches beyond the horizon (spend there is not counted).
    public var truncated: Bool

    /// Creates the value from its parts.
    public init(
        id: BudgetCapID, usd: Double, probabilityExceeded: Estimate, expectedSpendUSD: Estimate,
        spendQuantiles: PathQuantiles, truncated: Bool
    ) {
        self.id = id
        self.usd = usd
        self.probabilityExceeded = probabilityExceeded
        self.expectedSpendUSD = expectedSpendUSD
        self.spendQuantiles = spendQuantiles
        self.truncated = truncated
    }
}

/// A delay, risk event or demand draw and its rank correlation with total unserved demand.
public struct Driver: Sendable, Hashable, Codable {
    /// What kind of input it is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A phase's or block's total delay (copula draw plus risk delays; cancelled = longest).
        case delay
        /// Whether a risk-register event happened.
        case risk
        /// A workload's demand draw (its growth rate or its band position: higher means more demand).
        case demand
    }

    /// The phase, block or risk.
    public var name: String
    /// Delay or risk.
    public var kind: Kind
    /// Spearman rank correlation with total unserved MW-months, in [−1, 1].
    public var rankCorrelation: Double

    /// Creates the value from its parts.
    public init(name: String, kind: Kind, rankCorrelation: Double) {
        self.name = name
        self.kind = kind
        self.rankCorrelation = rankCorrelation
    }
}
