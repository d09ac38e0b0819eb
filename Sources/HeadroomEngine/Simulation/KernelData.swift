import HeadroomModel

/// The compiled scenario as flat, immutable buffers for the path kernel: structure of arrays, no reference counting
/// per element, shared read-only by every worker thread.
///
/// A trivial struct (pointers and integers only), so copying it costs no reference counting: worker threads share
/// it without touching a shared reference count. The memory belongs to the ``KernelArena`` that the
/// ``CompiledScenario`` keeps alive; it is never mutated after `init`, which makes the unchecked `Sendable` sound.
struct KernelData: @unchecked Sendable {
    let months: Int
    let unitCount: Int
    let contractCount: Int
    let providerCount: Int
    let regionCount: Int
    let workloadCount: Int
    let poolCount: Int
    let capCount: Int
    let shareCount: Int
    let riskCount: Int

    let unitMW: UnsafeMutableBufferPointer<Double>
    let unitPlanned: UnsafeMutableBufferPointer<Double>
    let unitRamp: UnsafeMutableBufferPointer<Double>
    /// Months of service after coming online, or +infinity.
    let unitService: UnsafeMutableBufferPointer<Double>
    let unitContractEnd: UnsafeMutableBufferPointer<Double>
    /// Per unit, the first month index its contract delivers in.
    let unitContractStart: UnsafeMutableBufferPointer<Double>
    let unitIdiosyncratic: UnsafeMutableBufferPointer<Double>
    let unitContract: UnsafeMutableBufferPointer<Int32>
    let unitProvider: UnsafeMutableBufferPointer<Int32>
    /// Region index, or −1.
    let unitRegion: UnsafeMutableBufferPointer<Int32>
    let unitStream: UnsafeMutableBufferPointer<UInt64>
    /// Samplers (see ``ScoreSamplerBank``), one per distribution drawn.
    ///
    /// Units' delays at `0..<unitCount`, risks' added delays from `riskSamplerBase`, exponential demand growth
    /// rates from `demandSamplerBase`. Kind 0 constant `first`,
    /// 1 `first + second · x`, 2 table at offset `first`, 3 exact (rare: discrete and Bernoulli). A dynamic run's
    /// provider appetites and lead times follow (see ``ProcurementModel``).
    let samplerKind: UnsafeMutableBufferPointer<UInt8>
    let samplerFirst: UnsafeMutableBufferPointer<Double>
    let samplerSecond: UnsafeMutableBufferPointer<Double>
    /// Every tabulated sampler's values, stored as `Float` (7 significant digits, far inside the tables' 1e-4
    /// interpolation error) so that the tables of many phases stay in a core's cache.
    let samplerTables: UnsafeMutableBufferPointer<Float>
    /// Exact distributions for kind-3 samplers (owned by the storage; read only in that rare branch).
    let samplerExact: UnsafeMutableBufferPointer<Distribution?>
    let riskSamplerBase: Int
    let demandSamplerBase: Int

    let globalStream: UInt64
    let providerStream: UnsafeMutableBufferPointer<UInt64>
    let regionStream: UnsafeMutableBufferPointer<UInt64>
    let riskOccursStream: UnsafeMutableBufferPointer<UInt64>
    let riskDelayStream: UnsafeMutableBufferPointer<UInt64>
    let demandStream: UnsafeMutableBufferPointer<UInt64>

    let riskProbability: UnsafeMutableBufferPointer<Double>
    let riskCancels: UnsafeMutableBufferPointer<UInt8>
    /// Units hit by risk r: `riskUnits[riskUnitStart[r]..<riskUnitStart[r + 1]]`.
    let riskUnitStart: UnsafeMutableBufferPointer<Int32>
    let riskUnits: UnsafeMutableBufferPointer<Int32>

    /// Per workload: 0 no demand, 1 exponential, 2 anchors.
    let demandKind: UnsafeMutableBufferPointer<UInt8>
    let demandStartIndex: UnsafeMutableBufferPointer<Double>
    let demandInitial: UnsafeMutableBufferPointer<Double>
    /// Anchored demand, workload-major (`w * months + t`).
    let anchorMedian: UnsafeMutableBufferPointer<Double>
    let anchorSigma: UnsafeMutableBufferPointer<Double>

    /// Per month: accelerator-hours and BF16 FLOP per unserved MW-month (0 without accelerators).
    let acceleratorHoursPerMWMonth: UnsafeMutableBufferPointer<Double>
    let flopPerMWMonth: UnsafeMutableBufferPointer<Double>
    let capUSD: UnsafeMutableBufferPointer<Double>

