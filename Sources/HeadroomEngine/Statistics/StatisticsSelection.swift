/// A family of statistics a Monte Carlo run can accumulate; each is one accumulator (record, merge, summarise).
///
/// A run computes only the families it is asked for, and its path kernel skips the work no asked family needs
/// (spend, provider figures), so a narrow question is answered faster.
public enum StatisticFamily: String, CaseIterable, Codable, Sendable, Comparable {
    /// Unserved demand: expected unserved MW-months (and accelerator-hours, FLOP), P(any shortfall), peak shortfall,
    /// quantiles of unserved MW-months, P(shortfall) per month, mean unserved MW per workload and month.
    case unserved
    /// Expected total spend and its quantiles over paths.
    case spend
    /// Per month, mean and standard error of the selected metrics, and quantiles of some of them.
    case monthly
    /// Per phase or block: online-month quantiles, mean delay, probability of cancellation.
    case phases
    /// Per provider: delivered, revenue, idle and awarded MW, idle capacity on slow-demand paths.
    case providers
    /// Per contract: expected spend split into take-or-pay, use and late credits.
    case contracts
    /// Per budget cap: probability of exceeding it and the spend in its window.
    case caps
    /// Per risk-register event: how often it happened.
    case risks
    /// The tornado: rank correlations of delays, risk events and demand draws with unserved demand.
    case drivers
    /// A dynamic run's requests and what went unplaced.
    case procurement

    /// Orders families as declared.
    public static func < (lhs: StatisticFamily, rhs: StatisticFamily) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A monthly series of every path.
public enum MonthlyMetric: String, CaseIterable, Codable, Sendable, Comparable {
    /// Total demand, MW.
    case demand
    /// Delivered contracted capacity, MW.
    case capacity
    /// Unserved demand, MW.
    case shortfall
    /// Delivered capacity left unused, MW.
    case idle
    /// Spend, USD per month.
    case spend

    /// Orders metrics as declared.
    public static func < (lhs: MonthlyMetric, rhs: MonthlyMetric) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Which statistics a run accumulates.
public struct StatisticsSelection: Sendable, Hashable, Codable {
    /// The families.
    public var families: Set<StatisticFamily>
    /// With ``StatisticFamily/monthly``: the metrics whose mean and standard error are kept per month.
    public var monthlyMetrics: Set<MonthlyMetric>
    /// With ``StatisticFamily/monthly``: the metrics whose quantiles are kept per month (a subset of
    /// ``monthlyMetrics``; quantiles cost a histogram per month and metric).
    public var quantileMetrics: Set<MonthlyMetric>

    /// Creates a selection; quantile metrics are limited to the monthly metrics.
    public init(
        families: Set<StatisticFamily>, monthlyMetrics: Set<MonthlyMetric> = Set(MonthlyMetric.allCases),
        quantileMetrics: Set<MonthlyMetric> = Set(MonthlyMetric.allCases)
    ) {
        self.families = families
        self.monthlyMetrics = families.contains(.monthly) ? monthlyMetrics : []
        self.quantileMetrics = families.contains(.monthly) ? quantileMetrics.intersection(monthlyMetrics) : []
    }

    /// Every statistic.
    public static let all = StatisticsSelection(families: Set(StatisticFamily.allCases))

    /// No statistic (a variant that only feeds paired comparisons).
    public static let none = StatisticsSelection(families: [])

    /// What the reference Monte Carlo (`../shared/bench/reference_mc.py`) computes: unserved demand, mean capacity and
    /// shortfall per month with capacity quantiles, and phase online months.
    public static let reference = StatisticsSelection(
        families: [.unserved, .monthly, .phases], monthlyMetrics: [.capacity, .shortfall], quantileMetrics: [.capacity])

    /// Whether the path kernel must compute spend (contract payments, revenue shares, budget caps).
    var needsSpend: Bool {
        !families.isDisjoint(with: [.spend, .providers, .contracts, .caps]) || monthlyMetrics.contains(.spend)
    }

    /// Whether the path kernel must add provider figures (delivered, idle, revenue per month).
    var needsProviderFigures: Bool { families.contains(.providers) }
}
