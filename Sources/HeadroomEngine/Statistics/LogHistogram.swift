/// A mergeable streaming histogram with relative-width bins (a uniformly collapsing log histogram).
///
/// A positive value's bin is read straight from its IEEE-754 bit pattern: the exponent and the top `11 − level`
/// bits of the mantissa (as in HdrHistogram and DDSketch's "log-like" mapping), so at level 0 there are 2,048 bins
/// per octave and a bin spans at most 2⁻¹¹ (0.049%) of its lower edge; quantiles are interpolated inside their bin.
/// Counts live in a dense array over the keys seen; when the values' span would need more than
/// ``DenseCounts/maximumBins`` (16,384) bins the histogram collapses uniformly: adjacent bins merge and the level
/// rises by one, halving the resolution everywhere (UDDSketch). Values spanning eight octaves keep full resolution;
/// 32 octaves are answered within 2⁻⁹ (0.2%). The smallest and largest values are kept exactly and bound every
/// answer, so point masses at either end (capacity fully delivered) come back exact. The level depends only on the smallest and largest value recorded,
/// so results do not depend on insertion order or on how values were split between threads. Zero has its own count
/// and negative values a mirrored store. Memory is bounded (at most about 20,000 counters per store, far fewer for
/// the usual spans) whatever the number or spread of the values, and histograms merge exactly (counts add; the finer one collapses first).
public struct LogHistogram: Sendable, Hashable {
    /// Mantissa bits of a bin key at level 0.
    static let mantissaBits: UInt64 = 11
    private var positive = DenseCounts()
    private var negative = DenseCounts()
    /// Number of zeros inserted.
    public private(set) var zeroCount: UInt64 = 0

    /// An empty histogram.
    public init() {}

    /// Number of values inserted.
    public var count: UInt64 { positive.total + negative.total + zeroCount }

    /// The worst relative error of a quantile at the current resolution: 2^(level − 11).
    public var relativeAccuracy: Double {
        Double(sign: .plus, exponent: max(positive.level, negative.level) - Int(Self.mantissaBits), significand: 1)
    }

    /// Records one value (NaN is ignored).
    @inline(__always)
    public mutating func insert(_ value: Double) {
        if value > 0 {
            positive.add(value)
        } else if value < 0 {
            negative.add(-value)
        } else if value == 0 {
            zeroCount += 1
        }
    }

    /// Records a batch of values: one range check for the batch, then a tight counting loop.
    public mutating func insert(contentsOf values: UnsafeBufferPointer<Double>) {
        var low = Double.infinity
        var high = 0.0
        var zeros: UInt64 = 0
        var hasNegative = false
        for v in values {
            if v > 0 {
                low = min(low, v)
                high = max(high, v)
            } else if v == 0 {
                zeros += 1
            } else if v < 0 {
                hasNegative = true
            }
        }
        zeroCount += zeros
        if high > 0 {
            positive.reserve(low, high)
            positive.countPositives(values)
        }
        if hasNegative {
            for v in values where v < 0 { negative.add(-v) }
        }
    }

    /// Adds every count of `other`.
    public mutating func merge(_ other: LogHistogram) {
        positive.merge(other.positive)
        negative.merge(other.negative)
        zeroCount += other.zeroCount
    }

    /// The `q`-quantile (`q` in [0, 1]) with numpy's default (linear) rank convention, interpolated inside its bin;
    /// `nil` when empty.
    public func quantile(_ q: Double) -> Double? {
        let n = count
        guard n > 0 else { return nil }
        let rank = min(max(q, 0), 1) * Double(n - 1)
        // Ascending order: negatives from the largest magnitude down, then zeros, then positives.
        var seen = 0.0
        if let v = negative.locate(rank: rank, seen: &seen, descending: true) { return -v }
        if rank < seen + Double(zeroCount) { return 0 }
        seen += Double(zeroCount)
        return positive.locate(rank: rank, seen: &seen, descending: false) ?? positive.largestValue
    }
}

/// Counts of positive values per log bin over a contiguous key range, collapsing uniformly to stay bounded.
struct DenseCounts: Sendable, Hashable {
    /// The most counters kept; a wider range of keys collapses the histogram one level.
    static let maximumBins = 16384
    private(set) var counts: [UInt32] = []
    private(set) var offset = 0
    /// Resolution level: keys drop `level` more mantissa bits than at level 0.
    private(set) var level = 0
    private(set) var total: UInt64 = 0
    /// The smallest and largest values recorded (they alone decide the level).
    private(set) var smallest = Double.infinity
    private(set) var largest = 0.0

