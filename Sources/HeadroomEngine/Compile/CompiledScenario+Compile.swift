import HeadroomModel
import RealModule

extension CompiledScenario {
    /// Compiles `scenario` for simulation: a static run of its signed contracts, or, with a `structure`, a dynamic
    /// run in which its policy buys new capacity under that deal structure (DESIGN §6).
    ///
    /// A dynamic run leaves out the contracts signed after `policy.as_of` and adds one contract per provider that
    /// can be asked, which the policy's awards are booked to.
    /// - Throws: ``EngineError`` when a reference does not resolve or a value is unusable (a validated scenario
    ///   never throws here), or when a dynamic run has no policy, or no holder for `rofr` or `exclusive`.
    /// - Complexity: O(units + contracts × months), plus 2,049 quantile evaluations per distinct delay distribution.
    public init(scenario original: Scenario, structure: Policy.Structure? = nil) throws(EngineError) {
        let scenario = structure == nil ? original : ProcurementModel.baseline(original, asOf: original.policy?.asOf)
        let months = scenario.monthCount
        guard months >= 1, months <= 480 else {
            throw EngineError(.outOfRange, path: "months", "the horizon must hold 1 to 480 months, got \(months)")
        }
        let origin = scenario.start.ordinal
        let workloads = scenario.workloads.map(\.id)
        guard !workloads.isEmpty, workloads.count <= 64 else {
            throw EngineError(
                .outOfRange, path: "workloads", "a scenario needs 1 to 64 workloads, got \(workloads.count)")
        }
        let workloadIndex = Dictionary(workloads.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let providerIndex = Dictionary(
            scenario.providers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let regionIndex = Dictionary(scenario.regions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let acceleratorIndex = Dictionary(
            scenario.accelerators.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let campusIndex = Dictionary(
            scenario.campuses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        func mask(_ ids: [WorkloadID]?, context: String) throws(EngineError) -> UInt64 {
            guard let ids else { return workloads.count == 64 ? ~0 : (1 << UInt64(workloads.count)) - 1 }
            var bits: UInt64 = 0
            for id in ids {
                guard let w = workloadIndex[id] else {
                    throw EngineError(
                        .unresolvedReference, path: "\(context).workloads", "\(context): unknown workload '\(id)'")
                }
                bits |= 1 << UInt64(w)
            }
            return bits
        }
        func index(of month: Month?) -> Int? { month.map { $0.ordinal - origin } }
        /// The index of provider `id`, which `owner` (at `path`) names.
        func provider(_ id: ProviderID, path: String, owner: String) throws(EngineError) -> Int {
            guard let p = providerIndex[id] else {
                throw EngineError(.unresolvedReference, path: path, "\(owner): unknown provider '\(id)'")
            }
            return p
        }

        // Units and contracts.
        var units: [CapacityUnit] = []
        var unitOfPhase: [PhaseReference: Int] = [:]
        var contractUnits: [[Int]] = []
        for (c, contract) in scenario.contracts.enumerated() {
            let p = try provider(
                contract.provider, path: "contracts.\(contract.id).provider", owner: "contract \(contract.id)")
            var covered: [Int] = []
            switch contract.coverage {
            case .phases(let references):
                for reference in references {
                    guard let k = campusIndex[reference.campus],
                        let phase = scenario.campuses[k].phases.first(where: { $0.id == reference.phase })
                    else {
                        throw EngineError(
                            .unresolvedReference, path: "contracts.\(contract.id).phases",
                            "contract \(contract.id): unknown phase '\(reference)'")
                    }
                    guard unitOfPhase[reference] == nil else {
                        throw EngineError(
                            .invalidValue, path: "contracts.\(contract.id).phases",
                            "phase \(reference) is covered by more than one contract")
                    }
                    let campus = scenario.campuses[k]
                    let owner = providerIndex[campus.provider] ?? p
                    unitOfPhase[reference] = units.count
                    covered.append(units.count)
                    units.append(
                        CapacityUnit(
                            name: reference.description, contract: contract.id,
                            provider: scenario.providers[owner].id, region: campus.region, campus: campus.id,
                            accelerator: phase.accelerator, megawatts: phase.itMegawatts(pue: campus.pue),
                            plannedIndex: Double(phase.plannedOnline.ordinal - origin), rampMonths: phase.rampMonths,
                            serviceMonths: nil, delay: phase.delayMonths,
                            index: .init(
                                contract: c, provider: owner, region: campus.region.flatMap { regionIndex[$0] },
                                campus: k, accelerator: phase.accelerator.flatMap { acceleratorIndex[$0] })))
                }
            case .blocks(let blocks):
                for (b, block) in blocks.enumerated() {
                    covered.append(units.count)
                    units.append(
                        CapacityUnit(
                            name: "\(contract.id)#block-\(b + 1)", contract: contract.id, provider: contract.provider,
                            region: block.region, campus: nil, accelerator: block.accelerator,
                            megawatts: block.megawatts, plannedIndex: Double(block.from.ordinal - origin),
                            rampMonths: block.rampMonths, serviceMonths: block.months.map(Double.init),
                            delay: block.delayMonths,
                            index: .init(
                                contract: c, provider: p, region: block.region.flatMap { regionIndex[$0] },
                                campus: nil, accelerator: block.accelerator.flatMap { acceleratorIndex[$0] })))
                }
            }
            contractUnits.append(covered)
        }
        for unit in units {
            guard unit.megawatts.isFinite, unit.megawatts >= 0, unit.rampMonths.isFinite, unit.rampMonths >= 0,
                abs(unit.plannedIndex) < 100_000, unit.delay.parameterProblems.isEmpty
            else {
                throw EngineError(
                    .invalidValue, path: "\(unit.name)",
                    "\(unit.name): MW, ramp, planned month and delay must be finite and sensible")
            }
        }

        var contracts: [ContractTerms] = []
        var baseMasks: [UInt64] = []
        for (c, contract) in scenario.contracts.enumerated() {
            let covered = contractUnits[c].map { units[$0] }
            let pricing = try ContractPricing.derive(
                contract: contract, units: covered, accelerators: scenario.accelerators, startOrdinal: origin,
                horizonEnd: months - 1)
            contracts.append(
                ContractTerms(
                    id: contract.id, provider: contract.provider, pricing: pricing,
                    takeOrPay: min(max(contract.takeOrPayFraction, 0), 1),
                    latePenalty: max(0, contract.latePenaltyUSDPerMWMonth),
                    lateCreditCapUSD: min(max(contract.lateCreditCap, 0), 1) * pricing.plannedValueUSD,
                    units: covered.map(\.name), providerIndex: providerIndex[contract.provider] ?? 0,
                    unitIndices: contractUnits[c]))
            baseMasks.append(try mask(contract.workloads, context: "contract \(contract.id)"))
        }

        // Demand.
        var demand = [DemandModel?](repeating: nil, count: workloads.count)
        for entry in scenario.demand {
            guard let w = workloadIndex[entry.workload] else {
                throw EngineError(
                    .unresolvedReference, path: "demand.\(entry.workload)",
                    "demand: unknown workload '\(entry.workload)'")
            }
            demand[w] = try Self.compileDemand(entry.growth, origin: origin, months: months)
        }

        // Procurement: one extra contract per provider the policy can ask, serving every workload.
        var procurement: ProcurementModel?
        var procurementDistributions: [Distribution] = []
        if let structure {
            let compiled = try Self.compileProcurement(
                scenario: scenario, structure: structure, units: units, demand: demand,
                samplerBase: units.count + scenario.risks.count + workloads.count, firstContract: contracts.count)
            procurement = compiled.model
            procurementDistributions = compiled.distributions
            contracts += compiled.contracts
            let everyWorkload = try mask(nil, context: "policy")
            baseMasks += compiled.contracts.map { _ in everyWorkload }
        }

        // Eligibility pools per month (exclusivity windows change masks over time).
        var exclusivity: [(holder: Int, mask: UInt64, first: Int, last: Int)] = []
        for clause in scenario.clauses.exclusivity {
            let holder = try provider(clause.holder, path: "clauses.exclusivity.holder", owner: "exclusivity")
            exclusivity.append(
                (
                    holder, try mask(clause.workloads, context: "exclusivity"), index(of: clause.from) ?? Int.min,
                    index(of: clause.until) ?? Int.max
                ))
        }
        var poolMasks: [UInt64] = []
        var poolIndex: [UInt64: Int32] = [:]
        var poolOfContract = [Int32](repeating: 0, count: months * contracts.count)
        for t in 0..<months {
            for c in contracts.indices {
                var m = baseMasks[c]
                for clause in exclusivity
                where clause.first <= t && t <= clause.last
                    && contracts[c].providerIndex != clause.holder
                {
                    m &= ~clause.mask
                }
                if poolIndex[m] == nil {
                    poolIndex[m] = Int32(poolMasks.count)
                    poolMasks.append(m)
                }
                poolOfContract[t * contracts.count + c] = poolIndex[m] ?? 0
            }
        }
        // Allocation order: pools with fewer workloads first; workloads with fewer eligible pools first; ties by
        // workload ids, so that nothing depends on the order of entities in the file.
        func ids(_ mask: UInt64) -> [String] {
            workloads.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { workloads[$0].rawValue }.sorted()
        }
        let poolOrder = poolMasks.indices.sorted { a, b in
            let (ca, cb) = (poolMasks[a].nonzeroBitCount, poolMasks[b].nonzeroBitCount)
            return ca != cb ? ca < cb : ids(poolMasks[a]).lexicographicallyPrecedes(ids(poolMasks[b]))
        }
        let remap = Dictionary(uniqueKeysWithValues: poolOrder.enumerated().map { ($1, Int32($0)) })
        poolMasks = poolOrder.map { poolMasks[$0] }
        poolOfContract = poolOfContract.map { remap[Int($0)] ?? 0 }
        let workloadOrder = workloads.indices.sorted { a, b in
            let ca = poolMasks.filter { $0 & (1 << UInt64(a)) != 0 }.count
            let cb = poolMasks.filter { $0 & (1 << UInt64(b)) != 0 }.count
            return ca != cb ? ca < cb : workloads[a].rawValue < workloads[b].rawValue
        }

        // Risks.
        var risks: [RiskModel] = []
        for risk in scenario.risks {
            let hit: [Int]
            switch risk.target {
            case .all: hit = Array(units.indices)
            case .campus(let id):
                guard let k = campusIndex[id] else {
                    throw EngineError(
                        .unresolvedReference, path: "risks.\(risk.id).hits", "risk \(risk.id): unknown campus '\(id)'")
                }
                hit = units.indices.filter { units[$0].index.campus == k }
            case .phase(let reference):
                hit = unitOfPhase[reference].map { [$0] } ?? []
            case .provider(let id):
                let p = try provider(id, path: "risks.\(risk.id).hits", owner: "risk \(risk.id)")
                hit = units.indices.filter { units[$0].index.provider == p }
            case .region(let id):
                guard let r = regionIndex[id] else {
                    throw EngineError(
                        .unresolvedReference, path: "risks.\(risk.id).hits", "risk \(risk.id): unknown region '\(id)'")
                }
                hit = units.indices.filter { units[$0].index.region == r }
            case .contract(let id):
                guard let c = scenario.contracts.firstIndex(where: { $0.id == id }) else {
                    throw EngineError(
                        .unresolvedReference, path: "risks.\(risk.id).hits", "risk \(risk.id): unknown contract '\(id)'"
                    )
                }
                hit = contractUnits[c]
            }
            guard risk.probability >= 0, risk.probability <= 1 else {
                throw EngineError(
                    .invalidValue, path: "risks.\(risk.id).probability",
                    "risk \(risk.id): probability must be in [0, 1]")
            }
            let added: Distribution?
            switch risk.effect {
            case .cancel: added = nil
            case .delay(let distribution):
                guard distribution.parameterProblems.isEmpty else {
                    throw EngineError(
                        .invalidValue, path: "risks.\(risk.id).delay_months",
                        "risk \(risk.id): \(distribution.parameterProblems.joined(separator: "; "))")
                }
                added = distribution
            }
            risks.append(RiskModel(id: risk.id, probability: risk.probability, delay: added, units: hit))
        }

        // Revenue shares and budget caps.
        var shares: [RevenueShareModel] = []
        for share in scenario.clauses.revenueShares {
            let p = try provider(share.to, path: "clauses.revenue_share.to", owner: "revenue share")
            shares.append(
                RevenueShareModel(
                    provider: p, usdPerServedMWMonth: share.fraction * share.revenueUSDPerServedMWMonth,
                    workloadMask: try mask(share.workloads, context: "revenue share"),
                    firstIndex: max(0, index(of: share.from) ?? 0),
                    lastIndex: min(months - 1, index(of: share.until) ?? months - 1)))
        }
        var caps: [CapModel] = []
        for cap in scenario.budget.caps {
            var counts = [Bool](repeating: cap.providers == nil, count: scenario.providers.count)
            for id in cap.providers ?? [] {
                let p = try provider(id, path: "budget.\(cap.id).providers", owner: "budget \(cap.id)")
                counts[p] = true
            }
            let first = index(of: cap.from) ?? 0
            let last = cap.through.ordinal - origin
            caps.append(
                CapModel(
                    id: cap.id, usd: cap.usd, firstIndex: max(0, first), lastIndex: min(months - 1, last),
                    truncated: first < 0 || last > months - 1, countsProvider: counts))
        }

        guard let idiosyncratic = scenario.correlation.idiosyncratic else {
            throw EngineError(
                .invalidValue, path: "correlation", "correlation loadings need global² + provider² + region² ≤ 1")
        }
        self.start = scenario.start
        self.monthCount = months
        self.workloads = workloads
        self.providers = scenario.providers.map(\.id)
        self.regions = scenario.regions.map(\.id)
        self.units = units
        self.contracts = contracts
        self.risks = risks
        self.caps = caps
        self.poolMasks = poolMasks
        self.poolOfContract = poolOfContract
        self.loadings = (
            scenario.correlation.global, scenario.correlation.provider, scenario.correlation.region, idiosyncratic
        )
        let (g, p) = (scenario.correlation.global, scenario.correlation.provider)
        let unitIdiosyncratic = units.map { unit in
            unit.index.region == nil ? max(0, 1 - g * g - p * p).squareRoot() : idiosyncratic
        }
        let unitContractEnd = units.map { unit in
            Double(min(months, (index(of: scenario.contracts[unit.index.contract].end) ?? months) + 1))
        }
        self.unitIdiosyncratic = unitIdiosyncratic
        self.unitContractEnd = unitContractEnd
        let unitContractStart = units.map { unit in
            Double(min(months, max(0, index(of: scenario.contracts[unit.index.contract].signed) ?? 0)))
        }
        self.unitContractStart = unitContractStart
        let reference: [ReferenceAccelerator?] = (0..<months).map { t in
            let month = Month(ordinal: origin + t)
            let available = scenario.accelerators.filter {
                ($0.availableFrom ?? month) <= month && $0.itWattsPerAccelerator > 0
            }
            guard
                let newest = available.max(by: {
                    ($0.availableFrom ?? Month(ordinal: 0)) < ($1.availableFrom ?? Month(ordinal: 0))
                })
            else { return nil }
            let perMW = 1_000_000 / newest.itWattsPerAccelerator
            return ReferenceAccelerator(
                id: newest.id, acceleratorHoursPerMWMonth: perMW * hoursPerMonth,
                flopPerMWMonth: perMW * newest.bf16Flops * hoursPerMonth * 3600)
        }

        self.referenceAccelerator = reference
        self.procurement = procurement
        let demandGrowth = workloads.map { id -> Distribution? in
            if case .exponential(_, _, let rate)? = scenario.demand.first(where: { $0.workload == id })?.growth {
                return rate
            }
            return nil
        }
        self.demandGrowth = demandGrowth
        let arena = KernelArena()
        let kernel = KernelData(
            months: months, units: units, contracts: contracts, providers: scenario.providers.map(\.id),
            regions: scenario.regions.map(\.id), workloads: workloads, risks: risks,
            riskDistributions: risks.map { $0.delay ?? .fixed(0) }, demand: demand,
            growthDistributions: demandGrowth.map { $0 ?? .fixed(0) },
            procurementDistributions: procurementDistributions,
            idiosyncratic: unitIdiosyncratic, contractStart: unitContractStart, contractEnd: unitContractEnd,
            poolOfContract: poolOfContract,
            poolMasks: poolMasks, workloadOrder: workloadOrder, shares: shares, caps: caps, reference: reference,
            arena: arena)
        self.kernel = kernel
        self.arena = arena
    }
}
