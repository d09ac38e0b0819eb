/// A probability distribution of one real quantity (a delay in months, a growth rate, an appetite in MW).
///
/// Written in a scenario file in an inline form (`pert(0, 3, 9)`) or a mapping form
/// (`{pert: {min: 0, mode: 3, max: 9}}`); both parse to the same value. Sampling and quantiles live in
/// `HeadroomEngine`; this type only holds the parameters and knows whether they make sense.
public enum Distribution: Hashable, Sendable {
    /// Always `value`.
    case fixed(Double)
    /// Uniform on `[min, max]`.
    case uniform(min: Double, max: Double)
    /// Triangular on `[min, max]` with its peak at `mode`.
    case triangular(min: Double, mode: Double, max: Double)
    /// Beta-PERT on `[min, max]` with mode `mode` and shape λ = 4:
    /// `Beta(1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min))` scaled to `[min, max]`.
    case pert(min: Double, mode: Double, max: Double)
    /// Normal with mean `mean` and standard deviation `sd`.
    case normal(mean: Double, sd: Double)
    /// Lognormal: `median · exp(sigma · Z)` with `Z` standard normal.
    case lognormal(median: Double, sigma: Double)
    /// A lognormal moved by `shift`: `shift + median · exp(sigma · Z)`, so draws exceed `shift` and the median is
    /// `shift + median`. It holds delays that may be zero or early (a negative `shift`), which a lognormal cannot.
    case shiftedLognormal(shift: Double, median: Double, sigma: Double)
    /// 1 with probability `p`, else 0.
    case bernoulli(p: Double)
    /// One of finitely many values, each with a weight (weights are normalised to sum to 1).
    case discrete([DiscreteOutcome])

    /// The distribution's family name as written in a scenario file (`pert`, `lognormal`, …).
    public var kind: String {
        switch self {
        case .fixed: "fixed"
        case .uniform: "uniform"
        case .triangular: "triangular"
        case .pert: "pert"
        case .normal: "normal"
        case .lognormal: "lognormal"
        case .shiftedLognormal: "shifted_lognormal"
        case .bernoulli: "bernoulli"
        case .discrete: "discrete"
        }
    }

    /// Whether every draw is certainly at least zero (used to check MW, money and probabilities).
    public var isNonNegative: Bool {
        switch self {
        case .fixed(let v): v >= 0
        case .uniform(let lo, _), .triangular(let lo, _, _), .pert(let lo, _, _): lo >= 0
        case .normal(let mean, let sd): sd == 0 && mean >= 0
        case .lognormal: true
        case .shiftedLognormal(let shift, _, _): shift >= 0
        case .bernoulli: true
        case .discrete(let outcomes): outcomes.allSatisfy { $0.value >= 0 }
        }
    }

    /// The smallest value a draw can take, or `nil` when unbounded below.
    public var lowerBound: Double? {
        switch self {
        case .fixed(let v): v
        case .uniform(let lo, _), .triangular(let lo, _, _), .pert(let lo, _, _): lo
        case .normal(let mean, let sd): sd == 0 ? mean : nil
        case .lognormal: 0
        case .shiftedLognormal(let shift, let median, let sigma): sigma == 0 ? shift + median : shift
        case .bernoulli: 0
        case .discrete(let outcomes): outcomes.map(\.value).min()
        }
    }

    /// The largest value a draw can take, or `nil` when unbounded above.
    public var upperBound: Double? {
        switch self {
        case .fixed(let v): v
        case .uniform(_, let hi), .triangular(_, _, let hi), .pert(_, _, let hi): hi
        case .normal(let mean, let sd): sd == 0 ? mean : nil
        case .lognormal(let median, let sigma): sigma == 0 ? median : nil
        case .shiftedLognormal(let shift, let median, let sigma): sigma == 0 ? shift + median : nil
        case .bernoulli(let p): p > 0 ? 1 : 0
        case .discrete(let outcomes): outcomes.map(\.value).max()
        }
    }

    /// Problems with the parameters, as human-readable sentences; empty when the distribution is well formed.
    ///
    /// Checks finiteness, ordering (`min ≤ mode ≤ max`), positive scales and probabilities in `[0, 1]`.
    public var parameterProblems: [String] {
        var problems: [String] = []
        func finite(_ name: String, _ v: Double) {
            if !v.isFinite { problems.append("\(name) must be a finite number, got \(v)") }
        }
        switch self {
        case .fixed(let v):
            finite("value", v)
        case .uniform(let lo, let hi):
            finite("min", lo)
            finite("max", hi)
            if lo > hi { problems.append("uniform needs min ≤ max, got min \(lo) > max \(hi)") }
        case .triangular(let lo, let mode, let hi), .pert(let lo, let mode, let hi):
            finite("min", lo)
            finite("mode", mode)
            finite("max", hi)
            if !(lo <= mode && mode <= hi) {
                problems.append("\(kind) needs min ≤ mode ≤ max, got \(lo), \(mode), \(hi)")
            }
        case .normal(let mean, let sd):
            finite("mean", mean)
            finite("sd", sd)
            if sd < 0 { problems.append("normal needs sd ≥ 0, got \(sd)") }
        case .lognormal(let median, let sigma):
            finite("median", median)
            finite("sigma", sigma)
            if !(median > 0) { problems.append("lognormal needs median > 0, got \(median)") }
            if sigma < 0 { problems.append("lognormal needs sigma ≥ 0, got \(sigma)") }
        case .shiftedLognormal(let shift, let median, let sigma):
            finite("shift", shift)
            finite("median", median)
            finite("sigma", sigma)
            if !(median > 0) { problems.append("shifted_lognormal needs median > 0, got \(median)") }
            if sigma < 0 { problems.append("shifted_lognormal needs sigma ≥ 0, got \(sigma)") }
        case .bernoulli(let p):
            if !(p >= 0 && p <= 1) { problems.append("bernoulli needs 0 ≤ p ≤ 1, got \(p)") }
        case .discrete(let outcomes):
            if outcomes.isEmpty { problems.append("discrete needs at least one outcome") }
            var total = 0.0
            for (i, outcome) in outcomes.enumerated() {
                finite("outcomes[\(i)].value", outcome.value)
                if !(outcome.weight >= 0 && outcome.weight.isFinite) {
                    problems.append("outcomes[\(i)].weight must be a finite number ≥ 0, got \(outcome.weight)")
                }
                total += outcome.weight
            }
            if !outcomes.isEmpty && !(total > 0) { problems.append("discrete needs weights that sum to more than 0") }
        }
        return problems
    }
}

/// One outcome of a ``Distribution/discrete(_:)`` distribution.
public struct DiscreteOutcome: Hashable, Sendable {
    /// The value drawn.
    public var value: Double
    /// Its relative weight (weights are normalised to sum to 1).
    public var weight: Double

    /// Creates an outcome.
    public init(value: Double, weight: Double) {
        self.value = value
        self.weight = weight
    }
}
