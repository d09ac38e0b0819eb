import HeadroomModel

/// A plan judged out of sample: on fresh paths (common random numbers for every plan compared), by the optimizer's
/// cost model and by the full engine, with 95% confidence intervals; the value of the stochastic solution, the
/// expected value of perfect information, and a statistical bound on the optimality gap.
///
/// Definitions (N fresh paths, cost = spend + Σ_w p_w · unserved MW-months of w):
/// - value of the stochastic solution (VSS) = E[cost(x_median)] − E[cost(x̂)], with x_median the plan made on the
///   median path alone (every distribution at its median), both on the same fresh paths;
/// - expected value of perfect information (EVPI) = E_s[cost_s(x̂) − min_x cost_s(x)], the mean over K in-sample
///   paths of what knowing the path in advance would save;
/// - Mak–Morton–Wood gap bound: M independent SAA replications r of S paths, G_r = f̂_r(x̂) − v_r (x̂'s SAA
///   objective on replication r's paths less that replication's optimum); the gap of x̂ is at most
///   mean(G) + t_{0.95, M−1} · sd(G) / √M with 95% confidence.
public struct PlanEvaluation: Sendable, Hashable, Codable {
    /// Fresh paths N.
    public var paths: Int
    /// Their seed.
    public var seed: UInt64
    /// The signed contracts alone, the plan, and the plan made on medians, in that order.
    public var rows: [Row]
    /// The plan made on medians (what it signs).
    public var medianPlan: [OptimizationResult.PlanLine]
    /// How the plan made on medians was adjusted (a cap the signed contracts alone break on the median path), if
    /// it was.
    public var medianPlanNote: String?
    /// E[cost(signed alone)] − E[cost(plan)], paired.
    public var savingAgainstSigned: Interval
    /// The value of the stochastic solution, paired.
    public var valueOfStochasticSolution: Interval
    /// The expected value of perfect information, if estimated.
    public var expectedValueOfPerfectInformation: Interval?
    /// Paths the EVPI was estimated on.
    public var perfectInformationPaths: Int
    /// The Mak–Morton–Wood bound, if replications were asked for.
    public var gapBound: GapBound?

    /// A value with the half-width of its 95% confidence interval.
    public struct Interval: Sendable, Hashable, Codable {
        /// The estimate.
        public var value: Double
        /// 1.96 standard errors (or the t quantile for few samples).
        public var halfWidth: Double
    }

    /// One plan on the fresh paths.
    public struct Row: Sendable, Hashable, Codable {
        /// `signed contracts only`, `plan`, `plan made on medians`.
        public var name: String
        /// New IT MW signed.
        public var newMW: Double
        /// Expected cost (spend + penalty), by the optimizer's model.
        public var expectedCostUSD: Interval
        /// Expected spend.
        public var expectedSpendUSD: Interval
        /// Expected penalty.
        public var expectedPenaltyUSD: Interval
        /// Expected unserved MW-months, by the engine.
        public var expectedUnservedMWMonths: Interval
        /// Expected spend, by the engine (take-or-pay usage and revenue shares as simulated).
        public var engineSpendUSD: Interval
        /// Share of demand MW-months served, by the engine.
        public var servedShare: Double
        /// P(any shortfall on the path), by the engine.
        public var probabilityOfShortfall: Double
        /// P(shortfall) per month, by the engine.
        public var shortfallProbabilityByMonth: [Double]
        /// P(spend in the cap's window > cap) per budget cap, by the engine.
        public var capBreach: [OptimizationResult.NamedFigure]
        /// Delivered capacity per month, MW: P10, P50, P90 over the fresh paths, by the engine.
        public var capacityFan: Fan
        /// Demand per month, MW: P10, P50, P90.
        public var demandFan: Fan
    }

    /// Monthly P10, P50 and P90 of a series.
    public struct Fan: Sendable, Hashable, Codable {
        /// 10th percentile per month.
        public var p10: [Double]
        /// Median per month.
        public var p50: [Double]
        /// 90th percentile per month.
        public var p90: [Double]
    }

    /// The Mak–Morton–Wood statistical gap bound.
    public struct GapBound: Sendable, Hashable, Codable {
        /// Replications M.
        public var replications: Int
        /// Mean gap estimate, USD.
        public var meanGapUSD: Double
        /// The 95% upper confidence bound on the gap, USD.
        public var upperBoundUSD: Double
        /// The same, relative to the plan's objective.
        public var relativeUpperBound: Double
        /// The replications' optima, USD (their mean is a statistical lower bound on the true optimum).
        public var replicationOptimaUSD: [Double]
    }
}

/// The Student t quantile t_{0.975, df} (two-sided 95%) and t_{0.95, df} (one-sided), for small samples.
enum StudentT {
    private static let twoSided: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
    private static let oneSided: [Double] = [
        6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
        1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697,
    ]

    static func twoSided95(df: Int) -> Double { df >= 1 && df <= 30 ? twoSided[df - 1] : 1.96 }
    static func oneSided95(df: Int) -> Double { df >= 1 && df <= 30 ? oneSided[df - 1] : 1.645 }
}

/// Running mean and variance (Welford), mergeable.
struct RunningMoments: Sendable {
    var count = 0
    var mean = 0.0
    var m2 = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
    }

    /// The mean with its 95% half-width.
    var interval: PlanEvaluation.Interval {
        guard count > 1 else { return .init(value: mean, halfWidth: 0) }
        let sd = (m2 / Double(count - 1)).squareRoot()
        return .init(value: mean, halfWidth: StudentT.twoSided95(df: count - 1) * sd / Double(count).squareRoot())
    }
}
