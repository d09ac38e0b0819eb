import HeadroomEngine
import HeadroomModel
import HeadroomTestSupport
import RealModule
import Testing

@testable import HeadroomCalibration

/// Maximum-likelihood fits recover the parameters of synthetic slips drawn from a known distribution, with and
/// without right-censoring, within their standard errors; ignoring the censoring biases them; the AIC picks the
/// family the data came from.
@Suite("Delay calibration")
struct DelayFitTests {
    /// `n` draws of `distribution` by inversion.
    static func draws(_ distribution: Distribution, _ n: Int, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { _ in distribution.quantile(rng.nextUnit()) }
    }

    static func parameter(_ fit: DelayFit, _ name: String) -> FittedParameter? {
        fit.parameters.first { $0.name == name }
    }

    @Test("lognormal(5, 0.6), 400 slips: median and sigma within 3 standard errors")
    func lognormalRecovery() throws {
        let slips = Self.draws(.lognormal(median: 5, sigma: 0.6), 400, seed: 1)
        let fit = try DelayCalibration.fit(
            .lognormal, to: slips.enumerated().map { SlipObservation(name: "p\($0)", outcome: .slipped(months: $1)) })
        let median = try #require(Self.parameter(fit, "median"))
        let sigma = try #require(Self.parameter(fit, "sigma"))
        let (seMedian, seSigma) = (try #require(median.standardError), try #require(sigma.standardError))
        #expect(abs(median.value - 5) < 3 * seMedian, "\(median)")
        #expect(abs(sigma.value - 0.6) < 3 * seSigma, "\(sigma)")
        // Closed form for uncensored lognormal data: the MLE is the mean and (n-denominator) sd of the logs, and
        // SE(sigma) ≈ sigma / √(2n).
        let logs = slips.map { Double.log($0) }
        let mean = logs.reduce(0, +) / 400
        let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 400).squareRoot()
        #expect(abs(median.value - Double.exp(mean)) < 1e-4 * median.value)
        #expect(abs(sigma.value - sd) < 1e-4)
        #expect(abs(seSigma - sd / 800.0.squareRoot()) < 0.02 * seSigma)
        #expect(fit.observed == 400 && fit.censored == 0)
    }

    @Test("right-censored at 6 months: still recovered; treating the pending as observed biases the median down")
    func censoredRecovery() throws {
        // The as-of date cuts every slip longer than 6 months: those phases are pending, slipped at least 6.
        let slips = Self.draws(.lognormal(median: 5, sigma: 0.6), 600, seed: 2)
        let observations = slips.enumerated().map { i, x in
            SlipObservation(name: "p\(i)", outcome: x > 6 ? .pending(atLeastMonths: 6) : .slipped(months: x))
        }
        let fit = try DelayCalibration.fit(.lognormal, to: observations)
        #expect(fit.censored > 150 && fit.censored < 250)
        let median = try #require(Self.parameter(fit, "median"))
        let sigma = try #require(Self.parameter(fit, "sigma"))
        #expect(abs(median.value - 5) < 3 * (median.standardError ?? 0), "\(median)")
        #expect(abs(sigma.value - 0.6) < 3 * (sigma.standardError ?? 0), "\(sigma)")
        // Naive: pending phases as if they had come online at 6 months.
        let naive = try DelayCalibration.fit(
            .lognormal,
            to: slips.enumerated().map { SlipObservation(name: "p\($0)", outcome: .slipped(months: min($1, 6))) })
        let naiveMedian = try #require(Self.parameter(naive, "median"))
        #expect(5 - naiveMedian.value > 3 * (naiveMedian.standardError ?? 0), "\(naiveMedian)")
    }

    @Test("pert(1, 4, 12), 500 slips: min, mode and max recovered; the AIC prefers pert to lognormal")
    func pertRecovery() throws {
        let slips = Self.draws(.pert(min: 1, mode: 4, max: 12), 500, seed: 3)
        let observations = slips.enumerated().map { SlipObservation(name: "p\($0)", outcome: .slipped(months: $1)) }
        let fits = try DelayCalibration.fitAll(observations)
        #expect(fits.first?.family == .pert)
        #expect(Set(fits.map(\.family)) == Set(DelayFamily.allCases))
        let pert = fits[0]
        for (name, truth) in [("min", 1.0), ("mode", 4.0), ("max", 12.0)] {
            let p = try #require(Self.parameter(pert, name))
            let se = try #require(p.standardError, "\(name) has no standard error")
            #expect(abs(p.value - truth) < max(3 * se, 0.05 * truth), "\(name): \(p)")
        }
        #expect(fits[0].aic < fits[1].aic)
    }

