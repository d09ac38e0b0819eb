/// Offsets of the floating-point sums one block accumulates, laid out in one flat array.
///
/// Blocks' sums are merged in block order, so totals are bit-identical whatever the thread count.
struct SumLayout: Sendable {
    static let metricCount = 5
    static let headlineCount = 7
    let months: Int
    let metricSum: Int
    let metricSquares: Int
    let shortfallPositive: Int
    let providerDelivered: Int
    let providerRevenue: Int
    let providerIdle: Int
    let workloadShortfall: Int
    let headlineSum: Int
    let headlineSquares: Int
    let capExceeded: Int
    let capSpend: Int
    let capSpendSquares: Int
    let riskCount: Int
    let unitDelaySum: Int
    let unitOnlineCount: Int
    let providerTotal: Int
    let providerTotalSquares: Int
    let count: Int

    init(model: SimulationModel) {
        let m = model.monthCount
        let p = model.providers.count
        var next = 0
        func take(_ n: Int) -> Int {
            defer { next += n }
            return next
        }
        months = m
        metricSum = take(Self.metricCount * m)
        metricSquares = take(Self.metricCount * m)
        shortfallPositive = take(m)
        providerDelivered = take(p * m)
        providerRevenue = take(p * m)
        providerIdle = take(p * m)
        workloadShortfall = take(model.workloads.count * m)
        headlineSum = take(Self.headlineCount)
        headlineSquares = take(Self.headlineCount)
        capExceeded = take(model.caps.count)
        capSpend = take(model.caps.count)
        capSpendSquares = take(model.caps.count)
        riskCount = take(model.risks.count)
        unitDelaySum = take(model.units.count)
        unitOnlineCount = take(model.units.count)
        providerTotal = take(p)
        providerTotalSquares = take(p)
        count = next
    }
}

/// Headline per-path totals, in their slot order.
enum HeadlineSlot: Int {
    case unservedMWMonths, unservedAcceleratorHours, unservedFLOP, anyShortfall, peakShortfall, totalSpend, spare
}
