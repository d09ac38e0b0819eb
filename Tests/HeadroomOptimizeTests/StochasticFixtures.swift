import HeadroomModel

/// Worlds with uncertainty: demand growth drawn per path, offers that slip with their provider, a signed contract,
/// two workloads (one offer serving only one of them), a budget cap.
enum StochasticFixtures {
    static let start = Month(ordinal: 2026 * 12)

    /// A two-year world; `variant` shifts prices and sizes so that instances differ.
    static func world(variant: Int = 0, cap: CapConstraint.Measure? = nil) -> Scenario {
        let v = Double(variant)
        let workloads = [Workload(id: "training"), Workload(id: "inference")]
        let providers: [Provider] = [
            Provider(id: "cloud", kind: .cloud), Provider(id: "neo", kind: .neocloud), Provider(id: "own", kind: .self),
        ]
        let signed = Contract(
            id: "signed", provider: "cloud", signed: start,
            coverage: .blocks([Block(megawatts: 150, from: start, rampMonths: 3)]), price: .perMWMonth(1.1e6))
        let offers = [
            Offer(
                id: "cloud-more", provider: "cloud", lotMW: 50 + 10 * v, maximumLots: 4,
                starts: [start, start.adding(months: 6)], leadTimeMonths: 3,
                delayMonths: .lognormal(median: 2, sigma: 0.5), rampMonths: 3, price: .perMWMonth(1.2e6 + 1e4 * v)),
            Offer(
                id: "neo-block", provider: "neo", lotMW: 100, minimumLots: 1, maximumLots: 2,
                starts: [start.adding(months: 3), start.adding(months: 9)], leadTimeMonths: 2,
                delayMonths: .pert(min: 0, mode: 3, max: 9), price: .perMWMonth(0.95e6 - 2e4 * v),
                workloads: ["inference"]),
            Offer(
                id: "own-build", provider: "own", lotMW: 200, maximumLots: 1, starts: [start.adding(months: 2)],
                leadTimeMonths: 6, delayMonths: .lognormal(median: 4, sigma: 0.6), rampMonths: 6,
                price: .perMWMonth(0.7e6 + 3e4 * v)),
        ]
        let demand = [
            Demand(
                workload: "training",
                growth: .exponential(
                    start: start, initialMW: 120, annualLogGrowth: .normal(mean: 0.6 + 0.05 * v, sd: 0.3))),
            Demand(
                workload: "inference",
                growth: .exponential(start: start, initialMW: 80, annualLogGrowth: .normal(mean: 0.8, sd: 0.4))),
        ]
        let caps = [BudgetCap(id: "two-years", usd: 6.5e9 + 2e8 * v, through: start.adding(months: 23))]
        return Scenario(
            name: "stochastic-\(variant)", start: start, end: start.adding(months: 23), workloads: workloads,
            providers: providers, contracts: [signed], demand: demand,
            correlation: Correlation(global: 0.3, provider: 0.5), budget: Budget(caps: caps), offers: offers,
            optimization: OptimizationSettings(
                penaltyUSDPerMWMonth: ["training": 2.0e6, "inference": 2.6e6],
                caps: cap.map { [CapConstraint(cap: "two-years", measure: $0)] } ?? []))
    }
}
