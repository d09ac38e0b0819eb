import HeadroomModel

/// The sections of a result as reports read them: a family the run did not compute reads as NaN (shown as "-"),
/// never as a made-up zero. Reports that show a family check ``MonteCarloResult/statistics`` before showing it.
extension MonteCarloResult {
    /// A NaN series per month, with NaN quantiles at every level.
    private var missingStatistic: MonthlyStatistic {
        let nan = [Double](repeating: .nan, count: months.count)
        return MonthlyStatistic(mean: nan, standardError: nan, quantiles: quantileLevels.map { _ in nan })
    }

    /// A statistic, or NaN where quantiles were not kept.
    private func complete(_ statistic: MonthlyStatistic?) -> MonthlyStatistic {
        guard var statistic else { return missingStatistic }
        if statistic.quantiles.isEmpty { statistic.quantiles = missingStatistic.quantiles }
        return statistic
    }

    /// Demand per month (NaN when not computed).
    public var demandStatistic: MonthlyStatistic { complete(demand) }
    /// Capacity per month (NaN when not computed).
    public var capacityStatistic: MonthlyStatistic { complete(capacity) }
    /// Shortfall per month (NaN when not computed).
    public var shortfallStatistic: MonthlyStatistic { complete(shortfall) }
    /// Idle capacity per month (NaN when not computed).
    public var idleStatistic: MonthlyStatistic { complete(idle) }
    /// Spend per month (NaN when not computed).
    public var spendStatistic: MonthlyStatistic { complete(spend) }

    /// P(shortfall) per month.
    public var probabilities: [Double] { shortfallProbability ?? [Double](repeating: .nan, count: months.count) }

    /// The unserved headline figures.
    public var headlineFigures: Headline {
        headline
            ?? Headline(
                expectedUnservedMWMonths: .missing, expectedUnservedAcceleratorHours: nil, expectedUnservedFLOP: nil,
                probabilityOfAnyShortfall: .missing, expectedPeakShortfallMW: .missing)
    }

    /// Expected total spend.
    public var spendEstimate: Estimate { expectedTotalSpendUSD ?? .missing }

    /// Quantiles of unserved MW-months.
    public var unservedQuantiles: PathQuantiles { unservedMWMonthsQuantiles ?? .missing }

    /// Quantiles of total spend.
    public var spendQuantiles: PathQuantiles { totalSpendQuantiles ?? .missing }

    /// Whether the run computed `family`.
    public func has(_ family: StatisticFamily) -> Bool { statistics.families.contains(family) }
}

extension Estimate {
    /// A figure the run did not compute.
    public static let missing = Estimate(value: .nan, standardError: .nan)
}

extension PathQuantiles {
    /// Quantiles the run did not compute.
    public static let missing = PathQuantiles(p10: .nan, p50: .nan, p90: .nan)
}
