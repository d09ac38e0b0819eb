import HeadroomEngine
import HeadroomModel
import Testing

@testable import HeadroomCalibration

/// The PIT of a well-specified model is uniform, and the test can fail: it rejects misspecified ones.
@Suite("PIT diagnostics")
struct PITTests {
    static func observations(_ slips: [Double], censorAt limit: Double = .infinity) -> [SlipObservation] {
        slips.enumerated().map { i, x in
            SlipObservation(name: "p\(i)", outcome: x > limit ? .pending(atLeastMonths: limit) : .slipped(months: x))
        }
    }

    @Test("well specified: the fitted lognormal's PIT is uniform, with and without censoring")
    func wellSpecified() throws {
        let slips = DelayFitTests.draws(.lognormal(median: 5, sigma: 0.6), 500, seed: 7)
        for limit in [Double.infinity, 6] {
            let observations = Self.observations(slips, censorAt: limit)
            let fit = try DelayCalibration.fit(.lognormal, to: observations)
            let pit = PITDiagnostics(fit.distribution, observations)
            #expect(pit.values.count == 500)
            #expect(pit.pValue > 0.05, "censored at \(limit): D \(pit.kolmogorovSmirnov), p \(pit.pValue)")
            // Ten bins of about 50 each (binomial sd ≈ 6.7).
            #expect(pit.histogram().allSatisfy { abs($0 - 50) < 25 }, "\(pit.histogram())")
        }
    }

    @Test("misspecified: a wrong median, a wrong spread, and a bounded family on heavy tails are rejected")
    func misspecified() throws {
        let slips = DelayFitTests.draws(.lognormal(median: 5, sigma: 1.0), 500, seed: 8)
        let observations = Self.observations(slips)
        for wrong in [Distribution.lognormal(median: 4, sigma: 1.0), .lognormal(median: 5, sigma: 0.6)] {
            let pit = PITDiagnostics(wrong, observations)
            #expect(pit.pValue < 0.01, "\(wrong): p \(pit.pValue)")
        }
        // Ignoring censoring is a misspecification too: pending phases fitted as if online at the cut.
        let cut = slips.map { min($0, 6) }
        let naive = try DelayCalibration.fit(.lognormal, to: Self.observations(cut))
        let pit = PITDiagnostics(naive.distribution, Self.observations(slips, censorAt: 6))
        #expect(pit.pValue < 0.01, "naive fit: p \(pit.pValue)")
    }

    @Test("Kolmogorov p-values: known points of the distribution")
    func kolmogorov() {
        // λ = 1.36 is the 5% point, 1.63 the 1% point (large n).
        #expect(abs(PITDiagnostics.kolmogorovPValue(distance: 1.358 / 10_000.0.squareRoot(), n: 10_000) - 0.05) < 0.002)
        #expect(abs(PITDiagnostics.kolmogorovPValue(distance: 1.628 / 10_000.0.squareRoot(), n: 10_000) - 0.01) < 0.001)
        #expect(PITDiagnostics.kolmogorovPValue(distance: 0, n: 10) == 1)
    }
}
