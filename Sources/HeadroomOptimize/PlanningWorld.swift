import HeadroomModel

/// The optimizer's world: the scenario as it stands on its decision date, and every (offer, start month) it may
/// sign as a candidate.
///
/// The decision date is `policy.as_of` when the scenario has one (contracts signed after it are left out: they are
/// what the optimizer decides in their place), else the horizon's start. A candidate signed with `n` lots becomes
/// the contract `offer.start` (for instance `aws-more.2026-07`) with one block of `n × lot_mw` MW, planned online at
/// start + lead time, signed on the decision date; that contract's unit draws the same delay whatever `n`, in the
/// optimizer's samples and in any `simulate` of the written plan.
public struct PlanningWorld: Sendable {
    /// The scenario as read.
    public let scenario: Scenario
    /// The decision date.
    public let decisionMonth: Month
    /// The signed world: contracts signed by the decision date, no offers.
    public let base: Scenario
    /// Every candidate, offer by offer, start by start.
    public let candidates: [Candidate]
    /// Risks of the deals the offers stand for.
    ///
    /// A risk-register event on a contract left out because it was signed after the decision date, when an offer
    /// has that contract's id. Each hits the candidate signed, as the
    /// risk `RISK.START` (`broadcom-term-sheet-lapses.2026-04`).
    public let offerRisks: [OfferID: [Risk]]
    /// Per eligibility pool, per month: the workloads its capacity may serve.
    ///
    /// One bit per workload, in scenario order. Candidates with the same masks month by month share a pool.
    public let poolMasks: [[UInt64]]

    /// One (offer, start month) the optimizer may sign.
    public struct Candidate: Sendable, Hashable {
        /// The offer's index in the scenario's `offers`.
        public var offer: Int
        /// The offer's id.
        public var offerID: OfferID
        /// Its provider.
        public var provider: ProviderID
        /// The start month it is signed for.
        public var start: Month
        /// IT MW per lot.
        public var lotMW: Double
        /// Fewest lots if taken.
        public var minimumLots: Int
        /// Most lots.
        public var maximumLots: Int
        /// The contract it becomes.
        public var contract: ContractID
        /// Its eligibility pool.
        public var pool: Int
        /// Whether it counts as the right-of-first-refusal holder's.
        public var isHolders: Bool

        /// The engine's name of its unit.
        public var unitName: String { "\(contract)#block-1" }
    }

    /// Builds the world of `scenario`, checking that every offer can arrive in the horizon.
    /// - Throws: ``OptimizationError`` naming the offer that is invalid.
    public init(scenario: Scenario) throws(OptimizationError) {
        self.scenario = scenario
        let decision = scenario.policy?.asOf ?? scenario.start
        decisionMonth = decision
        var base = scenario
        base.contracts = scenario.contracts.filter { ($0.signed ?? scenario.start) <= decision }
        base.offers = []
        base.optimization = nil
        // Risks on a contract signed after the decision date leave with it; when an offer has that contract's id
        // (the deal, on the table again), they hit whichever candidate of the offer is signed.
        let kept = Set(base.contracts.map(\.id))
        let offerIDs = Set(scenario.offers.map(\.id.rawValue))
        var offerRisks: [OfferID: [Risk]] = [:]
        base.risks = scenario.risks.filter { risk in
            guard case .contract(let id) = risk.target, !kept.contains(id) else { return true }
            if offerIDs.contains(id.rawValue) { offerRisks[OfferID(id.rawValue), default: []].append(risk) }
            return false
        }
        self.offerRisks = offerRisks
        self.base = base
        guard !scenario.offers.isEmpty else {
            throw OptimizationError(.invalidInput, path: "offers", "the scenario has no offers to optimize over")
        }
        let workloads = scenario.workloads.map(\.id)
        guard workloads.count <= 64 else {
            throw OptimizationError(.invalidInput, path: "workloads", "the optimizer handles at most 64 workloads")
        }
        let holder = scenario.clauses.rightOfFirstRefusal?.holder
        let months = scenario.monthCount
        var poolKeys: [[UInt64]: Int] = [:]
        var pools: [[UInt64]] = []
        var candidates: [Candidate] = []
        let existing = Set(scenario.contracts.map(\.id))
        for (o, offer) in scenario.offers.enumerated() {
            let path = "offers[\(o)] (\(offer.id))"
            guard offer.lotMW > 0, offer.lotMW.isFinite else {
                throw OptimizationError(.invalidInput, path: path, "lot_mw must be a finite number > 0")
            }
            guard offer.maximumLots >= max(1, offer.minimumLots), offer.minimumLots >= 0 else {
                throw OptimizationError(.invalidInput, path: path, "max_lots must be ≥ max(1, min_lots)")
            }
            let mask = Self.mask(offer.workloads, in: workloads)
            let masks = (0..<months).map { t in
                Self.effectiveMask(mask, provider: offer.provider, month: scenario.start.adding(months: t), scenario)
            }
            let pool: Int
            if let known = poolKeys[masks] {
                pool = known
            } else {
                pool = pools.count
                poolKeys[masks] = pool
                pools.append(masks)
            }
            let arriving = offer.starts.filter { $0.adding(months: offer.leadTimeMonths) <= scenario.end }
            guard !arriving.isEmpty else {
                let last = offer.starts.last.map { "\($0)" } ?? "none"
                throw OptimizationError(
                    .invalidInput, path: path,
                    "its latest start \(last) + lead \(offer.leadTimeMonths) months arrives after the horizon end "
                        + "\(scenario.end): it can never deliver")
            }
            for start in arriving {
                let contract = ContractID("\(offer.id).\(start)")
                guard !existing.contains(contract) else {
                    throw OptimizationError(
                        .invalidInput, path: path, "contract id \(contract) (offer.start) is already a contract's id")
                }
                candidates.append(
                    Candidate(
                        offer: o, offerID: offer.id, provider: offer.provider, start: start, lotMW: offer.lotMW,
                        minimumLots: offer.minimumLots, maximumLots: offer.maximumLots, contract: contract,
                        pool: pool, isHolders: holder.map { offer.isHolders($0) } ?? false))
            }
        }
        self.candidates = candidates
        poolMasks = pools
    }

