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
