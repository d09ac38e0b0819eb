import HeadroomModel

/// Everything a Monte Carlo run measured, with the standard error of every headline figure.
public struct MonteCarloResult: Sendable {
    /// Paths simulated.
    public var paths: Int
    /// The seed used.
    public var seed: UInt64
    /// The simulated months.
    public var months: [Month]
    /// The quantile levels of every ``MonthlyStatistic``.
    public var quantileLevels: [Double]
    /// Total demand, MW.
    public var demand: MonthlyStatistic
    /// Delivered contracted capacity, MW.
    public var capacity: MonthlyStatistic
    /// Unserved demand, MW.
    public var shortfall: MonthlyStatistic
    /// Delivered capacity left unused, MW.
    public var idle: MonthlyStatistic
    /// Spend, USD per month.
    public var spend: MonthlyStatistic
    /// Per month: probability that some demand goes unserved.
    public var shortfallProbability: [Double]
    /// Per workload: mean unserved MW per month.
    public var shortfallByWorkload: [NamedSeries]
    /// Headline figures.
    public var headline: Headline
    /// Per capacity unit (phase or block): online-month quantiles.
    public var phases: [PhaseOnline]
    /// Per provider: mean delivered MW, revenue and idle MW per month.
    public var providers: [ProviderStatistics]
    /// Per budget cap: probability of exceeding it.
    public var caps: [CapStatistics]
    /// Per risk: how often it happened.
    public var riskFrequencies: [NamedValue]
    /// The delays, risk events and demand draws most rank-correlated with total unserved demand, strongest first.
    public var drivers: [Driver]
    /// Paths the drivers were computed on.
    public var driverSamplePaths: Int
}

/// A figure estimated by Monte Carlo with its standard error.
public struct Estimate: Sendable, Hashable {
    /// The estimate (a sample mean or proportion).
    public var value: Double
    /// Its standard error: sample standard deviation / √paths.
    public var standardError: Double
}

/// The figures a planner reads first.
public struct Headline: Sendable, Hashable {
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
    /// Expected total spend over the horizon, USD.
    public var expectedTotalSpendUSD: Estimate
}

/// Mean, standard error and quantiles of one figure, month by month.
public struct MonthlyStatistic: Sendable, Hashable {
    /// Mean per month.
    public var mean: [Double]
    /// Standard error of the mean per month.
    public var standardError: [Double]
    /// `quantiles[k][t]`: the k-th requested level in month t.
    public var quantiles: [[Double]]
}

/// A named monthly series.
public struct NamedSeries: Sendable, Hashable {
    /// What it measures.
    public var name: String
    /// One value per month.
    public var values: [Double]
}

/// A named number.
public struct NamedValue: Sendable, Hashable {
    /// What it measures.
    public var name: String
    /// The number.
    public var value: Double
}

/// When a phase (or block) comes online, as month indices from the scenario start (fractional).
public struct PhaseOnline: Sendable, Hashable {
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
}

/// One provider's figures, averaged over paths.
public struct ProviderStatistics: Sendable, Hashable {
    /// The provider's id.
    public var id: ProviderID
    /// Mean delivered IT MW per month.
    public var meanDeliveredMW: [Double]
    /// Mean revenue from the buyer per month, USD.
    public var meanRevenueUSD: [Double]
    /// Mean idle IT MW per month (delivered, not used): what the provider risks if demand slows.
    public var meanIdleMW: [Double]
    /// Expected revenue over the horizon, USD.
    public var expectedTotalRevenueUSD: Estimate
}

/// How likely a budget cap is to be exceeded.
public struct CapStatistics: Sendable, Hashable {
    /// The cap's id.
    public var id: BudgetCapID
    /// The limit, USD.
    public var usd: Double
    /// Probability that spend in its window exceeds it.
    public var probabilityExceeded: Estimate
    /// Expected spend in its window, USD.
    public var expectedSpendUSD: Estimate
    /// Whether its window reaches beyond the horizon (spend there is not counted).
    public var truncated: Bool
}

/// A delay, risk event or demand draw and its rank correlation with total unserved demand.
public struct Driver: Sendable, Hashable {
    /// What kind of input it is.
    public enum Kind: String, Sendable, Hashable {
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
}
