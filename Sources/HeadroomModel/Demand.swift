/// Demand for one workload class over time, in IT MW, with its uncertainty.
public struct Demand: Hashable, Sendable {
    /// The workload whose demand this is.
    public var workload: WorkloadID
    /// How demand grows.
    public var growth: Growth

    /// Creates a demand curve.
    public init(workload: WorkloadID, growth: Growth) {
        self.workload = workload
        self.growth = growth
    }

    /// A demand growth model.
    public enum Growth: Hashable, Sendable {
        /// `initialMW · exp(g · (t − start) / 12)`, with `g` drawn once per path from `annualLogGrowth`.
        case exponential(start: Month, initialMW: Double, annualLogGrowth: Distribution)
        /// Anchor points interpolated in log space; each anchor's `logSigma` widens the band around it, and one
        /// standard normal draw per path scales the whole curve: `exp(log m(t) + σ(t) · Z)`. Flat before the first
        /// anchor and after the last.
        case anchors([DemandAnchor])
    }
}

/// One anchor of an anchored demand curve.
public struct DemandAnchor: Hashable, Sendable {
    /// The month the anchor applies to.
    public var month: Month
    /// The median demand then, IT MW.
    public var megawatts: Double
    /// The standard deviation of log demand then (0.5 ≈ a factor 1.65 either way at one sigma).
    public var logSigma: Double

    /// Creates an anchor.
    public init(month: Month, megawatts: Double, logSigma: Double = 0) {
        self.month = month
        self.megawatts = megawatts
        self.logSigma = logSigma
    }
}
