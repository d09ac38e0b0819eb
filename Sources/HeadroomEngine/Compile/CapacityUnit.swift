import HeadroomModel

/// One deliverable piece of contracted capacity, flattened for the engine: a campus phase or a contract block.
public struct CapacityUnit: Sendable, Hashable {
    /// `campus/phase` for phases, `contract#block-N` for blocks (1-based N).
    public let name: String
    /// The contract that covers it.
    public let contract: ContractID
    /// Its provider.
    public let provider: ProviderID
    /// Its region, if any.
    public let region: RegionID?
    /// Its campus, or `nil` for blocks.
    public let campus: CampusID?
    /// Its accelerator, if any.
    public let accelerator: AcceleratorID?
    /// IT megawatts.
    public let megawatts: Double
    /// Planned online month as an index from the scenario start (may be negative).
    public let plannedIndex: Double
    /// Ramp months.
    public let rampMonths: Double
    /// Months of service after coming online (blocks), or `nil` (until the contract ends).
    public let serviceMonths: Double?
    /// Delay distribution.
    public let delay: Distribution
    /// Where the entities it refers to sit in the compiled arrays.
    let index: Indices

    /// A unit's references as indices into the compiled scenario's arrays.
    struct Indices: Sendable, Hashable {
        /// Index of the covering contract.
        var contract: Int
        /// Index of the provider.
        var provider: Int
        /// Index of the region, or `nil`.
        var region: Int?
        /// Index of the campus, or `nil` for blocks.
        var campus: Int?
        /// Index of the accelerator in the scenario's list, or `nil`.
        var accelerator: Int?
    }
}

/// Adds one unit's capacity curve to difference arrays, in O(1).
///
/// Capacity at month index `t` is `mw · clamp((t − online) / ramp, 0, 1)` (a step at `t ≥ online` when the ramp is
/// 0) while `t < serviceEnd`. It is linear in `t` on at most two segments, so it is recorded as changes of an
/// intercept (`constant`) and a slope (`slope`): after prefix sums, capacity(t) = Σconstant + t · Σslope.
/// Both arrays hold `months + 1` entries, `stride` apart (month-major layouts pass the number of contracts).
@inline(__always)
func addCapacityCurve(
    constant: UnsafeMutablePointer<Double>, slope: UnsafeMutablePointer<Double>, months: Int,
    megawatts mw: Double, online: Double, ramp: Double, serviceEnd: Double, serviceStart: Double = 0, stride: Int = 1
) {
    guard mw != 0 else { return }
    let piece = curvePieces(
        online: online, ramp: ramp, serviceEnd: serviceEnd, serviceStart: serviceStart, months: months)
    if piece.rampStart < piece.rampEnd {
        let perMonth = mw / ramp
        let intercept = -perMonth * online
        constant[piece.rampStart * stride] += intercept
        slope[piece.rampStart * stride] += perMonth
        constant[piece.rampEnd * stride] -= intercept
        slope[piece.rampEnd * stride] -= perMonth
    }
    if piece.flatStart < piece.end {
        constant[piece.flatStart * stride] += mw
        constant[piece.end * stride] -= mw
    }
}

/// The month ranges of a capacity curve online at month index `online`.
///
/// A ramp `(t − online) / ramp` for `t` in
/// `rampStart..<rampEnd`, then full capacity for `t` in `flatStart..<end`, nothing elsewhere (months clamped to
/// `0..<months`, service from `serviceStart` to `serviceEnd`). Empty ranges when it never serves in the horizon.
@inline(__always)
func curvePieces(online: Double, ramp: Double, serviceEnd: Double, serviceStart: Double, months: Int)
    -> (rampStart: Int, rampEnd: Int, flatStart: Int, end: Int)
{
    guard online.isFinite, abs(online) < 1e7 else { return (0, 0, 0, 0) }
    let limit = Double(months)
    let end = min(max(serviceEnd.rounded(.up), 0), limit)
    let first = min(max(online.rounded(.up), serviceStart, 0), limit)
    guard first < end else { return (0, 0, 0, 0) }
    let full = ramp > 0 ? min(max((online + ramp).rounded(.up), 0), limit) : first
    let rampStart = Int(first)
    let rampEnd = max(rampStart, Int(min(full, end)))
    let flatStart = Int(max(full, first))
    return (rampStart, rampEnd, flatStart, max(flatStart, Int(end)))
}

/// One capacity curve: `megawatts` online from month index `online`, ramping over `ramp` months, until `serviceEnd`.
struct CapacityCurve {
    var megawatts: Double
    var online: Double
    var ramp: Double
    var serviceEnd: Double
    /// The first month index the capacity counts in (its contract's term start), whatever its online month.
    var serviceStart: Double = 0
}

/// The sum of `curves`, month by month over `months` months (difference arrays, then prefix sums).
/// - Complexity: O(curves + months).
func summedCapacity(_ curves: [CapacityCurve], months: Int) -> [Double] {
    var constant = [Double](repeating: 0, count: months + 1)
    var slope = [Double](repeating: 0, count: months + 1)
    constant.withUnsafeMutableBufferPointer { c in
        slope.withUnsafeMutableBufferPointer { s in
            guard let c = c.baseAddress, let s = s.baseAddress else { return }
            for curve in curves {
                addCapacityCurve(
                    constant: c, slope: s, months: months, megawatts: curve.megawatts, online: curve.online,
                    ramp: curve.ramp, serviceEnd: curve.serviceEnd, serviceStart: curve.serviceStart)
            }
        }
    }
    var a = 0.0
    var b = 0.0
    return (0..<months).map { t in
        a += constant[t]
        b += slope[t]
        let raw = a + Double(t) * b
        return raw > 1e-9 ? raw : 0
    }
}
