import HeadroomModel
import RealModule

/// A scenario's procurement policy compiled for one deal structure (DESIGN §6): who is asked in which order, when
/// the buyer reviews, and what it knows a priori.
///
/// Built by ``CompiledScenario/init(scenario:structure:)``; the per-path decisions are ``CompiledScenario``'s
/// `procure` step.
struct ProcurementModel: Sendable {
    /// The deal structure.
    let structure: Policy.Structure
    /// Index of the holder (asked first under `rofr`, alone under `exclusive`), if any.
    let holder: Int?
    /// Month indices with a review, ascending.
    let reviewMonths: [Int]
    /// Forecast horizon, months.
    let horizonMonths: Int
    /// Observed months the growth forecast is fitted on.
    let lookbackMonths: Int
    /// Requested capacity above the forecast, fraction of forecast demand.
    let targetHeadroom: Double
    /// The smallest request made, IT MW.
    let minimumRequestMW: Double
    /// Months of service of bought capacity (+infinity: to the horizon's end).
    let termMonths: Double
    /// Ramp months of bought capacity.
    let rampMonths: Double
    /// Months non-holders wait for the holder's answer under `rofr`.
    let responseWindowMonths: Double
    /// Providers asked, in the order they are asked.
    let askOrder: [Int]
    /// Under `rofr`: the month indices in which the holder's right is in force (the clause's window when the
    /// policy's holder holds `clauses.rofr`; the whole horizon otherwise).
    let rightWindow: Range<Int>
    /// Under `rofr`, outside ``rightWindow``: everyone by price, then median lead time, the holder without priority.
    let orderWithoutRight: [Int]
    /// Per provider: the contract column its bought capacity is booked to, or `nil` if it is never asked.
    let contractOfProvider: [Int?]
    /// Per provider: price of new capacity, USD per IT MW-month (0 if never asked).
    let priceUSDPerMWMonth: [Double]
    /// Per provider: median lead time, months (what the buyer plans with).
    let medianLeadTimeMonths: [Double]
    /// Per provider: median yearly appetite, IT MW.
    let medianAppetiteMW: [Double]
    /// Per provider: modal yearly appetite and lead time (a projection on modes).
    let modeAppetiteMW: [Double]
    let modeLeadTimeMonths: [Double]
    /// Per month: total median demand (the buyer's prior before it has observed growth).
    let priorDemand: [Double]
    /// Per unit: median delay, months (the buyer's expectation for units not yet online).
    let unitMedianDelay: [Double]
    /// Calendar year of each month index.
    let yearOfMonth: [Int32]
    /// Per provider: sampler indices of its appetite and lead time in the kernel's bank (−1 if never asked).
    let appetiteSampler: [Int]
    let leadTimeSampler: [Int]
    /// Per provider: random-stream keys of its appetite and lead-time draws.
    let appetiteStream: [UInt64]
    let leadTimeStream: [UInt64]
    /// The most awards one path can make.
    let maximumAwards: Int
}

extension ProcurementModel {
    /// Whether `provider` can be asked for new capacity: it states an appetite, a price and a lead time.
    static func isAskable(_ provider: Provider) -> Bool {
        provider.appetiteMWPerYear != nil && provider.newCapacityPriceUSDPerMWMonth != nil
            && provider.leadTimeMonths != nil
    }

    /// The order providers are asked in under `structure`.
    ///
    /// - `rofr`: the holder, then the others by price, then median lead time;
    /// - `exclusive`: the holder alone;
    /// - `open`: the reliable (median lead time within `horizon`) before the others, each group by price, then lead
    ///   time.
    static func askOrder(
        structure: Policy.Structure, holder: Int?, askable: [Int], price: [Double], leadTime: [Double], horizon: Int
    ) -> [Int] {
        let byPrice = askable.sorted { (price[$0], leadTime[$0], $0) < (price[$1], leadTime[$1], $1) }
        switch structure {
        case .exclusive:
            return holder.map { h in askable.contains(h) ? [h] : [] } ?? []
        case .rightOfFirstRefusal:
            guard let holder, askable.contains(holder) else { return byPrice }
            return [holder] + byPrice.filter { $0 != holder }
        case .open:
            let reliable = byPrice.filter { leadTime[$0] <= Double(horizon) }
            return reliable + byPrice.filter { leadTime[$0] > Double(horizon) }
        }
    }

