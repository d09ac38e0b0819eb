/// A mergeable streaming histogram with relative-width bins whose lowest bins collapse when the range grows.
///
/// A positive value's bin is read straight from its IEEE-754 bit pattern: the exponent and the top 11 bits of the
/// mantissa (as in HdrHistogram and DDSketch's "log-like" mapping), so there are 2,048 bins per octave and a bin
/// spans at most 2⁻¹¹ (0.049%) of its lower edge; quantiles are interpolated inside their bin. Counts live in a
/// dense array of at most ``DenseCounts/maximumBins`` (16,384) bins ending at the largest value seen, i.e. the top
/// 8 octaves; values below that window are merged into its lowest bin (DDSketch's collapsing-lowest store). So a
/// quantile is within 2⁻¹¹ of its value when it lies within 8 octaves of the largest value (above largest/256),
/// and within `largest × 2⁻⁸` otherwise. The smallest and largest values are kept exactly and bound every answer, so point
/// masses at either end (capacity fully delivered) come back exact. The window depends only on the largest value,
/// so results do not depend on insertion order or on how values were split between threads. Zero has its own count
/// and negative values a mirrored store. Memory is bounded whatever the number or spread of the values, and
/// histograms merge exactly (counts add).
public struct LogHistogram: Sendable, Hashable, Codable {
    /// Mantissa bits of a bin key.
    static let mantissaBits: UInt64 = 11
    private var positive = DenseCounts()
    private var negative = DenseCounts()
    /// Number of zeros inserted.
    public private(set) var zeroCount: UInt64 = 0

    /// An empty histogram.
    public init() {}

    /// Number of values inserted.
    public var count: UInt64 { positive.total + negative.total + zeroCount }

    /// The worst relative error of a quantile that lies within 8 octaves of the largest magnitude: 2⁻¹¹.
    public var relativeAccuracy: Double { 0x1p-11 }

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

    /// Records a batch of non-negative values whose smallest positive value, largest value and number of zeros the
    /// caller has already computed (the Monte Carlo's reduction pass does), skipping the range scan.
    mutating func insert(
        nonNegative values: UnsafeBufferPointer<Double>, smallestPositive: Double, largest: Double, zeros: UInt64
    ) {
        zeroCount += zeros
        guard largest > 0 else { return }
        positive.reserve(smallestPositive, largest)
        positive.countPositives(values)
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
        return positive.locate(rank: rank, seen: &seen, descending: false) ?? positive.largest
    }
}

/// Counts of positive values per log bin over a window of at most ``maximumBins`` keys ending at the largest value;
/// keys below the window are counted in its lowest bin.
struct DenseCounts: Sendable, Hashable, Codable {
    /// The widest window kept: 8 octaves at 2,048 bins per octave.
    static let maximumBins = 16384
    static let shift = 52 - LogHistogram.mantissaBits
    private(set) var counts: [UInt32] = []
    private(set) var offset = 0
    private(set) var total: UInt64 = 0
    /// The smallest and largest values recorded.
    private(set) var smallest = Double.infinity
    private(set) var largest = 0.0

    /// The bin key of a positive value.
    @inline(__always)
    static func key(_ value: Double) -> Int {
        Int(truncatingIfNeeded: value.bitPattern &>> shift)
    }

    /// The lower edge of a bin.
    static func lowerEdge(_ key: Int) -> Double {
        Double(bitPattern: UInt64(truncatingIfNeeded: key) &<< shift)
    }

    @inline(__always)
    mutating func add(_ value: Double, _ amount: UInt64 = 1) {
        reserve(value, value)
        counts[max(Self.key(value), offset) - offset] &+= UInt32(truncatingIfNeeded: amount)
        total += amount
    }

    /// Makes room for every value in `low...high`: the window follows the largest value, and bins that fall below
    /// it are merged into its lowest bin.
    mutating func reserve(_ low: Double, _ high: Double) {
        smallest = min(smallest, low)
        largest = max(largest, high)
        let windowStart = Self.key(largest) - Self.maximumBins + 1
        let lowKey = max(Self.key(smallest), windowStart)
        let highKey = Self.key(largest)
        if !counts.isEmpty {
            if windowStart > offset { rebase(to: windowStart, end: max(highKey, offset + counts.count - 1)) }
            if lowKey >= offset && highKey < offset + counts.count { return }
        }
        let margin = max(16, min((highKey - lowKey + 1) / 4, 1024))
        let start = max(lowKey - margin, windowStart)
        let end = highKey + margin
        if counts.isEmpty {
            rebase(to: start, end: end)
        } else {
            rebase(to: min(start, offset), end: max(end, offset + counts.count - 1))
        }
    }