    let contractPrice: UnsafeMutableBufferPointer<Double>
    let contractTakeOrPay: UnsafeMutableBufferPointer<Double>
    let contractPenalty: UnsafeMutableBufferPointer<Double>
    /// Price × take-or-pay fraction: paid on delivered MW.
    let contractFixedPrice: UnsafeMutableBufferPointer<Double>
    /// Price × (1 − take-or-pay fraction): paid on used MW.
    let contractUsagePrice: UnsafeMutableBufferPointer<Double>
    /// Whether any contract has a late-delivery penalty.
    let hasPenalties: Bool
    /// Whether contract c belongs to provider c for every c (each provider has exactly one contract, in order).
    let contractIsProvider: Bool
    let contractProvider: UnsafeMutableBufferPointer<Int32>
    /// Per contract, the most its late credits add up to over the term, USD.
    let contractCreditCap: UnsafeMutableBufferPointer<Double>
    /// Pool of each contract, month × contract.
    let poolOf: UnsafeMutableBufferPointer<Int32>
    /// Per month, the contracts grouped by pool (`[t * contracts + i]`), and where each pool's group starts.
    ///
    /// Group starts are at `[t * (pools + 1) + p]`, so that pool capacity is summed in registers rather than through
    /// memory. Within each pool's group, contracts are in ascending order of their price per used MW (take-or-pay
    /// capacity, already paid for, first), so that a pool's usage is served from the cheapest capacity first.
    let contractsByPool: UnsafeMutableBufferPointer<Int32>
    let poolGroupStart: UnsafeMutableBufferPointer<Int32>
    /// Whether some pool in some month holds contracts with different prices per used MW, so that usage must be
    /// assigned cheapest first rather than pro rata.
    let usageTiered: Bool
    let poolMask: UnsafeMutableBufferPointer<UInt64>
    let workloadOrder: UnsafeMutableBufferPointer<Int32>

    let shareProvider: UnsafeMutableBufferPointer<Int32>
    let shareRate: UnsafeMutableBufferPointer<Double>
    let shareMask: UnsafeMutableBufferPointer<UInt64>
    let shareFirst: UnsafeMutableBufferPointer<Int32>
    let shareLast: UnsafeMutableBufferPointer<Int32>

    let capFirst: UnsafeMutableBufferPointer<Int32>
    let capLast: UnsafeMutableBufferPointer<Int32>
    /// Whether cap k counts provider p, at `k * providerCount + p`.
    let capCounts: UnsafeMutableBufferPointer<UInt8>

    /// `Q_i(Φ(x))` for sampler `i`.
    @inline(__always)
    func sample(_ i: Int, score x: Double) -> Double {
        switch samplerKind[i] {
        case 0:
            return samplerFirst[i]
        case 1:
            return samplerFirst[i] + samplerSecond[i] * x
        case 2:
            let offset = Int(samplerFirst[i])
            return NormalScoreTable.interpolate(
                UnsafeBufferPointer(rebasing: samplerTables[offset..<(offset + NormalScoreTable.intervals + 1)]), x)
        default:
            return samplerExact[i].map { $0.quantile(StandardNormal.cdf(x)) } ?? 0
        }
    }

