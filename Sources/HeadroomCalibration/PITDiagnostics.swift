import HeadroomEngine
import HeadroomModel
import RealModule

/// The probability integral transform of slips under a fitted distribution, and a test of its uniformity.
///
/// An observed slip x gives u = F(x); a slip known only to be at least c gives a draw uniform on [F(c), 1] (the
/// randomized PIT, from a fixed seed and the observation's index, so reports are reproducible). Under the right
/// model the values are uniform on [0, 1]; a histogram that sags in the middle means the tails are too light, one
/// that humps means they are too heavy, and a slope means the location is off.
public struct PITDiagnostics: Sendable, Hashable {
    /// One value per slip (cancellations are left out), in observation order.
    public var values: [Double]
    /// The Kolmogorov–Smirnov distance between the values' empirical CDF and the uniform one.
    public var kolmogorovSmirnov: Double
    /// The asymptotic p-value of that distance (Kolmogorov's distribution, Stephens' small-sample correction).
    ///
    /// With parameters fitted on the same slips it is conservative: a low value is strong evidence of a
    /// misspecified family.
    public var pValue: Double

    /// The PIT of `observations` under `distribution`.
    public init(_ distribution: Distribution, _ observations: [SlipObservation], seed: UInt64 = 1) {
        var values: [Double] = []
        for (i, observation) in observations.enumerated() {
            switch observation.outcome {
            case .slipped(let months):
                values.append(distribution.cdf(months))
            case .pending(let months):
                let low = distribution.cdf(months)
                values.append(low + (1 - low) * Self.unit(seed: seed, index: i))
            case .cancelled:
                continue
            }
        }
        self.values = values
        let sorted = values.sorted()
        let n = Double(sorted.count)
        var distance = 0.0
        for (i, u) in sorted.enumerated() {
            distance = max(distance, Double(i + 1) / n - u, u - Double(i) / n)
        }
        kolmogorovSmirnov = distance
        pValue = sorted.isEmpty ? 1 : Self.kolmogorovPValue(distance: distance, n: n)
    }

    /// Counts of the values in `bins` equal bins of [0, 1].
    public func histogram(bins: Int = 10) -> [Int] {
        var counts = [Int](repeating: 0, count: max(1, bins))
        for u in values { counts[min(counts.count - 1, max(0, Int(u * Double(counts.count))))] += 1 }
        return counts
    }

    /// P(D > d) for the Kolmogorov distance of `n` uniform values.
    static func kolmogorovPValue(distance d: Double, n: Double) -> Double {
        let root = n.squareRoot()
        let lambda = (root + 0.12 + 0.11 / root) * d
        guard lambda > 0.2 else { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = Double.exp(-2 * Double(k * k) * lambda * lambda)
            sum += (k % 2 == 1 ? 2 : -2) * term
            if term < 1e-12 { break }
        }
        return min(1, max(0, sum))
    }

    /// A uniform number in (0, 1) from `seed` and `index` (SplitMix64).
    static func unit(seed: UInt64, index: Int) -> Double {
        var z = seed &+ 0x9e37_79b9_7f4a_7c15 &* UInt64(truncatingIfNeeded: index + 1)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) * 0x1p-53
    }
}
