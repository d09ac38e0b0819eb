/// A zero-filled buffer of `count` elements (at least one allocated, so its base address is never `nil`); the caller
/// deallocates it.
func zeroedBuffer<T: Numeric>(_ count: Int) -> UnsafeMutableBufferPointer<T> {
    let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
    b.initialize(repeating: 0)
    return b
}

/// Reusable buffers for simulating one path at a time, owned by one worker thread.
///
/// Allocated once per worker and reused for every path, so the hot loop allocates nothing. Month-major layouts
/// (`[t * count + i]`) keep each month's figures together for the allocation step.
final class PathWorkspace {
    let months: Int
    let contractCount: Int
    let workloadCount: Int
    let providerCount: Int
    let poolCount: Int

    /// Per unit: the month index it comes online (+infinity when cancelled) and its total delay.
    let online: UnsafeMutableBufferPointer<Double>
    let delay: UnsafeMutableBufferPointer<Double>
    /// This path's global copula factor.
    var globalFactor = 0.0
    /// A dynamic run's awards on this path (`nil` for a static run).
    let procurement: ProcurementState?
    /// Per provider and per region: this path's copula factors.
    let providerFactor: UnsafeMutableBufferPointer<Double>
    let regionFactor: UnsafeMutableBufferPointer<Double>
    /// Per workload: this path's standard normal demand draw (higher means more demand).
    let demandScore: UnsafeMutableBufferPointer<Double>
    /// Per risk: 1 when the event happened on this path.
    let riskOccurred: UnsafeMutableBufferPointer<UInt8>
    /// Difference arrays, `(months + 1) × contracts`.
    let constant: UnsafeMutableBufferPointer<Double>
    let slope: UnsafeMutableBufferPointer<Double>
    /// Per month × contract: delivered MW and spend USD.
    let delivered: UnsafeMutableBufferPointer<Double>
    let contractSpend: UnsafeMutableBufferPointer<Double>
    /// Per month × workload: demand and served MW.
    let demand: UnsafeMutableBufferPointer<Double>
    let served: UnsafeMutableBufferPointer<Double>
    /// Per month × provider: delivered MW, revenue USD, idle MW (this path's, when not accumulating).
    let providerDelivered: UnsafeMutableBufferPointer<Double>
    let providerRevenue: UnsafeMutableBufferPointer<Double>
    let providerIdle: UnsafeMutableBufferPointer<Double>
    /// Per month × provider: revenue-share payments received, USD (part of the revenue).
    let providerShare: UnsafeMutableBufferPointer<Double>
    /// Per month × workload: unserved MW (this path's, when not accumulating).
    let workloadShortfall: UnsafeMutableBufferPointer<Double>
    /// Where the path kernel adds provider and workload figures: the arrays above, or a block's running sums.
    private(set) var deliveredTarget: UnsafeMutablePointer<Double>
    private(set) var revenueTarget: UnsafeMutablePointer<Double>
    private(set) var idleTarget: UnsafeMutablePointer<Double>
    private(set) var shareTarget: UnsafeMutablePointer<Double>
    private(set) var shortfallTarget: UnsafeMutablePointer<Double>
    /// Whether the targets are a block's running sums.
    private(set) var isAccumulating = false
    /// Per provider: this path's revenue over the horizon.
    let providerPathRevenue: UnsafeMutableBufferPointer<Double>
    /// Per provider: this path's revenue-share payments and idle MW-months over the horizon.
    let providerPathShare: UnsafeMutableBufferPointer<Double>
    let providerPathIdle: UnsafeMutableBufferPointer<Double>
    /// Per provider: this path's payments for idle capacity (take-or-pay share) and the flexible payments idle
    /// capacity did not earn, USD.
    let providerPathIdlePaid: UnsafeMutableBufferPointer<Double>
    let providerPathIdleUnpaid: UnsafeMutableBufferPointer<Double>
    /// Per contract: this path's spend, delivered and idle MW-months and late-delivery credits over the horizon.
    let contractPathSpend: UnsafeMutableBufferPointer<Double>
    let contractPathDelivered: UnsafeMutableBufferPointer<Double>
    let contractPathIdle: UnsafeMutableBufferPointer<Double>
    let contractPathCredit: UnsafeMutableBufferPointer<Double>
    /// Per provider: revenue in the month being evaluated (scratch).
    let providerSpendNow: UnsafeMutableBufferPointer<Double>
    /// This path's totals over the horizon.
    var pathUnserved = 0.0
    var pathAcceleratorHours = 0.0
    var pathFlop = 0.0
    var pathPeakShortfall = 0.0
    var pathSpend = 0.0
    /// Per month: totals.
    let demandTotal: UnsafeMutableBufferPointer<Double>
    let capacityTotal: UnsafeMutableBufferPointer<Double>
    let shortfallTotal: UnsafeMutableBufferPointer<Double>
    let idleTotal: UnsafeMutableBufferPointer<Double>
    let spendTotal: UnsafeMutableBufferPointer<Double>
    /// Per cap: spend counted in its window on this path.
    let capSpend: UnsafeMutableBufferPointer<Double>
    /// Scratch per pool and per contract.
    let poolCapacity: UnsafeMutableBufferPointer<Double>
    let poolFree: UnsafeMutableBufferPointer<Double>
    let poolUsedFraction: UnsafeMutableBufferPointer<Double>
    /// Late-delivery credits, month × contract (one entry when no contract has a late penalty).
    let lateCredit: UnsafeMutableBufferPointer<Double>
    /// Scratch for serving each month's demand from the pools.
    let allocation: MonthlyAllocation
    /// Per contract, the share of its delivered MW in use this month (when usage is assigned cheapest first).
    let contractUsedFraction: UnsafeMutableBufferPointer<Double>
    let runningConstant: UnsafeMutableBufferPointer<Double>
    let runningSlope: UnsafeMutableBufferPointer<Double>

