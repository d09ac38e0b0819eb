import HeadroomMILP
import HeadroomModel
import HeadroomOptimize

/// Small worlds whose optimum is derived by hand in the tests: one year (2026), one or two workloads with flat
/// demand, no delays, no signed contracts unless a test adds them.
enum OptimizeFixtures {
    static let start = Month(ordinal: 2026 * 12)
    static let end = Month(ordinal: 2026 * 12 + 11)

    /// A flat demand of `mw` for each workload.
    static func world(
        demandMW: [Double] = [100], providers: [ProviderID] = ["p"], offers: [Offer], caps: [BudgetCap] = [],
        settings: OptimizationSettings? = nil, clauses: Clauses = .none, contracts: [Contract] = []
    ) -> Scenario {
        let workloads = demandMW.indices.map { Workload(id: WorkloadID("w\($0)")) }
        return Scenario(
            name: "fixture", start: start, end: end, workloads: workloads,
            providers: providers.map { Provider(id: $0, kind: .cloud) }, contracts: contracts, clauses: clauses,
            demand: zip(workloads, demandMW).map { w, mw in
                Demand(workload: w.id, growth: .exponential(start: start, initialMW: mw, annualLogGrowth: .fixed(0)))
            },
            budget: Budget(caps: caps), offers: offers, optimization: settings)
    }

    /// An offer of `lots` lots of `lotMW` at `price` per MW-month, for January (online at once, no delay).
    static func offer(
        _ id: OfferID, provider: ProviderID = "p", lotMW: Double = 100, minimumLots: Int = 0, maximumLots: Int = 1,
        price: Double, starts: [Month] = [start], workloads: [WorkloadID]? = nil
    ) -> Offer {
        Offer(
            id: id, provider: provider, lotMW: lotMW, minimumLots: minimumLots, maximumLots: maximumLots,
            starts: starts, price: .perMWMonth(price), workloads: workloads)
    }
}

/// One CBC for the whole test process (CBC keeps process-wide state; see ``CBCSolver``).
enum SharedSolver {
    static let cbc = CBCSolver()
    static let optimizer = Optimizer(solver: cbc)
}