    /// The bin key of a positive value at this level.
    @inline(__always)
    func key(_ value: Double) -> Int {
        Int(truncatingIfNeeded: value.bitPattern &>> (52 - LogHistogram.mantissaBits + UInt64(level)))
    }

    /// The lower edge of a bin at this level.
    func lowerEdge(_ key: Int) -> Double {
        Double(bitPattern: UInt64(truncatingIfNeeded: key) &<< (52 - LogHistogram.mantissaBits + UInt64(level)))
    }

    @inline(__always)
    mutating func add(_ value: Double, _ amount: UInt64 = 1) {
        reserve(value, value)
        counts[key(value) - offset] &+= UInt32(truncatingIfNeeded: amount)
        total += amount
    }

    /// Makes room for every value in `low...high`, collapsing as needed.
    ///
    /// The level depends only on the smallest and largest values ever recorded (never on insertion order or on how
    /// values were split between histograms), so merged results are identical however the paths were partitioned.
    mutating func reserve(_ low: Double, _ high: Double) {
        smallest = min(smallest, low)
        largest = max(largest, high)
        let shift = 52 - LogHistogram.mantissaBits
        let lowest0 = Int(truncatingIfNeeded: smallest.bitPattern &>> shift)
        let highest0 = Int(truncatingIfNeeded: largest.bitPattern &>> shift)
        var needed = 0
        while (highest0 >> needed) - (lowest0 >> needed) + 1 > Self.maximumBins { needed += 1 }
        while level < needed { collapse() }
        let lowKey = key(smallest)
        let highKey = key(largest)
        if !counts.isEmpty && lowKey >= offset && highKey < offset + counts.count { return }
        let margin = max(16, (highKey - lowKey) / 4)
        let newOffset = min(lowKey - margin, counts.isEmpty ? Int.max : offset)
        let newEnd = max(highKey + margin, counts.isEmpty ? Int.min : offset + counts.count - 1)
        var grown = [UInt32](repeating: 0, count: newEnd - newOffset + 1)
        for (i, c) in counts.enumerated() where c != 0 { grown[i + offset - newOffset] = c }
        counts = grown
        offset = newOffset
    }

    /// Halves the resolution: merges bins `2k` and `2k + 1` and raises the level.
    private mutating func collapse() {
        level += 1
        guard !counts.isEmpty else { return }
        let newOffset = offset >> 1
        let last = (offset + counts.count - 1) >> 1
        var merged = [UInt32](repeating: 0, count: last - newOffset + 1)
        for (i, c) in counts.enumerated() where c != 0 { merged[((offset + i) >> 1) - newOffset] &+= c }
        counts = merged
        offset = newOffset
    }

    /// Counts every positive value of `values` (after ``reserve(_:_:)`` covered them).
    mutating func countPositives(_ values: UnsafeBufferPointer<Double>) {
        let offset = self.offset
        let shift = 52 - LogHistogram.mantissaBits + UInt64(level)
        var added: UInt64 = 0
        counts.withUnsafeMutableBufferPointer { counts in
            for v in values where v > 0 {
                counts[Int(truncatingIfNeeded: v.bitPattern &>> shift) - offset] &+= 1
                added += 1
            }
        }
        total += added
    }

    mutating func merge(_ other: DenseCounts) {
        guard other.total > 0 else { return }
        reserve(other.smallest, other.largest)
        var other = other
        while other.level < level { other.collapse() }
        for (i, c) in other.counts.enumerated() where c != 0 { counts[other.offset + i - offset] &+= c }
        total += other.total
    }

    /// Walks bins in value order until `rank` falls inside one, returning the interpolated value.
    func locate(rank: Double, seen: inout Double, descending: Bool) -> Double? {
        let indices: [Int] = descending ? Array(counts.indices.reversed()) : Array(counts.indices)
        for i in indices {
            let c = Double(counts[i])
            guard c > 0 else { continue }
            if rank < seen + c {
                let lo = lowerEdge(offset + i)
                let hi = lowerEdge(offset + i + 1)
                let fraction = (rank - seen + 0.5) / c
                let value = descending ? hi - (hi - lo) * fraction : lo + (hi - lo) * fraction
                // The extreme values are known exactly: a point mass at the top or bottom (capacity fully
                // delivered, say) is returned as itself rather than spread across its bin.
                return min(max(value, smallest), largest)
            }
            seen += c
        }
        return nil
    }

    var largestValue: Double? {
        guard let i = counts.lastIndex(where: { $0 != 0 }) else { return nil }
        return lowerEdge(offset + i + 1)
    }
}
