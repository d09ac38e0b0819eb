import HeadroomCalibration
import HeadroomModel

/// A back-test of a scenario's delays against observed slips: in sample and, when asked, leave-one-out.
public struct BacktestOutcome: Sendable, Hashable {
    /// Every mapped slip against the scenario's own predictive slips.
    public var inSample: Backtest
    /// Every slip against the scenario with its unit's delay refitted without that slip, when asked.
    public var leaveOneOut: LeaveOneOutBacktest?
    /// The month the outcomes are judged at.
    public var asOf: Month
    /// Paths of predictive draws.
    public var paths: Int
    /// The random seed.
    public var seed: UInt64
}

/// Slips scored out of sample: each against the scenario whose delay for its unit was fitted without it.
public struct LeaveOneOutBacktest: Sendable, Hashable {
    /// How the delays were (re)fitted.
    public var method: CalibrationMethod
    /// The left-out scores, in slips order.
    public var backtest: Backtest
    /// The delay each slip was scored against, fitted without it, by slips row.
    public var delays: [String: Distribution]
    /// The slips rows whose unit's delay in the scenario is exactly this file's full-data fit, as `calibrate`
    /// prints it: the units calibrated on this file, whose in-sample scores flatter the model.
    public var calibratedRows: [String]
    /// The slips rows scored in sample, against which `calibratedRows` is counted.
    public var scoredRows: Int
}

extension Analyzer {
    /// Scores `slips` against the scenario's predictive slips through `map`, and, with `leaveOneOut`, each slip
    /// against the same paths with its unit's delay refitted by that method on the other slips.
    ///
    /// Leave-one-out reruns the unit's draws once per slip (``slipSamples(_:paths:seed:delays:)``) on common random
    /// numbers, so its scores differ from the in-sample ones only by what the left-out slip taught the fit.
    /// - Parameters:
    ///   - input: The scenario.
    ///   - slips: The observed slips at their as-of month (with group labels for a pooled method).
    ///   - map: Slips row → scenario unit.
    ///   - paths: Paths of predictive draws.
    ///   - seed: The random seed.
    ///   - leaveOneOut: How the scenario's delays were calibrated on `slips`, to refit them without each slip.
    /// - Returns: The in-sample and leave-one-out back-tests.
    /// - Throws: ``AnalysisError`` when the scenario does not read or run, or the method cannot be refitted.
    public static func backtest(
        _ input: ScenarioInput, slips: SlipTable, map: SlipMap, paths: Int, seed: UInt64,
        leaveOneOut: CalibrationMethod? = nil
    ) throws(AnalysisError) -> BacktestOutcome {
        let (scenario, _) = try read(input)
        let samples = try slipSamples(.value(scenario), paths: paths, seed: seed)
        let inSample = Backtest(
            slips.observations, map: map, samples: samples.mapValues(\.slips), planned: samples.mapValues(\.planned))
        var outcome = BacktestOutcome(inSample: inSample, leaveOneOut: nil, asOf: slips.asOf, paths: paths, seed: seed)
        guard let method = leaveOneOut else { return outcome }
        let full: [String: Distribution]
        let leftOut: [String: Distribution]
        do throws(CalibrationError) {
            full = try method.delays(fittedTo: slips.observations)
            leftOut = try method.leaveOneOutDelays(slips.observations)
        } catch {
            throw .request("leave-one-out: \(error.message)")
        }
        let scored = Set(inSample.rows.map(\.name))
        var parts: [Backtest] = []
        var delays: [String: Distribution] = [:]
        for observation in slips.observations where scored.contains(observation.name) {
            guard let unit = map.units[observation.name], let delay = leftOut[observation.name] else { continue }
            // A unit that is not a campus phase (a contract block) has no delay to refit: it is left out.
            guard
                let refitted = try? slipSamples(.value(scenario), paths: paths, seed: seed, delays: [unit: delay]),
                let own = refitted[unit]
            else { continue }
            delays[observation.name] = delay
            parts.append(
                Backtest([observation], map: map, samples: [unit: own.slips], planned: [unit: own.planned]))
        }
        let calibrated = inSample.rows.filter { row in
            samples[row.unit].map { $0.delay == full[row.name] } ?? false
        }
        outcome.leaveOneOut = LeaveOneOutBacktest(
            method: method, backtest: Backtest(combining: parts), delays: delays,
            calibratedRows: calibrated.map(\.name), scoredRows: inSample.rows.count)
        return outcome
    }
}