    /// The scenario a dynamic run starts from: contracts signed after `asOf` are removed (the policy decides in
    /// their place), with the risks that targeted only them.
    static func baseline(_ scenario: Scenario, asOf: Month?) -> Scenario {
        guard let asOf else { return scenario }
        var baseline = scenario
        let dropped = Set(scenario.contracts.filter { ($0.signed ?? asOf) > asOf }.map(\.id))
        guard !dropped.isEmpty else { return scenario }
        baseline.contracts.removeAll { dropped.contains($0.id) }
        baseline.risks.removeAll { risk in
            if case .contract(let id) = risk.target { return dropped.contains(id) }
            return false
        }
        return baseline
    }

    /// Provider `p`'s lead time on a deterministic path: its median or its mode.
    func centralLeadTime(_ p: Int, basis: DeterministicBasis) -> Double {
        basis == .median ? medianLeadTimeMonths[p] : modeLeadTimeMonths[p]
    }

    /// The capacity curve's value at month index `s`, as ``addCapacityCurve`` builds it: `mw · clamp((s − online) /
    /// ramp, 0, 1)` from month ⌈online⌉ while `s < ⌈serviceEnd⌉`.
    @inline(__always)
    static func curveValue(
        megawatts mw: Double, online: Double, ramp: Double, serviceEnd: Double, serviceStart: Double = 0, at s: Int
    ) -> Double {
        let time = Double(s)
        guard online.isFinite, time >= online.rounded(.up), time >= serviceStart, time < serviceEnd.rounded(.up)
        else { return 0 }
        if ramp > 0 && time < (online + ramp).rounded(.up) { return mw * (time - online) / ramp }
        return mw
    }
}

