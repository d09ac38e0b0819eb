import HeadroomModel
import Testing

/// A scenario with nothing in it but a horizon and the given clauses and entities.
private func scenario(
    start: String = "2026-01", end: String = "2030-12", clauses: Clauses = .none, providers: [Provider] = [],
    accelerators: [Accelerator] = [], campuses: [Campus] = [], policy: Policy? = nil
) throws -> Scenario {
    Scenario(
        name: "test", start: try month(start), end: try month(end), workloads: [], accelerators: accelerators,
        providers: providers, campuses: campuses, clauses: clauses, demand: [], policy: policy
    )
}

@Suite("Scenario")
struct ScenarioTests {
    @Test(
        "monthCount is end − start + 1, both ends inclusive",
        arguments: [
            ("2026-01", "2030-12", 60),
            ("2026-01", "2026-01", 1),
            ("2026-03", "2027-02", 12),
            ("2026-12", "2027-01", 2),
            ("2025-07", "2035-06", 120),
            ("2026-01", "2025-12", 0),  // an end before the start (the reader rejects it) leaves no months
        ]
    )
    func monthCount(start: String, end: String, expected: Int) throws {
        let s = try scenario(start: start, end: end)
        #expect(s.monthCount == expected)
        #expect(s.start.adding(months: s.monthCount - 1) == s.end)
    }

    @Test("looks up accelerators, providers and campuses by id, the first of duplicates, nil when absent")
    func lookups() throws {
        let h100 = Accelerator(id: "h100", itWattsPerAccelerator: 1_400, bf16Flops: 9.9e14)
        let gb200 = Accelerator(id: "gb200", itWattsPerAccelerator: 1_900, bf16Flops: 2.5e15)
        let gb200Again = Accelerator(id: "gb200", name: "duplicate", itWattsPerAccelerator: 1, bf16Flops: 1)
        let cloud = Provider(id: "cloud-a", kind: .hyperscaler)
        let own = Provider(id: "own", kind: .`self`)
        let north = Campus(id: "north", provider: "own", pue: 1.3, phases: [])
        let s = try scenario(
            providers: [cloud, own], accelerators: [h100, gb200, gb200Again], campuses: [north]
        )
        #expect(s.accelerator("h100") == h100)
        #expect(s.accelerator("gb200") == gb200)
        #expect(s.accelerator("b300") == nil)
        #expect(s.provider("own") == own)
        #expect(s.provider("cloud-a")?.kind == .hyperscaler)
        #expect(s.provider("Own") == nil)
        #expect(s.campus("north")?.pue == 1.3)
        #expect(s.campus("south") == nil)
    }

    @Test("optional parts default to empty")
    func defaults() throws {
        let s = try scenario()
        #expect(s.description == nil)
        #expect(s.discountRate == nil)
        #expect(s.contracts.isEmpty)
        #expect(s.risks.isEmpty)
        #expect(s.regions.isEmpty)
        #expect(s.clauses == .none)
        #expect(s.correlation == .independent)
        #expect(s.budget == Budget())
        #expect(s.budget.caps.isEmpty)
        #expect(s.policy == nil)
    }
}

@Suite("Policy")
struct PolicyTests {
    static let rofr = RightOfFirstRefusal(holder: "cloud-a")
    static let exclusivity = [
        Exclusivity(holder: "neo-b", workloads: ["training"]),
        Exclusivity(holder: "neo-c", workloads: ["inference"]),
    ]

    @Test("resolvedHolder prefers the policy's holder, then the ROFR holder, then the first exclusivity holder")
    func resolvedHolder() throws {
        let everything = Clauses(rightOfFirstRefusal: Self.rofr, exclusivity: Self.exclusivity)
        let exclusivityOnly = Clauses(exclusivity: Self.exclusivity)

        #expect(Policy(holder: "own").resolvedHolder(in: try scenario(clauses: everything)) == "own")
        #expect(Policy(holder: "own").resolvedHolder(in: try scenario()) == "own")
        #expect(Policy().resolvedHolder(in: try scenario(clauses: everything)) == "cloud-a")
        #expect(Policy().resolvedHolder(in: try scenario(clauses: exclusivityOnly)) == "neo-b")
        #expect(Policy().resolvedHolder(in: try scenario()) == nil)
        // Revenue shares do not make a holder.
        let share = RevenueShare(to: "cloud-a", fraction: 0.1, revenueUSDPerServedMWMonth: 1e6)
        let sharesOnly = Clauses(revenueShares: [share])
        #expect(Policy().resolvedHolder(in: try scenario(clauses: sharesOnly)) == nil)
    }

