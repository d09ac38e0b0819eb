import HeadroomEngine
import HeadroomModel
import HeadroomTestSupport
import RealModule
import Testing

@testable import HeadroomCalibration

/// Scores of observed values against predictive samples: CRPS against its closed form for a normal, percentiles
/// and interval coverage for calibrated and miscalibrated forecasts.
@Suite("Predictive scores")
struct PredictiveScoreTests {
    static func normalSamples(_ n: Int, mean: Double, sd: Double, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { _ in mean + sd * StandardNormal.quantile(rng.nextUnit()) }
    }

    @Test("CRPS of N(μ, σ) at x: σ[z(2Φ(z) − 1) + 2φ(z) − 1/√π], from 20,000 stratified samples within 0.1%")
    func crpsClosedForm() {
        // Stratified (quantiles at (i + ½)/n): the samples' distribution is N(2, 3²) to O(1/n), without noise.
        let samples = (0..<20_000).map { 2 + 3 * StandardNormal.quantile((Double($0) + 0.5) / 20_000) }
        for x in [2.0, 5.0, -4.0] {
            let z = (x - 2) / 3
            let pdf = Double.exp(-z * z / 2) / (2 * Double.pi).squareRoot()
            let exact = 3 * (z * (2 * StandardNormal.cdf(z) - 1) + 2 * pdf - 1 / Double.pi.squareRoot())
            let score = PredictiveScore(observed: x, samples: samples)
            #expect(abs(score.crps - exact) < 0.001 * exact, "x \(x): \(score.crps) vs \(exact)")
        }
        // A point forecast: CRPS is the absolute error.
        #expect(PredictiveScore(observed: 4, samples: [1, 1, 1]).crps == 3)
        #expect(PredictiveScore(observed: 1, samples: [1]).crps == 0)
    }

    @Test("percentiles are mid-ranks; the central intervals hold their share of a calibrated forecast's outcomes")
    func coverage() {
        #expect(PredictiveScore(observed: 2, samples: [1, 2, 3, 4]).percentile == 0.375)
        #expect(PredictiveScore(observed: 0, samples: [1, 2]).percentile == 0)
        #expect(PredictiveScore(observed: 9, samples: [1, 2]).percentile == 1)
        let samples = Self.normalSamples(4_000, mean: 6, sd: 2, seed: 2).sorted()
        let calibrated = Self.normalSamples(1_000, mean: 6, sd: 2, seed: 3).map {
            PredictiveScore(observed: $0, sortedSamples: samples)
        }
        let good = BacktestSummary(calibrated)
        #expect(abs(good.coverage50 - 0.5) < 0.05 && abs(good.coverage80 - 0.8) < 0.04, "\(good)")
        #expect(good.pitHistogram.allSatisfy { abs($0 - 100) < 35 }, "\(good.pitHistogram)")
        // Outcomes twice as spread as forecast: intervals too narrow, a U-shaped PIT, a worse CRPS.
        let wide = Self.normalSamples(1_000, mean: 6, sd: 4, seed: 3).map {
            PredictiveScore(observed: $0, sortedSamples: samples)
        }
        let bad = BacktestSummary(wide)
        #expect(bad.coverage50 < 0.35 && bad.coverage80 < 0.6, "\(bad)")
        #expect(bad.pitHistogram[0] + bad.pitHistogram[9] > 2 * (good.pitHistogram[0] + good.pitHistogram[9]))
        #expect(bad.meanCRPS > 1.5 * good.meanCRPS)
    }
}
