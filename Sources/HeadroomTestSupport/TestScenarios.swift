import HeadroomModel

/// Small scenarios built in code, for tests whose answers can be worked out by hand.
public enum TestScenarios {
    public static let start = Month(year: 2026, month: 1) ?? Month(ordinal: 0)

    public static func month(_ offset: Int) -> Month { start.adding(months: offset) }

    /// One provider, one campus of the given phases, one contract covering them, flat demand.
    public static func single(
        phases: [Phase], price: Contract.Price = .perMWMonth(1_000_000), takeOrPay: Double = 1,
        demandMW: Double = 80, months: Int = 12, end: Month? = nil, penalty: Double = 0,
        correlation: Correlation = .independent, risks: [Risk] = [], caps: [BudgetCap] = [],
        accelerators: [Accelerator] = []
    ) -> Scenario {
        Scenario(
            name: "single", start: start, end: start.adding(months: months - 1),
            workloads: [Workload(id: "all")], accelerators: accelerators,
            providers: [Provider(id: "p", kind: .cloud)], regions: [Region(id: "r")],
            campuses: [Campus(id: "c", provider: "p", region: "r", pue: 1.25, phases: phases)],
            contracts: [
                Contract(
                    id: "k", provider: "p", end: end,
                    coverage: .phases(phases.map { PhaseReference(campus: "c", phase: $0.id) }), price: price,
                    takeOrPayFraction: takeOrPay, latePenaltyUSDPerMWMonth: penalty)
            ],
            demand: [Demand(workload: "all", growth: .anchors([DemandAnchor(month: start, megawatts: demandMW)]))],
            risks: risks, correlation: correlation, budget: Budget(caps: caps))
    }

    /// A bench-like scenario: `count` phases over `providers` providers and `regions` regions, exponential demand.
    public static func benchLike(
        count: Int = 24, providers: Int = 4, regions: Int = 3, months: Int = 60,
        correlation: Correlation = Correlation(global: 0.3, provider: 0.4, region: 0.3), risks: [Risk] = []
    ) -> Scenario {
        let providerIDs = (0..<providers).map { ProviderID("p\($0)") }
        let regionIDs = (0..<regions).map { RegionID("r\($0)") }
        var campuses: [Campus] = []
        for i in 0..<count {
            let delay: Distribution =
                i % 3 == 2
                ? .lognormal(median: 1.5 + Double(i % 5) * 0.5, sigma: 0.3 + Double(i % 4) * 0.15)
                : .pert(min: Double(i % 2) - 1, mode: Double(i % 3), max: 6 + Double(i % 7) * 2)
            let phase = Phase(
                id: PhaseID("ph\(i)"), megawatts: Double(100 + (i * 37) % 400),
                plannedOnline: month((i * 7) % (months - 6)),
                rampMonths: Double([0, 3, 6][i % 3]), delayMonths: delay)
            campuses.append(
                Campus(
                    id: CampusID("c\(i)"), provider: providerIDs[i % providers], region: regionIDs[(i * 5) % regions],
                    phases: [phase]))
        }
        let contracts =
            providerIDs.map { p in
                Contract(
                    id: ContractID("k-\(p)"), provider: p,
                    coverage: .phases(
                        campuses.filter { $0.provider == p }.map {
                            PhaseReference(campus: $0.id, phase: $0.phases[0].id)
                        }),
                    price: .perMWMonth(900_000))
            } + [
                Contract(
                    id: "existing", provider: providerIDs[0],
                    coverage: .blocks([Block(megawatts: 1500, from: start)]), price: .perMWMonth(0))
            ]
        return Scenario(
            name: "bench-like", start: start, end: start.adding(months: months - 1),
            workloads: [Workload(id: "compute")],
            providers: providerIDs.map { Provider(id: $0, kind: .cloud) }, regions: regionIDs.map { Region(id: $0) },
            campuses: campuses, contracts: contracts,
            demand: [
                Demand(
                    workload: "compute",
                    growth: .exponential(start: start, initialMW: 1500, annualLogGrowth: .normal(mean: 0.25, sd: 0.08)))
            ],
            risks: risks, correlation: correlation,
            budget: Budget(caps: [BudgetCap(id: "cap", usd: 60e9, through: month(months - 1))]))
    }

    /// Flat 1,000 MW demand over 2030-2032, nothing signed; inc (holder: 300 MW/yr, 2e6, 6 months), cheap (500,
    /// 1e6, 6), slow (1,000, 0.8e6, 18); yearly reviews 12 months ahead, step ramps, a one-month answer window.
    public static func market() -> Scenario {
        let start = Month(year: 2030, month: 1) ?? Month(ordinal: 0)
        func provider(_ id: ProviderID, _ appetite: Double, _ price: Double, _ lead: Double) -> Provider {
            Provider(
                id: id, kind: .cloud, appetiteMWPerYear: .fixed(appetite), newCapacityPriceUSDPerMWMonth: price,
                leadTimeMonths: .fixed(lead))
        }
        return Scenario(
            name: "market", start: start, end: start.adding(months: 35), workloads: [Workload(id: "all")],
            providers: [
                provider("inc", 300, 2e6, 6), provider("cheap", 500, 1e6, 6), provider("slow", 1000, 0.8e6, 18),
            ],
            clauses: Clauses(rightOfFirstRefusal: RightOfFirstRefusal(holder: "inc", responseWindowMonths: 1)),
            demand: [
                Demand(workload: "all", growth: .exponential(start: start, initialMW: 1000, annualLogGrowth: .fixed(0)))
            ],
            budget: Budget(caps: [BudgetCap(id: "all", usd: 20e9, through: start.adding(months: 35))]),
            policy: Policy(
                reviewMonths: 12, horizonMonths: 12, targetHeadroom: 0, minimumRequestMW: 0,
                newCapacity: NewCapacityTerms(takeOrPayFraction: 1, rampMonths: 0)))
    }
}