    @Test("the documented defaults: ROFR, quarterly reviews, two-year horizon, 10 % headroom, 50 MW minimum")
    func defaults() {
        let policy = Policy()
        #expect(policy.structure == .rightOfFirstRefusal)
        #expect(policy.holder == nil)
        #expect(policy.asOf == nil)
        #expect(policy.until == nil)
        #expect(policy.reviewMonths == 3)
        #expect(policy.horizonMonths == 24)
        #expect(policy.lookbackMonths == 12)
        #expect(policy.targetHeadroom == 0.1)
        #expect(policy.minimumRequestMW == 50)
        #expect(policy.newCapacity == NewCapacityTerms())
        let terms = NewCapacityTerms()
        #expect(terms.takeOrPayFraction == 1)
        #expect(terms.termMonths == nil)
        #expect(terms.rampMonths == 6)
    }

    @Test("structures use the scenario file's names")
    func structureNames() {
        #expect(Policy.Structure.allCases == [.rightOfFirstRefusal, .exclusive, .open])
        #expect(Policy.Structure.allCases.map(\.rawValue) == ["rofr", "exclusive", "open"])
        #expect(Policy.Structure(rawValue: "rofr") == .rightOfFirstRefusal)
        #expect(Policy.Structure(rawValue: "rightOfFirstRefusal") == nil)
    }
}

@Suite("Clauses and Budget")
struct ClausesBudgetTests {
    @Test("Clauses.none holds no clause of any kind")
    func noClauses() {
        #expect(Clauses.none.rightOfFirstRefusal == nil)
        #expect(Clauses.none.exclusivity.isEmpty)
        #expect(Clauses.none.revenueShares.isEmpty)
        #expect(Clauses.none == Clauses())
    }

    @Test("a right of first refusal defaults to every workload, no response window and no dates")
    func rofrDefaults() {
        let rofr = RightOfFirstRefusal(holder: "cloud-a")
        #expect(rofr.workloads == nil)
        #expect(rofr.responseWindowMonths == 0)
        #expect(rofr.from == nil)
        #expect(rofr.until == nil)
        let share = RevenueShare(to: "cloud-a", fraction: 0.05, revenueUSDPerServedMWMonth: 2e6)
        #expect(share.workloads == nil)
        #expect(share.from == nil)
        #expect(share.until == nil)
    }

    @Test("a budget cap counts from the start of the horizon and all providers unless told otherwise")
    func capDefaults() throws {
        let cap = BudgetCap(id: "fy27", usd: 5e9, through: try month("2027-12"))
        #expect(cap.from == nil)
        #expect(cap.providers == nil)
        #expect(Budget(caps: [cap]).caps == [cap])
    }
}

@Suite("Correlation")
struct CorrelationTests {
    @Test(
        "idiosyncratic loading is sqrt(1 − g² − p² − r²), nil when the loadings are infeasible",
        arguments: [
            (0.0, 0.0, 0.0, 1.0 as Double?),
            (0.5, 0.5, 0.5, 0.5),  // 1 − 0.75 = 0.25
            (-0.5, 0.5, -0.5, 0.5),  // signs do not matter
            (0, 0, 1, 0),
            (1, 1e-7, 0, 0),  // 1 − 1 − 10⁻¹⁴ is within the 10⁻¹² tolerance: clamped to 0
            (1, 1e-5, 0, nil),  // 1 − 1 − 10⁻¹⁰ is not
            (0.8, 0.8, 0, nil),  // 1 − 1.28 < 0
            (0, 0, 1.5, nil),
        ] as [(Double, Double, Double, Double?)]
    )
    func idiosyncratic(global: Double, provider: Double, region: Double, expected: Double?) {
        #expect(Correlation(global: global, provider: provider, region: region).idiosyncratic == expected)
    }

    @Test("two factors of 0.5 leave sqrt(0.5) for the idiosyncratic part")
    func twoFactors() throws {
        let loading = try #require(Correlation(global: 0.5, provider: 0.5).idiosyncratic)
        #expect(loading == 0.7071067811865476)  // IEEE square roots are correctly rounded
    }

    @Test("independent is all zeros")
    func independent() {
        #expect(Correlation.independent == Correlation(global: 0, provider: 0, region: 0))
        #expect(Correlation.independent.idiosyncratic == 1)
    }
}
