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
    let providerShare: Int
    let awardedByMonth: Int
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
    let providerShareTotal: Int
    let providerIdleTotal: Int
    let providerIdleSquares: Int
    let providerSlowIdle: Int
    let providerSlowIdleSquares: Int
    let providerIdlePaid: Int
    let providerIdleUnpaid: Int
    let providerSlowIdleUnpaid: Int
    let providerAwarded: Int
    let providerAwardedSquares: Int
    let slowPaths: Int
    let contractSpend: Int
    let contractSpendSquares: Int
    let contractDelivered: Int
    let contractCredit: Int
    let requested: Int
    let requestedSquares: Int
    let unplacedPaths: Int
    let unplacedLargest: Int
    /// Per-path histograms: unserved MW-months, total spend, each cap's spend, then per provider its spend on
    /// capacity, its idle MW-months, and its idle MW-months on slow-demand paths.
    let histogramCount: Int
    let histogramCapSpend = 2
    let histogramProviderSpend: Int
    let histogramProviderIdle: Int
    let histogramProviderSlowIdle: Int
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
        providerShare = take(p * m)
        awardedByMonth = take(model.procurement == nil ? 0 : p * m)
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
        providerShareTotal = take(p)
        providerIdleTotal = take(p)
        providerIdleSquares = take(p)
        providerSlowIdle = take(p)
        providerSlowIdleSquares = take(p)
        providerIdlePaid = take(p)
        providerIdleUnpaid = take(p)
        providerSlowIdleUnpaid = take(p)
        providerAwarded = take(p)
        providerAwardedSquares = take(p)
        slowPaths = take(1)
        contractSpend = take(model.contracts.count)
        contractSpendSquares = take(model.contracts.count)
        contractDelivered = take(model.contracts.count)
        contractCredit = take(model.contracts.count)
        requested = take(1)
        requestedSquares = take(1)
        unplacedPaths = take(1)
        unplacedLargest = take(1)
        let caps = model.caps.count
        histogramProviderSpend = 2 + caps
        histogramProviderIdle = 2 + caps + p
        histogramProviderSlowIdle = 2 + caps + 2 * p
        histogramCount = 2 + caps + 3 * p
        count = next
    }
}

/// Headline per-path totals, in their slot order.
enum HeadlineSlot: Int {
    case unservedMWMonths, unservedAcceleratorHours, unservedFLOP, anyShortfall, peakShortfall, totalSpend, spare
}
