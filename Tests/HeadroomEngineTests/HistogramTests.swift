import Foundation
import HeadroomModel
import Testing

@testable import HeadroomEngine

/// The streaming quantile sketches: stated accuracy, bounded memory, exact merges.
@Suite("Histograms")
struct HistogramTests {
    /// Seeded lognormal-ish values spanning `octaves` octaves.
    static func values(count: Int, seed: UInt64, spread: Double) -> [Double] {
        (0..<count).map { i in
            var g = SplitMix64(seed: seed, stream: RandomStream("values"), path: i)
            return 1000 * exp(spread * g.nextNormal())
        }
    }

    static func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
        let rank = q * Double(sorted.count - 1)
        let lo = Int(rank.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (rank - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    @Test("quantiles within 2⁻¹¹ relative while the values span eight octaves", arguments: [0.05, 0.3])
    func narrowAccuracy(spread: Double) {
        let values = Self.values(count: 100_000, seed: 1, spread: spread)
        var h = LogHistogram()
        values.withUnsafeBufferPointer { h.insert(contentsOf: $0) }
        let sorted = values.sorted()
        for q in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
            let exact = Self.exactQuantile(sorted, q)
            let got = h.quantile(q) ?? .nan
            #expect(abs(got - exact) <= 0x1p-11 * exact, "q \(q): \(got) vs \(exact)")
        }
    }

    @Test("a spread beyond 8 octaves folds the lowest values: 2⁻¹¹ above, within largest × 2⁻⁸ below")
    func collapseLowest() {
        let values = Self.values(count: 50_000, seed: 2, spread: 6)  // spans ~45 octaves
        var h = LogHistogram()
        for v in values { h.insert(v) }
        let sorted = values.sorted()
        let largest = sorted[sorted.count - 1]
        for q in [0.001, 0.01, 0.1, 0.5, 0.9, 0.999] {
            let exact = Self.exactQuantile(sorted, q)
            let got = h.quantile(q) ?? .nan
            #expect(abs(got - exact) <= max(0x1p-11 * exact, largest * 0x1p-8), "q \(q): \(got) vs \(exact)")
        }
        #expect((h.quantile(0) ?? 0) >= sorted[0] && (h.quantile(1) ?? .infinity) <= largest)
        #expect(h.count == 50_000)
    }

    @Test("merging is exact and independent of how values were split")
    func mergeIndependentOfSplit() {
        let values = Self.values(count: 20_000, seed: 3, spread: 1.5)
        var whole = LogHistogram()
        values.withUnsafeBufferPointer { whole.insert(contentsOf: $0) }
        for split in [1, 7, 5_000, 19_999] {
            var a = LogHistogram()
            var b = LogHistogram()
            for v in values[..<split] { a.insert(v) }
            for v in values[split...] { b.insert(v) }
            a.merge(b)
            for q in [0.01, 0.3, 0.5, 0.97] { #expect(a.quantile(q) == whole.quantile(q), "split \(split) q \(q)") }
        }
    }

    @Test("a point mass at the top comes back exact, not spread across its bin")
    func pointMassAtTheTop() {
        var h = LogHistogram()
        for i in 0..<1_000 { h.insert(Double(i) / 10) }  // 0 … 99.9, spanning many octaves
        for _ in 0..<9_000 { h.insert(150) }
        #expect(h.quantile(0.5) == 150)
        #expect(h.quantile(0.95) == 150)
    }

    @Test("zeros and negatives sit below the positives")
    func zerosAndNegatives() {
        var h = LogHistogram()
        for v in [-5.0, -1, 0, 0, 0, 2, 3, 4, 5, 6] { h.insert(v) }
        #expect(h.zeroCount == 3)
        #expect((h.quantile(0) ?? 0) < -4.99)
        #expect(h.quantile(0.3) == 0)
        #expect(abs((h.quantile(1) ?? 0) - 6) < 6 * 0x1p-10)
    }

    @Test("online-month histogram: quantiles within a bin of the exact ones; cancellations counted apart")
    func linearHistogram() {
        var h = LinearHistogram(lowerBound: 0, upperBound: 20, bins: 2048)
        let values = (0..<10_000).map { Double($0) / 500 }  // uniform on [0, 20)
        for v in values { h.insert(v) }
        for _ in 0..<100 { h.insert(.infinity) }
        h.insert(-1)
        h.insert(25)
        #expect(h.infinite == 100 && h.underflow == 1 && h.overflow == 1)
        let width = 20.0 / 2048
        let sorted = (values + [-1, 25]).sorted() + [Double](repeating: .infinity, count: 100)
        for q in [0.1, 0.5, 0.9] {
            let exact = Self.exactQuantile(
                Array(sorted.prefix(sorted.count - 100)), q * Double(sorted.count - 1) / Double(sorted.count - 101))
            #expect(abs((h.quantile(q) ?? .nan) - exact) <= width, "q \(q)")
        }
        #expect(h.quantile(1) == .infinity)
    }

    @Test("quantiles that fall past the bins are ranked among the values there, not reported as infinite")
    func linearHistogramTails() {
        var h = LinearHistogram(lowerBound: 0, upperBound: 10, bins: 1024)
        let inside = (0..<900).map { Double($0) / 90 }  // [0, 10)
        let past = (0..<90).map { 30 + Double($0) }  // 30…119, past the bins
        let below = (0..<10).map { -50 - Double($0) }  // −59…−50, below them
        for v in inside + past + below { h.insert(v) }
        for _ in 0..<100 { h.insert(.infinity) }
        let sorted = (below + inside + past).sorted()
        let n = Double(sorted.count + 100 - 1)
        // Each quantile lies between the two order statistics its rank falls between (within a bin of either).
        for q in [0.0, 0.004, 0.009, 0.85, 0.88, 0.9, 0.905] {
            let rank = q * n
            let (lo, hi) = (sorted[Int(rank.rounded(.down))], sorted[Int(rank.rounded(.up))])
            let got = h.quantile(q) ?? .nan
            let slack = max(10.0 / 1024, max(abs(lo), abs(hi)) * 0x1p-10)
            #expect(got >= lo - slack && got <= hi + slack, "q \(q): \(got) not in [\(lo), \(hi)]")
        }
        #expect(h.quantile(0.95) == .infinity)
    }
}