    /// Reallocates the array to keys `start...end`, merging any counts below `start` into bin `start`.
    private mutating func rebase(to start: Int, end: Int) {
        var grown = [UInt32](repeating: 0, count: end - start + 1)
        for (i, c) in counts.enumerated() where c != 0 {
            let k = max(offset + i, start)
            if k <= end { grown[k - start] &+= c }
        }
        counts = grown
        offset = start
    }

    /// Counts every positive value of `values` (after ``reserve(_:_:)`` covered them).
    mutating func countPositives(_ values: UnsafeBufferPointer<Double>) {
        let offset = self.offset
        let shift = Self.shift
        var added: UInt64 = 0
        counts.withUnsafeMutableBufferPointer { counts in
            for v in values where v > 0 {
                counts[max(Int(truncatingIfNeeded: v.bitPattern &>> shift), offset) - offset] &+= 1
                added += 1
            }
        }
        total += added
    }

    mutating func merge(_ other: DenseCounts) {
        guard other.total > 0 else { return }
        reserve(other.smallest, other.largest)
        for (i, c) in other.counts.enumerated() where c != 0 {
            counts[max(other.offset + i, offset) - offset] &+= c
        }
        total += other.total
    }

    /// Walks bins in value order until `rank` falls inside one, returning the interpolated value.
    func locate(rank: Double, seen: inout Double, descending: Bool) -> Double? {
        let indices: [Int] = descending ? Array(counts.indices.reversed()) : Array(counts.indices)
        for i in indices {
            let c = Double(counts[i])
            guard c > 0 else { continue }
            if rank < seen + c {
                // The bin holding the smallest value (and anything folded below the window) starts at that value.
                let k = offset + i
                let holdsSmallest = k <= Self.key(smallest) || k == Self.key(largest) - Self.maximumBins + 1
                let lo = holdsSmallest ? smallest : Self.lowerEdge(k)
                let hi = Self.lowerEdge(offset + i + 1)
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
}

extension DenseCounts {
    private enum CodingKeys: String, CodingKey { case offset, length, bins, total, smallest, largest }

    /// Saves the window's non-zero bins only, as `[index, count]` pairs: a month's histogram fills a few hundred of
    /// its thousands of bins.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(offset, forKey: .offset)
        try container.encode(counts.count, forKey: .length)
        var bins: [UInt64] = []
        for (i, c) in counts.enumerated() where c != 0 { bins += [UInt64(i), UInt64(c)] }
        try container.encode(bins, forKey: .bins)
        try container.encode(total, forKey: .total)
        try container.encode(smallest, forKey: .smallest)
        try container.encode(largest, forKey: .largest)
    }

    /// Reads what ``encode(to:)`` wrote, refusing a window wider than the widest kept or bins outside it.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        offset = try container.decode(Int.self, forKey: .offset)
        let length = try container.decode(Int.self, forKey: .length)
        let bins = try container.decode([UInt64].self, forKey: .bins)
        total = try container.decode(UInt64.self, forKey: .total)
        smallest = try container.decode(Double.self, forKey: .smallest)
        largest = try container.decode(Double.self, forKey: .largest)
        guard length >= 0, length <= 4 * Self.maximumBins, bins.count % 2 == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .length, in: container, debugDescription: "a histogram window of \(length) bins")
        }
        counts = [UInt32](repeating: 0, count: length)
        var sum: UInt64 = 0
        for pair in stride(from: 0, to: bins.count, by: 2) {
            guard bins[pair] < UInt64(length), bins[pair + 1] <= UInt64(UInt32.max) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .bins, in: container, debugDescription: "bin \(bins[pair]) outside the window")
            }
            counts[Int(bins[pair])] = UInt32(bins[pair + 1])
            sum += bins[pair + 1]
        }
        guard sum == total else {
            throw DecodingError.dataCorruptedError(
                forKey: .total, in: container, debugDescription: "bins sum to \(sum), not the total \(total)")
        }
    }
}
