import HeadroomModel

/// How a scenario's delays were calibrated on a slips file, so that a back-test can refit them without each slip
/// in turn (leave-one-out) and score that slip out of sample.
public enum CalibrationMethod: Sendable, Hashable {
    /// One family fitted to every slip (`calibrate`'s table).
    case family(DelayFamily)
    /// A lognormal pooled across the groups of a column (`calibrate --group-by COLUMN`): each group's delay is
    /// `lognormal(pooled median, σ)`.
    case pooled(column: String)

    /// The delay each observation's group gets when the method is fitted to `observations`, by observation name,
    /// rounded as `calibrate` prints it.
    ///
    /// - Parameter observations: The slips to fit.
    /// - Returns: The fitted delay of every observation's group, by name.
    /// - Throws: ``CalibrationError`` when the method cannot be fitted.
    public func delays(fittedTo observations: [SlipObservation]) throws(CalibrationError) -> [String: Distribution] {
        var delays: [String: Distribution] = [:]
        switch self {
        case .family(let family):
            let fitted = DelayCalibration.rounded(try DelayCalibration.fit(family, to: observations).distribution)
            for observation in observations { delays[observation.name] = fitted }
        case .pooled(let column):
            let fit = try PooledLognormalFit.fit(observations, groupedBy: column)
            for observation in observations {
                delays[observation.name] = DelayCalibration.rounded(fit.delay(forGroup: observation.groups[column]))
            }
        }
        return delays
    }

    /// For every observation that is not a cancellation, the delay its group gets when the method is fitted to
    /// all the other observations (rounded as `calibrate` prints it): the model that did not see it.
    ///
    /// A pooled group left with no slip of its own gets the predictive of a new group: the population median with
    /// the group spread added to σ (`lognormal(e^μ, √(σ² + τ²))`).
    /// - Parameter observations: The slips.
    /// - Returns: The left-out fits, by observation name.
    /// - Throws: ``CalibrationError`` when the method cannot be fitted without some observation.
    public func leaveOneOutDelays(_ observations: [SlipObservation]) throws(CalibrationError) -> [String: Distribution]
    {
        var delays: [String: Distribution] = [:]
        for (i, observation) in observations.enumerated() {
            if case .cancelled = observation.outcome { continue }
            var others = observations
            others.remove(at: i)
            switch self {
            case .family(let family):
                delays[observation.name] = DelayCalibration.rounded(
                    try DelayCalibration.fit(family, to: others).distribution)
            case .pooled(let column):
                let fit = try PooledLognormalFit.fit(others, groupedBy: column)
                delays[observation.name] = DelayCalibration.rounded(fit.delay(forGroup: observation.groups[column]))
            }
        }
        return delays
    }
}

extension PooledLognormalFit {
    /// The delay of group `name`: `lognormal(its pooled median, σ)`, or for a group the fit has not seen (or has
    /// seen only cancelled), a new group's `lognormal(e^μ, √(σ² + τ²))`.
    ///
    /// - Parameter name: The group's label (`nil`: "(none)").
    /// - Returns: The group's delay distribution.
    public func delay(forGroup name: String?) -> Distribution {
        if let group = groups.first(where: { $0.name == (name ?? "(none)") }) {
            return .lognormal(median: group.median, sigma: sigma)
        }
        return .lognormal(median: median, sigma: (sigma * sigma + groupSpread * groupSpread).squareRoot())
    }
}

extension DelayCalibration {
    /// `distribution` with its parameters rounded to hundredths, as a person writes it in a scenario and as
    /// `calibrate` prints it.
    ///
    /// - Parameter distribution: The fitted distribution.
    /// - Returns: The rounded distribution (other families unchanged).
    public static func rounded(_ distribution: Distribution) -> Distribution {
        func r(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        switch distribution {
        case .lognormal(let median, let sigma): return .lognormal(median: r(median), sigma: r(sigma))
        case .pert(let lo, let mode, let hi): return .pert(min: r(lo), mode: r(mode), max: r(hi))
        case .shiftedLognormal(let shift, let median, let sigma):
            return .shiftedLognormal(shift: r(shift), median: r(median), sigma: r(sigma))
        default: return distribution
        }
    }
}