extension CompiledScenario {
    /// Compiles `scenario`'s policy for `structure`, given the compiled units and demand; returns the policy's extra
    /// contracts (one per provider that can be asked) and the distributions its samplers need.
    static func compileProcurement(
        scenario: Scenario, structure: Policy.Structure, units: [CapacityUnit], demand: [DemandModel?],
        samplerBase: Int, firstContract: Int
    ) throws(EngineError) -> (model: ProcurementModel, contracts: [ContractTerms], distributions: [Distribution]) {
        guard let policy = scenario.policy else {
            throw EngineError(
                .policy, path: "policy", "a dynamic run needs a policy (see docs/scenario-format.md, policy)")
        }
        let months = scenario.monthCount
        let origin = scenario.start.ordinal
        let providerIndex = Dictionary(
            scenario.providers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let holderID = policy.resolvedHolder(in: scenario)
        let holder = holderID.flatMap { providerIndex[$0] }
        if structure != .open && holder == nil {
            throw EngineError(
                .policy, path: "policy.holder",
                "structure \(structure.rawValue) needs a holder: set policy.holder or clauses.rofr")
        }
        if structure == .exclusive, let holder, !ProcurementModel.isAskable(scenario.providers[holder]) {
            throw EngineError(
                .policy, path: "providers.\(scenario.providers[holder].id)",
                "structure exclusive: the holder '\(scenario.providers[holder].id)' needs appetite_mw_per_year, "
                    + "new_capacity_price_usd_per_mw_month and lead_time_months")
        }
        let pc = scenario.providers.count
        var price = [Double](repeating: 0, count: pc)
        var lead = [Double](repeating: .infinity, count: pc)
        var appetite = [Double](repeating: 0, count: pc)
        var modeAppetite = [Double](repeating: 0, count: pc)
        var modeLead = [Double](repeating: .infinity, count: pc)
        var appetiteSampler = [Int](repeating: -1, count: pc)
        var leadSampler = [Int](repeating: -1, count: pc)
        var contractOf = [Int?](repeating: nil, count: pc)
        var contracts: [ContractTerms] = []
        var distributions: [Distribution] = []
        var askable: [Int] = []
        let takeOrPay = min(max(policy.newCapacity.takeOrPayFraction, 0), 1)
        for (p, provider) in scenario.providers.enumerated() where ProcurementModel.isAskable(provider) {
            guard let appetiteDistribution = provider.appetiteMWPerYear, let leadDistribution = provider.leadTimeMonths,
                let usd = provider.newCapacityPriceUSDPerMWMonth, usd.isFinite, usd >= 0,
                appetiteDistribution.parameterProblems.isEmpty, leadDistribution.parameterProblems.isEmpty
            else {
                throw EngineError(
                    .invalidValue, path: "providers.\(provider.id)",
                    "provider \(provider.id): appetite, price and lead time must be finite")
            }
            askable.append(p)
            price[p] = usd
            lead[p] = max(0, leadDistribution.median)
            appetite[p] = max(0, appetiteDistribution.median)
            modeAppetite[p] = max(0, appetiteDistribution.mode)
            modeLead[p] = max(0, leadDistribution.mode)
            appetiteSampler[p] = samplerBase + distributions.count
            distributions.append(appetiteDistribution)
            leadSampler[p] = samplerBase + distributions.count
            distributions.append(leadDistribution)
            contractOf[p] = firstContract + contracts.count
            contracts.append(
                ContractTerms(
                    id: ContractID("policy:\(provider.id)"), provider: provider.id,
                    pricing: ContractPricing(
                        usdPerMWMonth: usd, usdPerAcceleratorHour: nil, plannedMWMonths: 0, plannedValueUSD: 0,
                        derivedFromTotalValue: false),
                    takeOrPay: takeOrPay, latePenalty: 0, lateCreditCapUSD: 0, units: [], providerIndex: p,
                    unitIndices: []))
        }
        let order = ProcurementModel.askOrder(
            structure: structure, holder: holder, askable: askable, price: price, leadTime: lead,
            horizon: max(1, policy.horizonMonths))
        let first = max(0, (policy.asOf?.ordinal ?? origin) - origin)
        let last = min(months - 1, (policy.until?.ordinal ?? (origin + months - 1)) - origin)
        let step = max(1, policy.reviewMonths)
        let reviews = first <= last ? Array(stride(from: first, through: last, by: step)) : []
        var prior = [Double](repeating: 0, count: months)
        for (w, model) in demand.enumerated() {
            switch model {
            case .exponential(let startIndex, let initial)?:
                var rate = 0.0
                if case .exponential(_, _, let distribution)? = scenario.demand.first(where: {
                    $0.workload == scenario.workloads[w].id
                })?.growth {
                    rate = distribution.median
                }
                for t in 0..<months where Double(t) >= startIndex {
                    prior[t] += initial * Double.exp(rate * (Double(t) - startIndex) / 12)
                }
            case .anchors(let median, _)?:
                for t in 0..<months { prior[t] += median[t] }
            case nil:
                break
            }
        }
        let clause = scenario.clauses.rightOfFirstRefusal.flatMap { $0.holder == holderID ? $0 : nil }
        let response = structure == .rightOfFirstRefusal ? (clause?.responseWindowMonths ?? 0) : 0
        let rightFirst = clause?.from.map { $0.ordinal - origin } ?? Int.min / 2
        let rightLast = clause?.until.map { $0.ordinal - origin } ?? Int.max / 2
        let withoutRight = ProcurementModel.askOrder(
            structure: .rightOfFirstRefusal, holder: nil, askable: askable, price: price, leadTime: lead,
            horizon: policy.horizonMonths)
        let model = ProcurementModel(
            structure: structure, holder: holder, reviewMonths: reviews, horizonMonths: max(1, policy.horizonMonths),
            lookbackMonths: max(1, policy.lookbackMonths), targetHeadroom: max(0, policy.targetHeadroom),
            minimumRequestMW: max(0, policy.minimumRequestMW),
            termMonths: policy.newCapacity.termMonths.map(Double.init) ?? .infinity,
            rampMonths: max(0, policy.newCapacity.rampMonths), responseWindowMonths: max(0, response), askOrder: order,
            rightWindow: rightLast >= rightFirst ? rightFirst..<(rightLast + 1) : 0..<0,
            orderWithoutRight: withoutRight,
            contractOfProvider: contractOf, priceUSDPerMWMonth: price, medianLeadTimeMonths: lead,
            medianAppetiteMW: appetite, modeAppetiteMW: modeAppetite, modeLeadTimeMonths: modeLead, priorDemand: prior,
            unitMedianDelay: units.map(\.delay.median),
            yearOfMonth: (0..<months).map { Int32(Month(ordinal: origin + $0).year) },
            appetiteSampler: appetiteSampler, leadTimeSampler: leadSampler,
            appetiteStream: scenario.providers.map { RandomStream("appetite:\($0.id)").key },
            leadTimeStream: scenario.providers.map { RandomStream("lead-time:\($0.id)").key },
            maximumAwards: max(1, reviews.count * max(1, order.count)))
        return (model, contracts, distributions)
    }
}
