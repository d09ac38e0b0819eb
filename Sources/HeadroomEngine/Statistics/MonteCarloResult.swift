import HeadroomModel

/// Everything a Monte Carlo run measured, with the standard error of every headline figure.
///
/// A run holds only the statistic families it was asked for (``statistics``): the sections of the others are `nil`
/// (or empty lists).
public struct MonteCarloResult: Sendable, Hashable, Codable {
    /// Paths simulated.
    public var paths: Int
    /// The seed used.
    public var seed: UInt64
    /// The statistic families (and monthly metrics) this result holds.
    public var statistics: StatisticsSelection
    /// The deal structure of a dynamic run (the policy bought capacity under it); `nil` for a static run.
    public var structure: Policy.Structure?
    /// The simulated months.
    public var months: [Month]
    /// The quantile levels of every ``MonthlyStatistic``.
    public var quantileLevels: [Double]
    /// Total demand, MW (``StatisticFamily/monthly``).
    public var demand: MonthlyStatistic?
    /// Delivered contracted capacity, MW (``StatisticFamily/monthly``).
    public var capacity: MonthlyStatistic?
    /// Unserved demand, MW (``StatisticFamily/monthly``).
    public var shortfall: MonthlyStatistic?
    /// Delivered capacity left unused, MW (``StatisticFamily/monthly``).
    public var idle: MonthlyStatistic?
    /// Spend, USD per month (``StatisticFamily/monthly``).
    public var spend: MonthlyStatistic?
    /// Per month: probability that some demand goes unserved (``StatisticFamily/unserved``).
    public var shortfallProbability: [Double]?
    /// Per workload: mean unserved MW per month (``StatisticFamily/unserved``).
    public var shortfallByWorkload: [NamedSeries]
    /// Headline figures of unserved demand (``StatisticFamily/unserved``).
    public var headline: Headline?
    /// Quantiles over paths of the horizon's unserved MW-months (``StatisticFamily/unserved``).
    public var unservedMWMonthsQuantiles: PathQuantiles?
    /// Expected total spend over the horizon, USD (``StatisticFamily/spend``).
    public var expectedTotalSpendUSD: Estimate?
    /// Quantiles over paths of the horizon's total spend, USD (``StatisticFamily/spend``).
    public var totalSpendQuantiles: PathQuantiles?
    /// Per capacity unit (phase or block): online-month quantiles.
    public var phases: [PhaseOnline]
    /// Per provider: mean delivered MW, revenue and idle MW per month.
    public var providers: [ProviderStatistics]
    /// Per contract (signed, then a dynamic run's policy contracts): price and expected payments.
    public var contracts: [ContractStatistics]
    /// Per budget cap: probability of exceeding it.
    public var caps: [CapStatistics]
    /// Per risk: how often it happened.
    public var riskFrequencies: [NamedValue]
    /// A dynamic run's requests and what went unplaced; `nil` for a static run.
    public var procurement: ProcurementStatistics?
    /// Paths with slow demand (their standardised demand draw in its lowest 20%), on which exposure is reported.
    public var slowDemandPaths: Int
    /// The delays, risk events and demand draws most rank-correlated with total unserved demand, strongest first.
    public var drivers: [Driver]
    /// Paths the drivers were computed on.
    public var driverSamplePaths: Int

    /// Creates the value from its parts.
    public init(
        paths: Int, seed: UInt64, statistics: StatisticsSelection, structure: Policy.Structure?, months: [Month],
        quantileLevels: [Double], demand: MonthlyStatistic?, capacity: MonthlyStatistic?, shortfall: MonthlyStatistic?,
        idle: MonthlyStatistic?, spend: MonthlyStatistic?, shortfallProbability: [Double]?,
        shortfallByWorkload: [NamedSeries], headline: Headline?, unservedMWMonthsQuantiles: PathQuantiles?,
        expectedTotalSpendUSD: Estimate?, totalSpendQuantiles: PathQuantiles?, phases: [PhaseOnline],
        providers: [ProviderStatistics], contracts: [ContractStatistics], caps: [CapStatistics],
        riskFrequencies: [NamedValue], procurement: ProcurementStatistics?, slowDemandPaths: Int, drivers: [Driver],
        driverSamplePaths: Int
    ) {
        self.paths = paths
        self.seed = seed
        self.statistics = statistics
        self.structure = structure
        self.months = months
        self.quantileLevels = quantileLevels
        self.demand = demand
        self.capacity = capacity
        self.shortfall = shortfall
        self.idle = idle
        self.spend = spend
        self.shortfallProbability = shortfallProbability
        self.shortfallByWorkload = shortfallByWorkload
        self.headline = headline
        self.unservedMWMonthsQuantiles = unservedMWMonthsQuantiles
        self.expectedTotalSpendUSD = expectedTotalSpendUSD
        self.totalSpendQuantiles = totalSpendQuantiles
        self.phases = phases
        self.providers = providers
        self.contracts = contracts
        self.caps = caps
        self.riskFrequencies = riskFrequencies
        self.procurement = procurement
        self.slowDemandPaths = slowDemandPaths
        self.drivers = drivers
        self.driverSamplePaths = driverSamplePaths
    }
}