    /// Allocates buffers sized for `model`.
    init(model: CompiledScenario) {
        months = model.monthCount
        contractCount = model.contracts.count
        workloadCount = model.workloads.count
        providerCount = model.providers.count
        poolCount = max(1, model.poolMasks.count)
        online = zeroedBuffer(model.units.count)
        procurement = model.procurement.map { ProcurementState(model: $0, providers: model.providers.count) }
        delay = zeroedBuffer(model.units.count)
        providerFactor = zeroedBuffer(model.providers.count)
        regionFactor = zeroedBuffer(model.regions.count)
        riskOccurred = zeroedBuffer(model.risks.count)
        demandScore = zeroedBuffer(model.workloads.count)
        constant = zeroedBuffer((months + 1) * contractCount)
        slope = zeroedBuffer((months + 1) * contractCount)
        delivered = zeroedBuffer(months * contractCount)
        contractSpend = zeroedBuffer(months * contractCount)
        demand = zeroedBuffer(months * workloadCount)
        served = zeroedBuffer(months * workloadCount)
        providerDelivered = zeroedBuffer(months * providerCount)
        providerRevenue = zeroedBuffer(months * providerCount)
        providerIdle = zeroedBuffer(months * providerCount)
        providerShare = zeroedBuffer(months * providerCount)
        workloadShortfall = zeroedBuffer(months * workloadCount)
        providerPathRevenue = zeroedBuffer(providerCount)
        providerPathShare = zeroedBuffer(providerCount)
        providerPathIdle = zeroedBuffer(providerCount)
        providerPathIdlePaid = zeroedBuffer(providerCount)
        providerPathIdleUnpaid = zeroedBuffer(providerCount)
        contractPathSpend = zeroedBuffer(contractCount)
        contractPathDelivered = zeroedBuffer(contractCount)
        contractPathIdle = zeroedBuffer(contractCount)
        contractPathCredit = zeroedBuffer(contractCount)
        providerSpendNow = zeroedBuffer(providerCount)
        deliveredTarget = providerDelivered.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 1)
        revenueTarget = providerRevenue.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 1)
        idleTarget = providerIdle.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 1)
        shareTarget = providerShare.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 1)
        shortfallTarget = workloadShortfall.baseAddress ?? UnsafeMutablePointer.allocate(capacity: 1)
        demandTotal = zeroedBuffer(months)
        capacityTotal = zeroedBuffer(months)
        shortfallTotal = zeroedBuffer(months)
        idleTotal = zeroedBuffer(months)
        spendTotal = zeroedBuffer(months)
        capSpend = zeroedBuffer(model.caps.count)
        poolCapacity = zeroedBuffer(poolCount)
        poolFree = zeroedBuffer(poolCount)
        poolUsedFraction = zeroedBuffer(poolCount)
        contractUsedFraction = zeroedBuffer(contractCount)
        lateCredit = zeroedBuffer(model.kernel.hasPenalties ? months * contractCount : 1)
        allocation = MonthlyAllocation(pools: poolCount, workloads: max(1, workloadCount))
        runningConstant = zeroedBuffer(contractCount)
        runningSlope = zeroedBuffer(contractCount)
    }

    /// Whether the kernel computes spend (payments, revenue shares, caps) and per-provider figures; a run that asks
    /// for neither skips them.
    private(set) var computesSpend = true
    private(set) var computesProviderFigures = true
    /// Where discarded figures go in a Monte Carlo run (never read, never zeroed).
    private var sink: UnsafeMutableBufferPointer<Double>?

    /// Prepares the workspace for a Monte Carlo run: per-provider and per-workload figures go nowhere until an
    /// accumulator asks for them (``addProviderFigures(delivered:revenue:idle:share:)``,
    /// ``addWorkloadShortfall(to:)``), and spend is computed only when `spend` is set.
    func prepareForSimulation(spend: Bool, providerFigures: Bool) {
        let size = months * max(providerCount, workloadCount)
        let sink = self.sink ?? zeroedBuffer(size)
        self.sink = sink
        let target = sink.baseAddress ?? deliveredTarget
        deliveredTarget = target
        revenueTarget = target
        idleTarget = target
        shareTarget = target
        shortfallTarget = target
        isAccumulating = true
        computesSpend = spend || providerFigures
        computesProviderFigures = providerFigures
    }

    /// Makes the kernel add per-provider figures (month-major) to a block's running sums.
    func addProviderFigures(
        delivered: UnsafeMutablePointer<Double>, revenue: UnsafeMutablePointer<Double>,
        idle: UnsafeMutablePointer<Double>, share: UnsafeMutablePointer<Double>
    ) {
        deliveredTarget = delivered
        revenueTarget = revenue
        idleTarget = idle
        shareTarget = share
    }

    /// Makes the kernel add per-workload shortfall (month-major) to a block's running sums.
    func addWorkloadShortfall(to shortfall: UnsafeMutablePointer<Double>) {
        shortfallTarget = shortfall
    }

    deinit {
        for b in [
            online, delay, demandScore, providerFactor, regionFactor, constant, slope, delivered, contractSpend, demand,
            served,
            providerDelivered, providerRevenue, providerIdle, providerShare, workloadShortfall, providerPathRevenue,
            providerPathShare, providerPathIdle, providerPathIdlePaid, providerPathIdleUnpaid, contractPathSpend,
            contractPathDelivered, contractPathIdle, contractPathCredit,
            providerSpendNow,
            demandTotal, capacityTotal, shortfallTotal, idleTotal,
            spendTotal, capSpend, poolCapacity, poolFree, poolUsedFraction, contractUsedFraction, lateCredit,
            runningConstant,
            runningSlope,
        ] {
            b.deallocate()
        }
        riskOccurred.deallocate()
        sink?.deallocate()
    }
}
