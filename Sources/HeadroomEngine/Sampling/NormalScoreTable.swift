import HeadroomModel

/// Maps a standard normal score `x` to `Q(Φ(x))`, the value of a distribution at the same quantile.
///
/// The Gaussian copula draws a correlated normal score per phase; this table turns it into a delay without
/// evaluating Φ or a quantile function per draw. Continuous families are tabulated on `x ∈ [−8, 8]` with 2,048
/// intervals (step 1/128) and linear interpolation: the interpolation error is below 1e-4 of the distribution's
/// range for PERT and 1e-5 relative for lognormal. Discrete and Bernoulli distributions, whose quantile functions
/// jump, are evaluated exactly.
public struct NormalScoreTable: Sendable {
    /// Lowest tabulated score.
    static let lowest = -8.0
    /// Intervals per unit of score.
    static let stepsPerUnit = 128.0
    /// Number of intervals.
    static let intervals = 2048

    /// How the table evaluates.
    enum Form: Sendable {
        case constant(Double)
        case affine(mean: Double, sd: Double)
        case table([Double])
        case exact(Distribution)
    }

    let form: Form

    /// Builds the table for `distribution`.
    public init(_ distribution: Distribution) {
        switch distribution {
        case .fixed(let v):
            form = .constant(v)
        case .normal(let mean, let sd):
            form = .affine(mean: mean, sd: sd)
        case .discrete, .bernoulli:
            form = .exact(distribution)
        case .uniform(let lo, let hi) where lo == hi:
            form = .constant(lo)
        case .triangular(let lo, _, let hi) where lo == hi:
            form = .constant(lo)
        case .pert(let lo, _, let hi) where lo == hi:
            form = .constant(lo)
        case .lognormal(let median, let sigma) where sigma == 0:
            form = .constant(median)
        case .shiftedLognormal(let shift, let median, let sigma) where sigma == 0:
            form = .constant(shift + median)
        case .pert(let lo, let mode, let hi):
            // March up the grid: each Beta quantile starts from its neighbour and is bracketed by it.
            let (a, b) = Distribution.pertShape(min: lo, mode: mode, max: hi)
            var values = [Double](repeating: 0, count: Self.intervals + 1)
            var previous = 0.0
            for i in 0...Self.intervals {
                let p = StandardNormal.cdf(Self.lowest + Double(i) / Self.stepsPerUnit)
                previous = IncompleteBeta.inverse(p: p, a: a, b: b, start: previous, bracket: (previous, 1))
                values[i] = lo + (hi - lo) * previous
            }
            form = .table(values)
        default:
            var values = [Double](repeating: 0, count: Self.intervals + 1)
            for i in 0...Self.intervals {
                let x = Self.lowest + Double(i) / Self.stepsPerUnit
                values[i] = distribution.quantile(StandardNormal.cdf(x))
            }
            form = .table(values)
        }
    }

    /// `Q(Φ(x))`.
    @inlinable
    public func value(atScore x: Double) -> Double {
        evaluate(x)
    }

    @usableFromInline
    func evaluate(_ x: Double) -> Double {
        switch form {
        case .constant(let v):
            return v
        case .affine(let mean, let sd):
            return mean + sd * x
        case .exact(let distribution):
            return distribution.quantile(StandardNormal.cdf(x))
        case .table(let values):
            return Self.interpolate(values, x)
        }
    }

    /// Linear interpolation in a table laid out like ``NormalScoreTable``'s.
    @inline(__always)
    static func interpolate(_ values: UnsafeBufferPointer<Double>, _ x: Double) -> Double {
        let position = min(max((x - lowest) * stepsPerUnit, 0), Double(intervals) - 1e-9)
        let index = Int(position)
        let fraction = position - Double(index)
        return values[index] + fraction * (values[index + 1] - values[index])
    }

    /// Linear interpolation in a `Float` table laid out like ``NormalScoreTable``'s (the path kernel's compact copy).
    @inline(__always)
    static func interpolate(_ values: UnsafeBufferPointer<Float>, _ x: Double) -> Double {
        let position = min(max((x - lowest) * stepsPerUnit, 0), Double(intervals) - 1e-9)
        let index = Int(position)
        let fraction = position - Double(index)
        let low = Double(values[index])
        return low + fraction * (Double(values[index + 1]) - low)
    }

    static func interpolate(_ values: [Double], _ x: Double) -> Double {
        values.withUnsafeBufferPointer { interpolate($0, x) }
    }
}
