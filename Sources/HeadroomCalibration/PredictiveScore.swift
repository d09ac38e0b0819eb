/// How well a predictive distribution, given as Monte Carlo samples, forecast one observed value: its percentile,
/// whether it fell in the central 50% and 80% intervals, and the continuous ranked probability score.
///
/// The back-test scores each observed phase's slip against the model's predictive distribution of that phase's
/// delay (its own delay, the risks that hit it, the copula): the samples are the engine's path samples.
public struct PredictiveScore: Sendable, Hashable, Codable {
    /// The observed value's percentile among the samples (mid-rank: ties count half), in [0, 1].
    public var percentile: Double
    /// Whether it lies in the central 50% interval (P25–P75).
    public var inCentral50: Bool
    /// Whether it lies in the central 80% interval (P10–P90).
    public var inCentral80: Bool
    /// CRPS = E|X − x| − ½ E|X − X′| over the samples, in the value's unit (months): 0 for a perfect point
    /// forecast, and the mean absolute error for a point forecast that misses.
    public var crps: Double
    /// The observed value.
    public var observed: Double
    /// The predictive P10, P25, P50, P75 and P90 (linear interpolation between order statistics).
    public var centralQuantiles: [Double]

    /// Scores `observed` against `samples` (any order; at least one).
    public init(observed x: Double, samples: [Double]) {
        self.init(observed: x, sortedSamples: samples.sorted())
    }

    /// Scores `observed` against samples already in ascending order (to score many values against one forecast).
    public init(observed x: Double, sortedSamples sorted: [Double]) {
        let n = Double(max(1, sorted.count))
        let below = Double(sorted.partitioningIndex { $0 >= x })
        let notAbove = Double(sorted.partitioningIndex { $0 > x })
        percentile = (below + notAbove) / (2 * n)
        func quantile(_ q: Double) -> Double {
            guard let last = sorted.last else { return .nan }
            let rank = q * (n - 1)
            let lo = Int(rank.rounded(.down))
            let hi = min(lo + 1, sorted.count - 1)
            return lo >= sorted.count ? last : sorted[lo] + (rank - Double(lo)) * (sorted[hi] - sorted[lo])
        }
        observed = x
        centralQuantiles = [0.1, 0.25, 0.5, 0.75, 0.9].map(quantile)
        inCentral50 = centralQuantiles[1] <= x && x <= centralQuantiles[3]
        inCentral80 = centralQuantiles[0] <= x && x <= centralQuantiles[4]
        // E|X − x| directly; E|X − X′| = (2 / n²) Σ (2i − n + 1) x_(i) over the sorted samples (0-based i).
        var absolute = 0.0
        var spread = 0.0
        for (i, value) in sorted.enumerated() {
            absolute += abs(value - x)
            spread += (2 * Double(i) - n + 1) * value
        }
        crps = absolute / n - spread / (n * n)
    }
}

/// A back-test's summary over observed phases: interval coverage, mean CRPS and the PIT histogram.
public struct BacktestSummary: Sendable, Hashable, Codable {
    /// Phases scored.
    public var count: Int
    /// Share of observed values inside their central 50% interval (0.5 when calibrated).
    public var coverage50: Double
    /// Share inside their central 80% interval (0.8 when calibrated).
    public var coverage80: Double
    /// Mean CRPS, months.
    public var meanCRPS: Double
    /// Counts of the percentiles in ten equal bins (flat when calibrated).
    public var pitHistogram: [Int]

    /// The summary of `scores`.
    public init(_ scores: [PredictiveScore]) {
        count = scores.count
        let n = Double(max(1, scores.count))
        coverage50 = Double(scores.filter(\.inCentral50).count) / n
        coverage80 = Double(scores.filter(\.inCentral80).count) / n
        meanCRPS = scores.map(\.crps).reduce(0, +) / n
        var bins = [Int](repeating: 0, count: 10)
        for score in scores { bins[min(9, max(0, Int(score.percentile * 10)))] += 1 }
        pitHistogram = bins
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for an array partitioned so that every element that
    /// does comes after every element that does not (binary search).
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