/// A figure estimated by Monte Carlo with its standard error.
public struct Estimate: Sendable, Hashable, Codable {
    /// The estimate (a sample mean or proportion).
    public var value: Double
    /// Its standard error: sample standard deviation / √paths.
    public var standardError: Double

    /// Creates the value from its parts.
    public init(value: Double, standardError: Double) {
        self.value = value
        self.standardError = standardError
    }
}

/// The figures a planner reads first.
public struct Headline: Sendable, Hashable, Codable {
    /// Expected unserved demand over the horizon, MW-months.
    public var expectedUnservedMWMonths: Estimate
    /// The same in accelerator-hours of the newest generation available each month (`nil` without accelerators).
    public var expectedUnservedAcceleratorHours: Estimate?
    /// The same in dense BF16 FLOP (`nil` without accelerators).
    public var expectedUnservedFLOP: Estimate?
    /// Probability that some month of the horizon has unserved demand.
    public var probabilityOfAnyShortfall: Estimate
    /// Expected largest monthly shortfall, MW.
    public var expectedPeakShortfallMW: Estimate

    /// Creates the value from its parts.
    public init(
        expectedUnservedMWMonths: Estimate, expectedUnservedAcceleratorHours: Estimate?,
        expectedUnservedFLOP: Estimate?, probabilityOfAnyShortfall: Estimate, expectedPeakShortfallMW: Estimate
    ) {
        self.expectedUnservedMWMonths = expectedUnservedMWMonths
        self.expectedUnservedAcceleratorHours = expectedUnservedAcceleratorHours
        self.expectedUnservedFLOP = expectedUnservedFLOP
        self.probabilityOfAnyShortfall = probabilityOfAnyShortfall
        self.expectedPeakShortfallMW = expectedPeakShortfallMW
    }
}

/// Mean, standard error and quantiles of one figure, month by month.
public struct MonthlyStatistic: Sendable, Hashable, Codable {
    /// Mean per month.
    public var mean: [Double]
    /// Standard error of the mean per month.
    public var standardError: [Double]
    /// `quantiles[k][t]`: the k-th requested level in month t.
    public var quantiles: [[Double]]

    /// Creates the value from its parts.
    public init(mean: [Double], standardError: [Double], quantiles: [[Double]]) {
        self.mean = mean
        self.standardError = standardError
        self.quantiles = quantiles
    }
}

/// A named monthly series.
public struct NamedSeries: Sendable, Hashable, Codable {
    /// What it measures.
    public var name: String
    /// One value per month.
    public var values: [Double]

    /// Creates the value from its parts.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// A named number.
public struct NamedValue: Sendable, Hashable, Codable {
    /// What it measures.
    public var name: String
    /// The number.
    public var value: Double

    /// Creates the value from its parts.
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// When a phase (or block) comes online, as month indices from the scenario start (fractional).
public struct PhaseOnline: Sendable, Hashable, Codable {
    /// `campus/phase` or `contract#block-N`.
    public var name: String
    /// Planned online month index.
    public var planned: Double
    /// Median online month index (+infinity when more than half the paths cancel it).
    public var p50: Double
    /// 80th percentile.
    public var p80: Double
    /// 90th percentile.
    public var p90: Double
    /// Mean delay in months over the paths where it came online.
    public var meanDelay: Double
    /// Probability that it never comes online (a cancelling risk event).
    public var probabilityCancelled: Double

    /// Creates the value from its parts.
    public init(
        name: String, planned: Double, p50: Double, p80: Double, p90: Double, meanDelay: Double,
        probabilityCancelled: Double
    ) {
        self.name = name
        self.planned = planned
        self.p50 = p50
        self.p80 = p80
        self.p90 = p90
        self.meanDelay = meanDelay
        self.probabilityCancelled = probabilityCancelled
    }
}

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

/// The 10th, 50th and 90th percentiles of a per-path total.
public struct PathQuantiles: Sendable, Hashable, Codable {
    /// 10th percentile.
    public var p10: Double
    /// Median.
    public var p50: Double
    /// 90th percentile.
    public var p90: Double

    /// Creates quantiles.
    public init(p10: Double, p50: Double, p90: Double) {
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
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
