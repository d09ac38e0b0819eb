import HeadroomEngine
import HeadroomModel
import RealModule

/// A delay family that calibration can fit, each one a distribution the scenario format writes.
public enum DelayFamily: String, Sendable, Hashable, Codable, CaseIterable {
    /// `lognormal(median, sigma)`: slips > 0, a long right tail.
    case lognormal
    /// `shifted_lognormal(shift, median, sigma)`: a lognormal moved by `shift`, for slips that may be zero or early.
    case shiftedLognormal = "shifted_lognormal"
    /// `pert(min, mode, max)`: bounded, with a most likely slip.
    case pert

    /// Number of free parameters (for the AIC).
    public var parameterCount: Int { self == .lognormal ? 2 : 3 }
}

/// A maximum-likelihood fit of one delay family to observed and right-censored slips.
public struct DelayFit: Sendable, Hashable {
    /// The family fitted.
    public var family: DelayFamily
    /// The fitted distribution.
    public var distribution: Distribution
    /// Its parameters with standard errors.
    public var parameters: [FittedParameter]
    /// The maximised log-likelihood (densities in months⁻¹, survival probabilities for censored slips).
    public var logLikelihood: Double
    /// Akaike's information criterion, 2k − 2 ln L: the lower, the better the fit for its parameters.
    public var aic: Double
    /// Slips observed exactly.
    public var observed: Int
    /// Slips known only to be at least some months (phases not yet online).
    public var censored: Int
}

/// Fits delay distributions to slips by maximum likelihood, with right-censoring.
public enum DelayCalibration {
    /// Fits `family` to the slips in `observations` (cancellations are left out: see ``cancellation(_:)``).
    ///
    /// Observed slips add their log-density, pending ones the log of the probability of slipping at least that
    /// far; the likelihood is maximised by a Nelder–Mead simplex over unconstrained parameters, and standard errors
    /// come from the inverse of the observed information (a numerical Hessian of −ln L at the maximum).
    /// - Throws: ``CalibrationError`` when there is nothing to fit or the family cannot hold the data
    ///   (lognormal needs every observed slip > 0).
    public static func fit(_ family: DelayFamily, to observations: [SlipObservation]) throws(CalibrationError)
        -> DelayFit
    {
        var exact: [Double] = []
        var atLeast: [Double] = []
        for observation in observations {
            switch observation.outcome {
            case .slipped(let months): exact.append(months)
            case .pending(let months): atLeast.append(months)
            case .cancelled: break
            }
        }
        guard !exact.isEmpty else { throw CalibrationError("no observed slip to fit (only pending or cancelled)") }
        guard exact.allSatisfy(\.isFinite), atLeast.allSatisfy(\.isFinite) else {
            throw CalibrationError("slips must be finite numbers of months")
        }
        let likelihood: any SlipLikelihood
        switch family {
        case .lognormal:
            guard exact.allSatisfy({ $0 > 0 }) else {
                throw CalibrationError("lognormal needs every observed slip > 0 months")
            }
            likelihood = LognormalLikelihood(exact: exact, atLeast: atLeast)
        case .shiftedLognormal:
            guard (exact.max() ?? 0) > (exact.min() ?? 0) else {
                throw CalibrationError("shifted_lognormal needs at least two different observed slips")
            }
            likelihood = ShiftedLognormalLikelihood(exact: exact, atLeast: atLeast)
        case .pert:
            guard (exact.max() ?? 0) > (exact.min() ?? 0) else {
                throw CalibrationError("pert needs at least two different observed slips")
            }
            likelihood = PertLikelihood(exact: exact, atLeast: atLeast)
        }
        let optimum = NelderMead().minimise(from: likelihood.start) { -likelihood.logLikelihood(free: $0) }
        let natural = likelihood.natural(optimum.point)
        let errors = conditionalStandardErrors(at: natural, fixed: likelihood.onBound(natural)) {
            -likelihood.logLikelihood(natural: $0)
        }
        let logL = -optimum.value
        return DelayFit(
            family: family, distribution: likelihood.distribution(natural),
            parameters: zip(likelihood.names, natural).enumerated().map { i, pair in
                FittedParameter(name: pair.0, value: pair.1, standardError: errors?[i] ?? nil)
            },
            logLikelihood: logL, aic: 2 * Double(family.parameterCount) - 2 * logL, observed: exact.count,
            censored: atLeast.count)
    }

    /// Every family that can hold the data, best (lowest AIC) first.
    /// - Throws: ``CalibrationError`` when no family can be fitted.
    public static func fitAll(_ observations: [SlipObservation]) throws(CalibrationError) -> [DelayFit] {
        var fits: [DelayFit] = []
        var problems: [String] = []
        for family in DelayFamily.allCases {
            do throws(CalibrationError) {
                fits.append(try fit(family, to: observations))
            } catch {
                problems.append("\(family.rawValue): \(error.message)")
            }
        }
        guard !fits.isEmpty else { throw CalibrationError(problems.joined(separator: "; ")) }
        return fits.sorted { $0.aic < $1.aic }
    }

    /// Standard errors of the parameters not `fixed` (on a bound), conditional on those, which get `nil`.
    static func conditionalStandardErrors(
        at point: [Double], fixed: [Bool], _ negativeLogLikelihood: ([Double]) -> Double
    ) -> [Double?]? {
        let free = point.indices.filter { !fixed[$0] }
        guard !free.isEmpty else { return nil }
        let errors = standardErrors(at: free.map { point[$0] }) { values in
            var x = point
            for (i, v) in zip(free, values) { x[i] = v }
            return negativeLogLikelihood(x)
        }
        guard let errors else { return nil }
        var result = [Double?](repeating: nil, count: point.count)
        for (i, e) in zip(free, errors) { result[i] = e }
        return result
    }

    /// Standard errors from the inverse of a numerical Hessian of `negativeLogLikelihood` at `point`; `nil` when
    /// the Hessian is not positive definite (a maximum on a boundary, or too little data).
    static func standardErrors(at point: [Double], _ negativeLogLikelihood: ([Double]) -> Double) -> [Double]? {
        let n = point.count
        let h = point.map { 1e-4 * max(1, abs($0)) }
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        func f(_ shifts: [(Int, Double)]) -> Double {
            var x = point
            for (i, s) in shifts { x[i] += s }
            return negativeLogLikelihood(x)
        }
        let centre = f([])
        for i in 0..<n {
            hessian[i][i] = (f([(i, h[i])]) - 2 * centre + f([(i, -h[i])])) / (h[i] * h[i])
            for j in 0..<i {
                let v =
                    (f([(i, h[i]), (j, h[j])]) - f([(i, h[i]), (j, -h[j])]) - f([(i, -h[i]), (j, h[j])])
                        + f([(i, -h[i]), (j, -h[j])])) / (4 * h[i] * h[j])
                hessian[i][j] = v
                hessian[j][i] = v
            }
        }
        guard let inverse = invert(hessian) else { return nil }
        let variances = (0..<n).map { inverse[$0][$0] }
        guard variances.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        return variances.map { $0.squareRoot() }
    }

    /// The inverse of a small symmetric matrix by Gauss–Jordan elimination with partial pivoting.
    static func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix.enumerated().map { i, row in row + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-300, a[pivot][column].isFinite
            else { return nil }
            a.swapAt(column, pivot)
            let scale = a[column][column]
            a[column] = a[column].map { $0 / scale }
            for row in 0..<n where row != column {
                let factor = a[row][column]
                if factor != 0 { a[row] = zip(a[row], a[column]).map { $0 - factor * $1 } }
            }
        }
        return a.map { Array($0[n...]) }
    }
}
