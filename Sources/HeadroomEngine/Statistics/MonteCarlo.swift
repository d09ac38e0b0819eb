import Dispatch
import HeadroomModel

/// Wraps a value shared across worker threads whose accesses the engine partitions itself (disjoint indices).
struct UnsafeShared<Value>: @unchecked Sendable {
    let value: Value
}

/// Every unit's online-month histogram in one flat buffer of counters (one worker's; merged after the run).
final class OnlineCounters {
    static let bins = 4096
    let lower: [Double]
    let inverseWidth: [Double]
    let width: [Double]
    /// `counts[u * bins + i]`.
    let counts: UnsafeMutableBufferPointer<UInt32>
    /// Per unit: underflow, overflow, never online (`[u * 3 + k]`).
    let outside: UnsafeMutableBufferPointer<UInt64>

    /// Counters for units whose online months are expected in `ranges` (lower, upper), `bins` bins each.
    init(ranges: [(lower: Double, upper: Double)]) {
        lower = ranges.map(\.lower)
        width = ranges.map { max($0.upper - $0.lower, 1e-9) / Double(Self.bins) }
        inverseWidth = width.map { 1 / $0 }
        counts = .allocate(capacity: max(1, ranges.count * Self.bins))
        counts.initialize(repeating: 0)
        outside = .allocate(capacity: max(1, ranges.count * 3))
        outside.initialize(repeating: 0)
    }

    deinit {
        counts.deallocate()
        outside.deallocate()
    }

    @inline(__always)
    func insert(_ u: Int, _ value: Double) {
        if value == .infinity {
            outside[u * 3 + 2] += 1
            return
        }
        let position = (value - lower[u]) * inverseWidth[u]
        if !(position >= 0) {
            outside[u * 3] += 1
        } else if position >= Double(Self.bins) {
            outside[u * 3 + 1] += 1
        } else {
            counts[u * Self.bins + Int(position)] &+= 1
        }
    }

    /// Records unit `u`'s online month for `count` paths read `stride` apart from `values`.
    func insert(_ u: Int, _ values: UnsafePointer<Double>, count: Int, stride: Int) {
        guard let base = counts.baseAddress else { return }
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
            } else {
                under += 1
            }
        }
        outside[u * 3] += under
        outside[u * 3 + 1] += over
        outside[u * 3 + 2] += never
    }

    /// Adds another worker's counters.
    func merge(_ other: OnlineCounters) {
        for i in 0..<counts.count { counts[i] &+= other.counts[i] }
        for i in 0..<outside.count { outside[i] += other.outside[i] }
    }

    /// The histograms.
    func histograms() -> [LinearHistogram] {
        lower.indices.map { u in
            LinearHistogram(
                lowerBound: lower[u], binWidth: width[u], counts: Array(counts[(u * Self.bins)..<((u + 1) * Self.bins)]),
                underflow: outside[u * 3], overflow: outside[u * 3 + 1], infinite: outside[u * 3 + 2])
        }
    }
}

extension SimulationModel {
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
        for (k, risk) in risks.enumerated() where risk.delay != nil {
            guard case .delay(let d) = scenario.risks[k].effect else { continue }
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
        return Array(drivers.sorted { (abs($0.rankCorrelation), $1.name) > (abs($1.rankCorrelation), $0.name) }.prefix(top))
    }
}