    init(
        months: Int, units: [CapacityUnit], contracts: [ContractTerms], providers: [ProviderID], regions: [RegionID],
        workloads: [WorkloadID], risks: [RiskModel], riskDistributions: [Distribution], demand: [DemandModel?],
        growthDistributions: [Distribution], procurementDistributions: [Distribution], idiosyncratic: [Double],
        contractStart: [Double], contractEnd: [Double],
        poolOfContract: [Int32], poolMasks: [UInt64], workloadOrder: [Int], shares: [RevenueShareModel],
        caps: [CapModel], reference: [ReferenceAccelerator?], arena: KernelArena
    ) {
        let providerCount = providers.count
        let regionCount = regions.count
        let workloadCount = workloads.count
        let riskCount = risks.count
        self.months = months
        unitCount = units.count
        contractCount = contracts.count
        self.providerCount = providerCount
        self.regionCount = regionCount
        self.workloadCount = workloadCount
        poolCount = poolMasks.count
        capCount = caps.count
        shareCount = shares.count
        self.riskCount = riskCount
        unitMW = arena.copy(units.map(\.megawatts))
        unitPlanned = arena.copy(units.map(\.plannedIndex))
        unitRamp = arena.copy(units.map(\.rampMonths))
        unitService = arena.copy(units.map { $0.serviceMonths ?? .infinity })
        unitContractEnd = arena.copy(contractEnd)
        unitContractStart = arena.copy(contractStart)
        unitIdiosyncratic = arena.copy(idiosyncratic)
        unitContract = arena.copy(units.map { Int32($0.index.contract) })
        unitProvider = arena.copy(units.map { Int32($0.index.provider) })
        unitRegion = arena.copy(units.map { Int32($0.index.region ?? -1) })
        unitStream = arena.copy(units.map { RandomStream("unit:\($0.name)").key })
        let samplers = ScoreSamplerBank(
            units.map(\.delay) + riskDistributions + growthDistributions + procurementDistributions)
        samplerKind = arena.copy(samplers.kinds)
        samplerFirst = arena.copy(samplers.first)
        samplerSecond = arena.copy(samplers.second)
        samplerTables = arena.copy(samplers.storage.map { Float($0) })
        samplerExact = arena.copy(samplers.exact)
        riskSamplerBase = units.count
        demandSamplerBase = units.count + riskDistributions.count
        globalStream = RandomStream("factor:global").key
        providerStream = arena.copy(providers.map { RandomStream("factor:provider:\($0)").key })
        regionStream = arena.copy(regions.map { RandomStream("factor:region:\($0)").key })
        riskOccursStream = arena.copy(risks.map { RandomStream("risk:\($0.id)").key })
        riskDelayStream = arena.copy(risks.map { RandomStream("risk-delay:\($0.id)").key })
        demandStream = arena.copy(workloads.map { RandomStream("demand:\($0)").key })
        riskProbability = arena.copy(risks.map(\.probability))
        riskCancels = arena.copy(risks.map { $0.delay == nil ? UInt8(1) : 0 })
        var starts: [Int32] = [0]
        for risk in risks { starts.append(starts[starts.count - 1] + Int32(risk.units.count)) }
        riskUnitStart = arena.copy(starts)
        riskUnits = arena.copy(risks.flatMap { $0.units.map(Int32.init) })
        var kinds: [UInt8] = []
        var startIndex: [Double] = []
        var initial: [Double] = []
        var median = [Double](repeating: 0, count: workloadCount * months)
        var sigma = [Double](repeating: 0, count: workloadCount * months)
        for (w, model) in demand.enumerated() {
            switch model {
            case nil:
                kinds.append(0)
                startIndex.append(0)
                initial.append(0)
            case .exponential(let start, let level)?:
                kinds.append(1)
                startIndex.append(start)
                initial.append(level)
            case .anchors(let m, let s)?:
                kinds.append(2)
                startIndex.append(0)
                initial.append(0)
                for t in 0..<months {
                    median[w * months + t] = m[t]
                    sigma[w * months + t] = s[t]
                }
            }
        }
        demandKind = arena.copy(kinds)
        demandStartIndex = arena.copy(startIndex)
        demandInitial = arena.copy(initial)
        anchorMedian = arena.copy(median)
        anchorSigma = arena.copy(sigma)
        acceleratorHoursPerMWMonth = arena.copy(reference.map { $0?.acceleratorHoursPerMWMonth ?? 0 })
        flopPerMWMonth = arena.copy(reference.map { $0?.flopPerMWMonth ?? 0 })
        capUSD = arena.copy(caps.map(\.usd))
        contractPrice = arena.copy(contracts.map(\.pricing.usdPerMWMonth))
        contractTakeOrPay = arena.copy(contracts.map(\.takeOrPay))
        contractPenalty = arena.copy(contracts.map(\.latePenalty))
        contractFixedPrice = arena.copy(contracts.map { $0.pricing.usdPerMWMonth * $0.takeOrPay })
        contractUsagePrice = arena.copy(contracts.map { $0.pricing.usdPerMWMonth * (1 - $0.takeOrPay) })
        hasPenalties = contracts.contains { $0.latePenalty > 0 }
        contractIsProvider =
            contracts.count == providerCount && contracts.indices.allSatisfy { contracts[$0].providerIndex == $0 }
        contractProvider = arena.copy(contracts.map { Int32($0.providerIndex) })
        contractCreditCap = arena.copy(contracts.map(\.lateCreditCapUSD))
        poolOf = arena.copy(poolOfContract)
        let contractTotal = contracts.count
        var byPool: [Int32] = []
        var groupStart: [Int32] = []
        var tiered = false
        let usagePrice = contracts.map { $0.pricing.usdPerMWMonth * (1 - $0.takeOrPay) }
        for t in 0..<months {
            let row = Array(poolOfContract[(t * contractTotal)..<((t + 1) * contractTotal)])
            for p in 0..<poolMasks.count {
                groupStart.append(Int32(byPool.count - t * contractTotal))
                let group = row.indices.filter { row[$0] == Int32(p) }
                    .sorted { (usagePrice[$0], $0) < (usagePrice[$1], $1) }
                if let first = group.first, group.contains(where: { usagePrice[$0] != usagePrice[first] }) {
                    tiered = true
                }
                byPool += group.map { Int32($0) }
            }
            groupStart.append(Int32(contractTotal))
        }
        usageTiered = tiered
        contractsByPool = arena.copy(byPool)
        poolGroupStart = arena.copy(groupStart)
        poolMask = arena.copy(poolMasks)
        self.workloadOrder = arena.copy(workloadOrder.map(Int32.init))
        shareProvider = arena.copy(shares.map { Int32($0.provider) })
        shareRate = arena.copy(shares.map(\.usdPerServedMWMonth))
        shareMask = arena.copy(shares.map(\.workloadMask))
        shareFirst = arena.copy(shares.map { Int32(clamping: $0.firstIndex) })
        shareLast = arena.copy(shares.map { Int32(clamping: $0.lastIndex) })
        capFirst = arena.copy(caps.map { Int32(clamping: $0.firstIndex) })
        capLast = arena.copy(caps.map { Int32(clamping: $0.lastIndex) })
        capCounts = arena.copy(caps.flatMap { $0.countsProvider.map { $0 ? UInt8(1) : 0 } })
    }
}
