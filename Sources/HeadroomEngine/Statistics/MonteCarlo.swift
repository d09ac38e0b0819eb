import Dispatch
import HeadroomModel

/// Wraps a value shared across worker threads whose accesses the engine partitions itself (disjoint indices).
struct UnsafeShared<Value>: @unchecked Sendable {
    let value: Value
}

/// Every unit's online-month histogram in flat buffers of counters (one worker's; merged after the run).
///
/// Paths are counted in 16-bit counters (half the cache footprint of the 32-bit totals, which matters with dozens of
/// units at 4,096 bins each) and spilled into the 32-bit totals before they could overflow: each path adds at most
/// one count per unit, so a spill every 65,535 paths is enough.
final class OnlineCounters {
    static let bins = 4096
    let lower: [Double]
    let inverseWidth: [Double]
    let width: [Double]
    /// `counts[u * bins + i]`: totals up to the last spill.
    let counts: UnsafeMutableBufferPointer<UInt32>
    /// The same since the last spill.
    let recent: UnsafeMutableBufferPointer<UInt16>
    /// Paths counted in `recent`.
    private var recentPaths = 0
    /// Per unit: underflow, overflow, never online (`[u * 3 + k]`).
    let outside: UnsafeMutableBufferPointer<UInt64>
    /// Per unit: the finite online months outside its range, which rank the quantiles that fall there.
    private var outsideValues: [LogHistogram]

    /// Counters for units whose online months are expected in `ranges` (lower, upper), `bins` bins each.
    init(ranges: [(lower: Double, upper: Double)]) {
        lower = ranges.map(\.lower)
        width = ranges.map { max($0.upper - $0.lower, 1e-9) / Double(Self.bins) }
        inverseWidth = width.map { 1 / $0 }
        counts = zeroedBuffer(ranges.count * Self.bins)
        recent = zeroedBuffer(ranges.count * Self.bins)
        outside = zeroedBuffer(ranges.count * 3)
        outsideValues = [LogHistogram](repeating: LogHistogram(), count: ranges.count)
    }

    deinit {
        counts.deallocate()
        recent.deallocate()
        outside.deallocate()
    }

    /// Records unit `u`'s online month for `count` paths read `stride` apart from `values`.
    func insert(_ u: Int, _ values: UnsafePointer<Double>, count: Int, stride: Int) {
        guard let base = recent.baseAddress else { return }
        let bins = base + u * Self.bins
        let low = lower[u]
        let scale = inverseWidth[u]
        let limit = Double(Self.bins)
        var under: UInt64 = 0
        var over: UInt64 = 0
        var never: UInt64 = 0
        for i in 0..<count {
            let value = values[i * stride]
            let position = (value - low) * scale
            if position >= 0 && position < limit {
                bins[Int(position)] &+= 1
            } else if value == .infinity {
                never += 1
            } else if position >= limit {
                over += 1
                outsideValues[u].insert(value)
            } else {
                under += 1
                outsideValues[u].insert(value)
            }
        }
        outside[u * 3] += under
        outside[u * 3 + 1] += over
        outside[u * 3 + 2] += never
    }

    /// Notes that `count` more paths were recorded for every unit, spilling the 16-bit counters before they can
    /// overflow.
    func recorded(paths count: Int) {
        recentPaths += count
        if recentPaths > Int(UInt16.max) - MonteCarloOptions.histogramBatch { spill() }
    }

    /// Adds the 16-bit counters into the totals and clears them.
    func spill() {
        for i in 0..<counts.count where recent[i] != 0 {
            counts[i] &+= UInt32(recent[i])
            recent[i] = 0
        }
        recentPaths = 0
    }

    /// Adds another worker's counters.
    func merge(_ other: OnlineCounters) {
        spill()
        other.spill()
        for i in 0..<counts.count { counts[i] &+= other.counts[i] }
        for i in 0..<outside.count { outside[i] += other.outside[i] }
        for u in outsideValues.indices { outsideValues[u].merge(other.outsideValues[u]) }
    }

