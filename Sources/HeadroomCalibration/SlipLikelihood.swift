import HeadroomEngine
import HeadroomModel
import RealModule

/// The log-likelihood of exact and right-censored slips under one family, over free (unconstrained) parameters
/// for the optimiser and natural ones for the standard errors.
protocol SlipLikelihood {
    /// Names of the natural parameters, in scenario syntax.
    var names: [String] { get }
    /// A starting point in free parameters.
    var start: [Double] { get }
    /// Natural parameters from free ones.
    func natural(_ free: [Double]) -> [Double]
    /// The log-likelihood at natural parameters (−infinity outside the family's domain).
    func logLikelihood(natural: [Double]) -> Double
    /// The distribution at natural parameters.
    func distribution(_ natural: [Double]) -> Distribution
    /// Which natural parameters sit on the edge of their domain at `natural` (their standard errors are left out
    /// and the others' are conditional on them).
    func onBound(_ natural: [Double]) -> [Bool]
}

extension SlipLikelihood {
    /// The log-likelihood at free parameters.
    func logLikelihood(free: [Double]) -> Double { logLikelihood(natural: natural(free)) }

    /// None by default.
    func onBound(_ natural: [Double]) -> [Bool] { natural.map { _ in false } }
}

/// `lognormal(median, sigma)`: free parameters ln median and ln sigma.
struct LognormalLikelihood: SlipLikelihood {
    let exact: [Double]
    let atLeast: [Double]
    let names = ["median", "sigma"]

    var start: [Double] {
        let logs = exact.map { Double.log($0) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, logs.count - 1))
        return [mean, Double.log(max(variance.squareRoot(), 0.1))]
    }

    func natural(_ free: [Double]) -> [Double] { [Double.exp(free[0]), Double.exp(free[1])] }

    func logLikelihood(natural p: [Double]) -> Double {
        let (median, sigma) = (p[0], p[1])
        guard median > 0, sigma > 0 else { return -.infinity }
        let mu = Double.log(median)
        var total = 0.0
        for x in exact {
            let z = (Double.log(x) - mu) / sigma
            total += -Double.log(x) - Double.log(sigma) - 0.5 * Double.log(2 * Double.pi) - 0.5 * z * z
        }
        for c in atLeast where c > 0 {
            let z = (Double.log(c) - mu) / sigma
            total += Double.log(0.5 * Double.erfc(z / 2.0.squareRoot()))
        }
        return total
    }

    func distribution(_ p: [Double]) -> Distribution { .lognormal(median: p[0], sigma: p[1]) }
}

/// `shifted_lognormal(shift, median, sigma)`: free parameters place the shift at least ``resolution`` below the
/// smallest observed slip, and ln median and ln sigma of the excess over it.
///
/// The three-parameter lognormal's likelihood grows without bound as the shift approaches the smallest observation
/// (Hill, 1963); slips are recorded in whole months, so a shift within half a month of the smallest slip says
/// nothing the data can tell, and the shift is kept at least that far below it.
struct ShiftedLognormalLikelihood: SlipLikelihood {
    let exact: [Double]
    let atLeast: [Double]
    let names = ["shift", "median", "sigma"]
    /// How far below the smallest observed slip the shift stays, in months (half the recording resolution).
    static let resolution = 0.5
    let ceiling: Double
    let scale: Double

    init(exact: [Double], atLeast: [Double]) {
        self.exact = exact
        self.atLeast = atLeast
        let low = exact.min() ?? 0
        ceiling = low - Self.resolution
        scale = max(1, (exact.max() ?? low) - low)
    }

    var start: [Double] {
        let shift = ceiling - 0.5 * scale
        let logs = exact.map { Double.log($0 - shift) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, logs.count - 1))
        return [Double.log(0.5), mean, Double.log(max(variance.squareRoot(), 0.1))]
    }

    func natural(_ free: [Double]) -> [Double] {
        [ceiling - scale * Double.exp(free[0]), Double.exp(free[1]), Double.exp(free[2])]
    }

    func logLikelihood(natural p: [Double]) -> Double {
        let shift = p[0]
        guard shift <= ceiling else { return -.infinity }
        let excess = LognormalLikelihood(exact: exact.map { $0 - shift }, atLeast: atLeast.map { $0 - shift })
        return excess.logLikelihood(natural: [p[1], p[2]])
    }

    func distribution(_ p: [Double]) -> Distribution { .shiftedLognormal(shift: p[0], median: p[1], sigma: p[2]) }

    /// The shift is on its bound within a thousandth of a month of ``ceiling``.
    func onBound(_ p: [Double]) -> [Bool] { [ceiling - p[0] < 1e-3, false, false] }
}

/// `pert(min, mode, max)` (λ = 4): free parameters place `min` below the smallest observed slip, `max` above the
/// largest slip seen (observed or pending) and the mode between them.
struct PertLikelihood: SlipLikelihood {
    let exact: [Double]
    let atLeast: [Double]
    let names = ["min", "mode", "max"]
    let low: Double
    let high: Double
    let scale: Double

    init(exact: [Double], atLeast: [Double]) {
        self.exact = exact
        self.atLeast = atLeast
        low = exact.min() ?? 0
        high = max(exact.max() ?? 0, atLeast.max() ?? -Double.infinity)
        scale = max(1, high - low)
    }

    var start: [Double] {
        let sorted = exact.sorted()
        let median = sorted[sorted.count / 2]
        let (a, b) = (low - 0.1 * scale, high + 0.1 * scale)
        let share = min(max((median - a) / (b - a), 0.05), 0.95)
        return [Double.log(0.1), Double.log(0.1), Double.log(share / (1 - share))]
    }

    func natural(_ free: [Double]) -> [Double] {
        let a = low - scale * Double.exp(free[0])
        let b = high + scale * Double.exp(free[1])
        let share = 1 / (1 + Double.exp(-free[2]))
        return [a, a + (b - a) * share, b]
    }

    func logLikelihood(natural p: [Double]) -> Double {
        let (a, m, b) = (p[0], p[1], p[2])
        guard a < b, a <= m, m <= b else { return -.infinity }
        let (alpha, beta) = (1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a))
        let logBeta = Double.logGamma(alpha) + Double.logGamma(beta) - Double.logGamma(alpha + beta)
        let width = Double.log(b - a)
        var total = 0.0
        for x in exact {
            guard x > a, x < b else { return -.infinity }
            total +=
                (alpha - 1) * Double.log(x - a) + (beta - 1) * Double.log(b - x) - logBeta
                - (alpha + beta - 1) * width
        }
        let pert = Distribution.pert(min: a, mode: m, max: b)
        for c in atLeast {
            total += Double.log(max(0, 1 - pert.cdf(c)))
        }
        return total
    }

    func distribution(_ p: [Double]) -> Distribution { .pert(min: p[0], mode: p[1], max: p[2]) }
}