    @Test("shifted_lognormal(-2, 4, 0.5), 500 slips, censored at 3 months: shift, median and sigma within 3 SEs")
    func shiftedLognormalRecovery() throws {
        // Early and on-time slips (≤ 0) that a lognormal cannot hold; about a third still pending at 3 months.
        let slips = Self.draws(.shiftedLognormal(shift: -2, median: 4, sigma: 0.5), 500, seed: 5)
        #expect(slips.contains { $0 <= 0 })
        let observations = slips.enumerated().map { i, x in
            SlipObservation(name: "p\(i)", outcome: x > 3 ? .pending(atLeastMonths: 3) : .slipped(months: x))
        }
        let fits = try DelayCalibration.fitAll(observations)
        #expect(!fits.contains { $0.family == .lognormal }, "a lognormal cannot hold slips ≤ 0")
        let fit = try #require(fits.first { $0.family == .shiftedLognormal })
        #expect(fit.censored > 100 && fit.censored < 250)
        for (name, truth) in [("shift", -2.0), ("median", 4.0), ("sigma", 0.5)] {
            let p = try #require(Self.parameter(fit, name))
            let se = try #require(p.standardError, "\(name) has no standard error")
            #expect(abs(p.value - truth) < 3 * se, "\(name): \(p)")
        }
        #expect(fits.first?.family == .shiftedLognormal, "the AIC picks the family the data came from")
    }

    @Test("shifted lognormal on whole-month slips: the shift stays half a month below the smallest, on a bound")
    func shiftedLognormalBound() throws {
        let observations = [3.0, 3, 4, 6, 9].enumerated().map {
            SlipObservation(name: "p\($0)", outcome: .slipped(months: $1))
        }
        let fit = try DelayCalibration.fit(.shiftedLognormal, to: observations)
        let shift = try #require(Self.parameter(fit, "shift"))
        #expect(shift.value <= 2.5 + 1e-9)
        #expect(fit.logLikelihood.isFinite)
        // The likelihood rises towards the smallest slip: the maximum is on the bound, without a standard error.
        #expect(shift.value > 2.499)
        #expect(shift.standardError == nil)
        #expect(try #require(Self.parameter(fit, "sigma")).standardError != nil, "the others' are conditional on it")
        #expect(throws: CalibrationError.self) {
            try DelayCalibration.fit(.shiftedLognormal, to: [SlipObservation(name: "a", outcome: .slipped(months: 2))])
        }
    }

    @Test("lognormal data: the AIC prefers lognormal to pert")
    func aicPicksLognormal() throws {
        let slips = Self.draws(.lognormal(median: 4, sigma: 0.8), 500, seed: 4)
        let fits = try DelayCalibration.fitAll(
            slips.enumerated().map { SlipObservation(name: "p\($0)", outcome: .slipped(months: $1)) })
        #expect(fits.first?.family == .lognormal)
    }

    @Test("what cannot be fitted says why; cancellations are counted with a Wilson interval")
    func errorsAndCancellation() throws {
        #expect(throws: CalibrationError.self) {
            try DelayCalibration.fit(.lognormal, to: [SlipObservation(name: "a", outcome: .slipped(months: 0))])
        }
        #expect(throws: CalibrationError.self) {
            try DelayCalibration.fit(.pert, to: [SlipObservation(name: "a", outcome: .pending(atLeastMonths: 3))])
        }
        // Two of thirteen phases fell through (the shape of ../shared/data/slips.csv).
        let observations =
            (0..<11).map { SlipObservation(name: "s\($0)", outcome: .slipped(months: 3)) }
            + [SlipObservation(name: "n", outcome: .cancelled), SlipObservation(name: "u", outcome: .cancelled)]
        let cancellation = CancellationEstimate(observations)
        #expect(cancellation.cancelled == 2 && cancellation.total == 13)
        #expect(abs(cancellation.probability - 2.0 / 13) < 1e-12)
        // Wilson 95% for 2 of 13: 0.0433 to 0.4223.
        #expect(abs(cancellation.lower - 0.0433) < 5e-4 && abs(cancellation.upper - 0.4223) < 5e-4)
    }
}
