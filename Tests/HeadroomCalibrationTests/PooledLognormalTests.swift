import HeadroomEngine
import HeadroomModel
import HeadroomTestSupport
import RealModule
import Testing

@testable import HeadroomCalibration

/// Partial pooling: a sparse group borrows strength, a well-observed one keeps its own median, and pooling beats
/// fitting each group alone where data are few.
@Suite("Pooled lognormal")
struct PooledLognormalTests {
    @Test("Gauss–Hermite: the 32-point rule integrates e^(−t²)·t^k exactly")
    func quadrature() {
        let (t, w) = GaussHermite.rule
        #expect(abs(w.reduce(0, +) - Double.pi.squareRoot()) < 1e-12)
        #expect(abs(zip(t, w).map { $0 * $0 * $1 }.reduce(0, +) - Double.pi.squareRoot() / 2) < 1e-12)
        #expect(abs(zip(t, w).map { Double.pow($0, 4) * $1 }.reduce(0, +) - 3 * Double.pi.squareRoot() / 4) < 1e-11)
    }

    /// Groups with log-medians drawn around ln 5 (spread 0.3), slips lognormal with σ 0.5 around them.
    static func synthetic(sizes: [Int], seed: UInt64) -> (observations: [SlipObservation], truth: [String: Double]) {
        var rng = SeededGenerator(seed: seed)
        func unit() -> Double { rng.nextUnit() }
        var observations: [SlipObservation] = []
        var truth: [String: Double] = [:]
        for (g, size) in sizes.enumerated() {
            let median = 5 * Double.exp(0.3 * StandardNormal.quantile(unit()))
            truth["g\(g)"] = median
            for i in 0..<size {
                let slip = median * Double.exp(0.5 * StandardNormal.quantile(unit()))
                observations.append(
                    SlipObservation(name: "g\(g)-\(i)", outcome: .slipped(months: slip), groups: ["kind": "g\(g)"]))
            }
        }
        return (observations, truth)
    }

    @Test("five groups of 2 to 200 slips: σ recovered; the sparse group shrinks, the large one keeps its median")
    func shrinkage() throws {
        let (observations, _) = Self.synthetic(sizes: [2, 5, 20, 80, 200], seed: 5)
        let fit = try PooledLognormalFit.fit(observations, groupedBy: "kind")
        #expect(abs(fit.sigma - 0.5) < 0.05, "σ \(fit.sigma)")
        #expect(fit.groupSpread > 0.05 && fit.groupSpread < 0.8, "τ \(fit.groupSpread)")
        let sparse = try #require(fit.groups.first { $0.name == "g0" })
        let large = try #require(fit.groups.first { $0.name == "g4" })
        let own = try #require(sparse.ownMedian)
        // Between its own geometric mean and the pooled centre, strictly.
        #expect(
            min(own, fit.median) < sparse.median && sparse.median < max(own, fit.median), "\(sparse) vs \(fit.median)")
        #expect(abs(Double.log(large.median / (large.ownMedian ?? 0))) < 0.01, "\(large)")
        #expect(fit.groups.map(\.observed) == [2, 5, 20, 80, 200])
    }

    @Test("over 20 replications, pooled medians of 2- and 3-slip groups are closer to the truth than their own")
    func poolingHelps() throws {
        var pooledError = 0.0
        var ownError = 0.0
        for seed in UInt64(100)..<120 {
            let (observations, truth) = Self.synthetic(sizes: [2, 3, 2, 3, 40, 60], seed: seed)
            let fit = try PooledLognormalFit.fit(observations, groupedBy: "kind")
            for group in fit.groups where group.observed <= 3 {
                let real = truth[group.name] ?? 0
                pooledError += Double.pow(Double.log(group.median / real), 2)
                ownError += Double.pow(Double.log((group.ownMedian ?? 0) / real), 2)
            }
        }
        #expect(pooledError < 0.8 * ownError, "pooled \(pooledError), own \(ownError)")
    }

    @Test("censored slips count as at least so far; a non-positive slip is refused")
    func censoringAndErrors() throws {
        let observations =
            (0..<40).map { SlipObservation(name: "a\($0)", outcome: .slipped(months: 4), groups: ["k": "a"]) }
            + (0..<40).map { SlipObservation(name: "b\($0)", outcome: .pending(atLeastMonths: 8), groups: ["k": "b"]) }
            + [SlipObservation(name: "b-seen", outcome: .slipped(months: 9), groups: ["k": "b"])]
        let fit = try PooledLognormalFit.fit(observations, groupedBy: "k")
        let b = try #require(fit.groups.first { $0.name == "b" })
        #expect(b.censored == 40 && b.observed == 1)
        #expect(b.median > 8, "\(b)")
        #expect(throws: CalibrationError.self) {
            try PooledLognormalFit.fit([SlipObservation(name: "x", outcome: .slipped(months: 0))], groupedBy: "k")
        }
    }
}
