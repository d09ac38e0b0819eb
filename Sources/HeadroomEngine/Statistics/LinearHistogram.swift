/// A mergeable streaming histogram with equal-width bins over a fixed range, for a phase's online month.
///
/// The range is chosen from the phase's delay distribution and the risk delays that can hit it (bounded families:
/// their bounds; unbounded ones: their 0.1% and 99.9% quantiles); values outside are counted in underflow and
/// overflow and ranked by a ``LogHistogram`` of their values (within 2⁻¹¹ of the value), and cancellations
/// (+infinity) apart. With 4,096 bins across that range (the Monte Carlo's choice), a quantile between the range's
/// ends is within 1/4,096 of the range, interpolated within its bin.
public struct LinearHistogram: Sendable, Hashable, Codable {
    /// Left edge of the first bin.
    public let lowerBound: Double
    /// Width of one bin.
    public let binWidth: Double
    private var counts: [UInt32]
    /// Values below `lowerBound`.
    public private(set) var underflow: UInt64 = 0
    /// Finite values at or above the last bin's right edge.
    public private(set) var overflow: UInt64 = 0
    /// Infinite values (phases that never came online).
    public private(set) var infinite: UInt64 = 0
    /// The finite values below `lowerBound` or past the last bin, which rank the quantiles that fall there.
    public private(set) var outsideValues = LogHistogram()

    /// Creates an empty histogram of `bins` bins over `[lowerBound, upperBound)`.
    public init(lowerBound: Double, upperBound: Double, bins: Int = 8192) {
        let span = max(upperBound - lowerBound, 1e-9)
        self.lowerBound = lowerBound
        self.binWidth = span / Double(max(1, bins))
        self.counts = [UInt32](repeating: 0, count: max(1, bins))
    }

    /// Number of values inserted.
    public var count: UInt64 { counts.reduce(UInt64(0)) { $0 + UInt64($1) } + underflow + overflow + infinite }

    /// Creates a histogram from raw counts (as accumulated by a worker's flat buffers).
    init(
        lowerBound: Double, binWidth: Double, counts: [UInt32], underflow: UInt64, overflow: UInt64, infinite: UInt64,
        outsideValues: LogHistogram
    ) {
        self.lowerBound = lowerBound
        self.binWidth = binWidth
        self.counts = counts
        self.underflow = underflow
        self.overflow = overflow
        self.infinite = infinite
        self.outsideValues = outsideValues
    }

    /// Records one value.
    @inline(__always)
    public mutating func insert(_ value: Double) {
        if value.isInfinite && value > 0 {
            infinite += 1
            return
        }
        let position = (value - lowerBound) / binWidth
        if !(position >= 0) {
            underflow += 1
            outsideValues.insert(value)
        } else if position >= Double(counts.count) {
            overflow += 1
            outsideValues.insert(value)
        } else {
            counts[Int(position)] &+= 1
        }
    }

    /// Adds every count of `other` (which must have the same range and bins).
    public mutating func merge(_ other: LinearHistogram) {
        for i in counts.indices { counts[i] &+= other.counts[i] }
        underflow += other.underflow
        overflow += other.overflow
        infinite += other.infinite
        outsideValues.merge(other.outsideValues)
    }

    /// The `q`-quantile with numpy's linear rank convention.
    ///
    /// `+infinity` when the rank falls in the cancelled mass, `nil` when empty; ranks below or past the bins are
    /// read from ``outsideValues``.
    public func quantile(_ q: Double) -> Double? {
        let n = count
        guard n > 0 else { return nil }
        let rank = min(max(q, 0), 1) * Double(n - 1)
        // Every value below the range ranks before every value past it, so one histogram of both ranks either.
        func outside(rank r: Double) -> Double {
            let m = Double(outsideValues.count)
            return outsideValues.quantile(m > 1 ? min(r / (m - 1), 1) : 0) ?? .nan
        }
        var seen = Double(underflow)
        if rank < seen { return outside(rank: rank) }
        for (i, c) in counts.enumerated() where c > 0 {
            if rank < seen + Double(c) {
                return lowerBound + binWidth * (Double(i) + (rank - seen + 0.5) / Double(c))
            }
            seen += Double(c)
        }
        if rank < seen + Double(overflow) { return outside(rank: Double(underflow) + rank - seen) }
        return .infinity
    }
}
