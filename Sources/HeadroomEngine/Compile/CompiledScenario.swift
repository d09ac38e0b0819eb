import HeadroomModel

/// A scenario compiled for simulation: read-only facts keyed by ids, over flat arrays that the path kernel reads.
///
/// Built once per run by ``init(scenario:structure:)``; immutable and shared by every worker thread. It keeps no
/// reference to the ``Scenario`` it was compiled from. Month indices count from ``start`` (index 0) to
/// `monthCount − 1`. ``Simulator`` runs it.
public struct CompiledScenario: Sendable {
    /// The first simulated month.
    public let start: Month
    /// Number of simulated months.
    public let monthCount: Int
    /// Workload ids, in mask-bit order.
    public let workloads: [WorkloadID]
    /// Provider ids.
    public let providers: [ProviderID]
    /// Region ids.
    public let regions: [RegionID]
    /// Capacity units (phases and blocks).
    public let units: [CapacityUnit]
    /// Contracts, in scenario order.
    public let contracts: [ContractTerms]
    /// Risk events.
    let risks: [RiskModel]
    /// Budget caps.
    public let caps: [CapModel]
    /// Distinct eligibility masks (pools), in allocation order: fewest workloads first.
    let poolMasks: [UInt64]
    /// `poolOfContract[t * contracts.count + c]`: the pool contract `c` belongs to in month `t`.
    let poolOfContract: [Int32]
    /// Copula loadings.
    let loadings: (global: Double, provider: Double, region: Double, idiosyncratic: Double)
    /// Each unit's idiosyncratic copula loading (a unit without a region folds the region loading into it).
    let unitIdiosyncratic: [Double]
    /// Each unit's service end as an exclusive month index (its contract's end + 1, or the horizon's length).
    let unitContractEnd: [Double]
    /// Per unit, the first month index its contract delivers in: its `signed` month (0 when it has none or was
    /// signed before the horizon).
    let unitContractStart: [Double]
    /// Per workload, the distribution of an exponential demand's growth rate (`nil` for anchored or no demand).
    let demandGrowth: [Distribution?]
    /// The same data as flat buffers for the path kernel (copying it costs no reference counting).
    let kernel: KernelData
    /// Owns `kernel`'s memory.
    let arena: KernelArena
    /// The procurement policy compiled for a dynamic run's deal structure; `nil` for a static run.
    let procurement: ProcurementModel?
    /// The deal structure a dynamic run buys new capacity under; `nil` for a static run.
    public var structure: Policy.Structure? { procurement?.structure }
    /// Per month: IT watts and dense BF16 FLOP/s of the newest accelerator available, for unserved conversions.
    public let referenceAccelerator: [ReferenceAccelerator?]
}

/// A contract's terms as the engine uses them.
public struct ContractTerms: Sendable {
    /// The contract's id.
    public let id: ContractID
    /// Its provider.
    public let provider: ProviderID
    /// Price, converted.
    public let pricing: ContractPricing
    /// Fraction paid whether used or not.
    public let takeOrPay: Double
    /// Credit per MW-month delivered late.
    public let latePenalty: Double
    /// The most its late credits add up to over the term, USD (its cap × its planned value).
    public let lateCreditCapUSD: Double
    /// Names of the units it covers.
    public let units: [String]
    /// Index of its provider.
    let providerIndex: Int
    /// Indices of the units it covers.
    let unitIndices: [Int]
}

/// An accelerator used to convert unserved MW into accelerator-hours and FLOP.
public struct ReferenceAccelerator: Sendable, Hashable {
    /// Its id.
    public let id: AcceleratorID
    /// Accelerator-hours per MW-month: 10⁶ / watts × 730.5.
    public let acceleratorHoursPerMWMonth: Double
    /// Dense BF16 FLOP per MW-month: accelerators × FLOP/s × seconds in a month.
    public let flopPerMWMonth: Double
}

/// A workload's demand model, tabulated per month.
enum DemandModel: Sendable {
    /// `initialMW · exp(g · (t − startIndex) / 12)`; the growth rate g is sampled by the kernel's sampler bank.
    case exponential(startIndex: Double, initialMW: Double)
    /// `median[t] · exp(sigma[t] · z)`.
    case anchors(median: [Double], sigma: [Double])
}

/// A risk-register event, resolved to units.
struct RiskModel: Sendable {
    let id: RiskID
    let probability: Double
    /// The added delay, or `nil` for a cancellation.
    let delay: Distribution?
    let units: [Int]
}

/// A revenue share, resolved to indices.
struct RevenueShareModel: Sendable {
    let provider: Int
    /// Fraction × revenue per served MW-month.
    let usdPerServedMWMonth: Double
    let workloadMask: UInt64
    let firstIndex: Int
    let lastIndex: Int
}

/// A budget cap resolved to a window of month indices and the spend that counts.
public struct CapModel: Sendable {
    /// The cap's id.
    public let id: BudgetCapID
    /// The limit, USD.
    public let usd: Double
    /// First month index counted (clamped to the horizon).
    public let firstIndex: Int
    /// Last month index counted (clamped to the horizon).
    public let lastIndex: Int
    /// Whether the cap's window reaches beyond the simulated horizon (spend there is not seen).
    public let truncated: Bool
    /// Which providers' spend counts (indexed by provider).
    let countsProvider: [Bool]
}