    /// The contract candidate `c` becomes with `lots` lots.
    public func contract(for c: Int, lots: Int) -> Contract {
        let candidate = candidates[c]
        let offer = scenario.offers[candidate.offer]
        let block = Block(
            megawatts: Double(lots) * offer.lotMW, from: candidate.start.adding(months: offer.leadTimeMonths),
            months: offer.termMonths, accelerator: offer.accelerator, region: offer.region,
            rampMonths: offer.rampMonths, delayMonths: offer.delayMonths)
        let price: Contract.Price
        switch offer.price {
        case .totalValue(let perLot): price = .totalValue(perLot * Double(lots))
        default: price = offer.price
        }
        return Contract(
            id: candidate.contract, name: offer.name.map { "\($0) (\(candidate.start))" }, provider: offer.provider,
            signed: decisionMonth, coverage: .blocks([block]), price: price,
            takeOrPayFraction: offer.takeOrPayFraction, workloads: offer.workloads)
    }

    /// The signed world plus `lots[c]` lots of every candidate with lots (the plan, as a scenario that `simulate`,
    /// `compare` and `report` take).
    public func planScenario(lots: [Int], name: String? = nil) -> Scenario {
        var plan = base
        plan.name = name ?? "\(scenario.name) — optimized plan"
        for (c, n) in lots.enumerated() where n > 0 && c < candidates.count {
            plan.contracts.append(contract(for: c, lots: n))
            plan.risks += risks(of: c)
        }
        return plan
    }

    /// The probe: the signed world plus one lot of every candidate (for the candidates' draws; never simulated).
    var probeScenario: Scenario {
        var probe = base
        for c in candidates.indices {
            probe.contracts.append(contract(for: c, lots: 1))
            probe.risks += risks(of: c)
        }
        probe.policy = nil
        return probe
    }

    /// The risks that hit candidate `c` once signed (see ``offerRisks``).
    func risks(of c: Int) -> [Risk] {
        let candidate = candidates[c]
        return (offerRisks[candidate.offerID] ?? []).map { risk in
            var copy = risk
            copy.id = RiskID("\(risk.id).\(candidate.start)")
            copy.target = .contract(candidate.contract)
            return copy
        }
    }

    /// The workloads a candidate's capacity may serve in `month`: its own, less those an exclusivity clause binds to
    /// another provider then.
    static func effectiveMask(_ mask: UInt64, provider: ProviderID, month: Month, _ scenario: Scenario) -> UInt64 {
        var result = mask
        let workloads = scenario.workloads.map(\.id)
        for clause in scenario.clauses.exclusivity where clause.holder != provider {
            if let from = clause.from, month < from { continue }
            if let until = clause.until, month > until { continue }
            result &= ~Self.mask(clause.workloads, in: workloads)
        }
        return result
    }

    /// One bit per listed workload (every workload for `nil`).
    static func mask(_ listed: [WorkloadID]?, in workloads: [WorkloadID]) -> UInt64 {
        var mask: UInt64 = 0
        for (w, id) in workloads.enumerated() where listed?.contains(id) ?? true { mask |= 1 << UInt64(w) }
        return mask
    }
}
