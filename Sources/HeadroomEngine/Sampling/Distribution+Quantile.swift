import HeadroomModel
import RealModule

extension Distribution {
    /// The value below which a draw falls with probability `u` (the quantile function Q(u)), `u` in [0, 1].
    ///
    /// Exact closed forms for every family except PERT, whose Beta quantile is found by Newton's method on the
    /// regularized incomplete beta function. Unbounded families return ±infinity at `u = 0` or `1`.
    /// - Complexity: O(1), except PERT (tens of incomplete-beta evaluations) and discrete (O(outcomes)).
    public func quantile(_ u: Double) -> Double {
        let u = min(max(u, 0), 1)
        switch self {
        case .fixed(let v):
            return v
        case .uniform(let lo, let hi):
            return lo + (hi - lo) * u
        case .triangular(let lo, let mode, let hi):
            guard hi > lo else { return lo }
            let split = (mode - lo) / (hi - lo)
            if u < split { return lo + ((hi - lo) * (mode - lo) * u).squareRoot() }
            return hi - ((hi - lo) * (hi - mode) * (1 - u)).squareRoot()
        case .pert(let lo, let mode, let hi):
            guard hi > lo else { return lo }
            let (a, b) = Self.pertShape(min: lo, mode: mode, max: hi)
            return lo + (hi - lo) * IncompleteBeta.inverse(p: u, a: a, b: b)
        case .normal(let mean, let sd):
            return sd == 0 ? mean : mean + sd * StandardNormal.quantile(u)
        case .lognormal(let median, let sigma):
            return sigma == 0 ? median : median * Double.exp(sigma * StandardNormal.quantile(u))
        case .shiftedLognormal(let shift, let median, let sigma):
            return shift + Distribution.lognormal(median: median, sigma: sigma).quantile(u)
        case .bernoulli(let p):
            return u > 1 - p ? 1 : 0
        case .discrete(let outcomes):
            let sorted = outcomes.sorted { $0.value < $1.value }
            let total = sorted.reduce(0) { $0 + $1.weight }
            guard total > 0, let last = sorted.last else { return 0 }
            var cumulative = 0.0
            for outcome in sorted {
                cumulative += outcome.weight / total
                if u <= cumulative { return outcome.value }
            }
            return last.value
        }
    }

    /// The probability that a draw is at most `x` (the CDF).
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .fixed(let v):
            return x >= v ? 1 : 0
        case .uniform(let lo, let hi):
            if x < lo { return 0 }
            if x >= hi { return 1 }
            return (x - lo) / (hi - lo)
        case .triangular(let lo, let mode, let hi):
            if x <= lo { return x >= hi ? 1 : 0 }
            if x >= hi { return 1 }
            if x <= mode { return (x - lo) * (x - lo) / ((hi - lo) * (mode - lo)) }
            return 1 - (hi - x) * (hi - x) / ((hi - lo) * (hi - mode))
        case .pert(let lo, let mode, let hi):
            if x < lo { return 0 }
            if x >= hi { return 1 }
            let (a, b) = Self.pertShape(min: lo, mode: mode, max: hi)
            return IncompleteBeta.regularized(x: (x - lo) / (hi - lo), a: a, b: b)
        case .normal(let mean, let sd):
            return sd == 0 ? (x >= mean ? 1 : 0) : StandardNormal.cdf((x - mean) / sd)
        case .lognormal(let median, let sigma):
            if x <= 0 { return 0 }
            return sigma == 0 ? (x >= median ? 1 : 0) : StandardNormal.cdf(Double.log(x / median) / sigma)
        case .shiftedLognormal(let shift, let median, let sigma):
            return Distribution.lognormal(median: median, sigma: sigma).cdf(x - shift)
        case .bernoulli(let p):
            return x < 0 ? 0 : (x < 1 ? 1 - p : 1)
        case .discrete(let outcomes):
            let total = outcomes.reduce(0) { $0 + $1.weight }
            guard total > 0 else { return 0 }
            return outcomes.filter { $0.value <= x }.reduce(0) { $0 + $1.weight } / total
        }
    }

    /// The median, Q(0.5).
    public var median: Double { quantile(0.5) }

    /// The most likely value (the lower one for bimodal discrete distributions; the median for uniform).
    public var mode: Double {
        switch self {
        case .fixed(let v): v
        case .uniform: median
        case .triangular(_, let mode, _), .pert(_, let mode, _): mode
        case .normal(let mean, _): mean
        case .lognormal(let median, let sigma): median * Double.exp(-sigma * sigma)
        case .shiftedLognormal(let shift, let median, let sigma): shift + median * Double.exp(-sigma * sigma)
        case .bernoulli(let p): p > 0.5 ? 1 : 0
        case .discrete(let outcomes):
            outcomes.max { ($0.weight, -$0.value) < ($1.weight, -$1.value) }?.value ?? 0
        }
    }

    /// The mean.
    public var mean: Double {
        switch self {
        case .fixed(let v): v
        case .uniform(let lo, let hi): (lo + hi) / 2
        case .triangular(let lo, let mode, let hi): (lo + mode + hi) / 3
        case .pert(let lo, let mode, let hi): (lo + 4 * mode + hi) / 6
        case .normal(let mean, _): mean
        case .lognormal(let median, let sigma): median * Double.exp(sigma * sigma / 2)
        case .shiftedLognormal(let shift, let median, let sigma): shift + median * Double.exp(sigma * sigma / 2)
        case .bernoulli(let p): p
        case .discrete(let outcomes):
            outcomes.reduce(0) { $0 + $1.value * $1.weight }
                / max(outcomes.reduce(0) { $0 + $1.weight }, .leastNormalMagnitude)
        }
    }

    /// The Beta shape parameters (α, β) of a PERT with λ = 4.
    static func pertShape(min lo: Double, mode: Double, max hi: Double) -> (Double, Double) {
        (1 + 4 * (mode - lo) / (hi - lo), 1 + 4 * (hi - mode) / (hi - lo))
    }
}