    /// The histograms.
    func histograms() -> [LinearHistogram] {
        spill()
        return lower.indices.map { u in
            LinearHistogram(
                lowerBound: lower[u], binWidth: width[u],
                counts: Array(counts[(u * Self.bins)..<((u + 1) * Self.bins)]),
                underflow: outside[u * 3], overflow: outside[u * 3 + 1], infinite: outside[u * 3 + 2],
                outsideValues: outsideValues[u])
        }
    }
}

extension CompiledScenario {
    /// Mean and standard error from a sum and a sum of squares over `n` paths.
    static func estimate(sum: Double, squares: Double, n: Double) -> Estimate {
        guard n > 0 else { return Estimate(value: 0, standardError: 0) }
        let mean = sum / n
        let variance = n > 1 ? max(0, (squares - n * mean * mean) / (n - 1)) : 0
        return Estimate(value: mean, standardError: (variance / n).squareRoot())
    }

    /// Each unit's online-month range: its delay distribution's bounds (or 0.1% and 99.9% quantiles) plus the
    /// risk delays that can hit it.
    func onlineMonthRanges() -> [(lower: Double, upper: Double)] {
        var extra = [Double](repeating: 0, count: units.count)
        var earlier = [Double](repeating: 0, count: units.count)
        for risk in risks {
            guard let d = risk.delay else { continue }
            let high = d.upperBound ?? d.quantile(1 - 1e-3)
            let low = d.lowerBound ?? d.quantile(1e-3)
            for u in risk.units {
                extra[u] += max(0, high)
                earlier[u] += min(0, low)
            }
        }
        return units.indices.map { u in
            let d = units[u].delay
            // Unbounded tails are cut at the 0.1% and 99.9% quantiles: values beyond fall in the underflow and
            // overflow counts (ranked exactly), which keeps the bins fine where P50…P90 live.
            let low = (d.lowerBound ?? d.quantile(1e-3)) + earlier[u]
            let high = (d.upperBound ?? d.quantile(1 - 1e-3)) + extra[u]
            let planned = units[u].plannedIndex
            return (planned + low - 1e-9, planned + high + 1e-6)
        }
    }

    /// Spearman correlations of every delay and risk indicator with total unserved demand, strongest first.
    func rankDrivers(
        inputs: UnsafeBufferPointer<Float>, outcome: UnsafeBufferPointer<Double>, rows: Int, stride: Int, top: Int,
        threads: Int
    ) -> [Driver] {
        guard rows > 2, top > 0 else { return [] }
        let outcomeRanks = RankCorrelation.ranks(Array(outcome[0..<rows]))
        let columns = units.count + risks.count + workloads.count
        let correlations = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, columns))
        correlations.initialize(repeating: 0)
        defer { correlations.deallocate() }
        let shared = UnsafeShared(value: (correlations, inputs))
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, columns))) { lane in
            var column = lane
            while column < columns {
                let values = (0..<rows).map { Double(shared.value.1[column * stride + $0]) }
                shared.value.0[column] = RankCorrelation.spearman(values, yRanks: outcomeRanks)
                column += max(1, min(threads, columns))
            }
        }
        var drivers: [Driver] = []
        for column in 0..<columns {
            let name: String
            let kind: Driver.Kind
            if column < units.count {
                (name, kind) = (units[column].name, .delay)
            } else if column < units.count + risks.count {
                (name, kind) = (risks[column - units.count].id.rawValue, .risk)
            } else {
                (name, kind) = ("demand:" + workloads[column - units.count - risks.count].rawValue, .demand)
            }
            drivers.append(Driver(name: name, kind: kind, rankCorrelation: correlations[column]))
        }
        return Array(
            drivers.sorted { (abs($0.rankCorrelation), $1.name) > (abs($1.rankCorrelation), $0.name) }.prefix(top))
    }
}
