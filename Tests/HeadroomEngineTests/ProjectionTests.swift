import HeadroomModel
import HeadroomTestSupport
import Testing

@testable import HeadroomEngine

/// The deterministic projection on cases worked out by hand, and its invariants.
@Suite("Projection")
struct ProjectionTests {
    typealias S = TestScenarios

    @Test("a step phase: capacity, shortfall, idle and take-or-pay spend by hand")
    func stepPhase() throws {
        let scenario = S.single(
            phases: [Phase(id: "a", megawatts: 100, plannedOnline: S.month(2))], demandMW: 80, months: 6)
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        #expect(p.totals.capacity == [0, 0, 100, 100, 100, 100])
        #expect(p.totals.shortfall == [80, 80, 0, 0, 0, 0])
        #expect(p.totals.idle == [0, 0, 20, 20, 20, 20])
        #expect(p.totals.spend == [0, 0, 1e8, 1e8, 1e8, 1e8])
        #expect(p.totals.cumulativeSpend.last == 4e8)
    }

    @Test("exponential demand is zero before its start, then initial_mw · exp(g · months / 12)")
    func exponentialDemandStarts() throws {
        // 500 MW from 2028-01 (month 24) growing at log 0.6 a year; nothing in 2026–2027, 500 · e^0.6 in 2029-01.
        var scenario = S.single(phases: [Phase(id: "a", megawatts: 100, plannedOnline: S.month(0))], months: 48)
        scenario.demand = [
            Demand(
                workload: "all", growth: .exponential(start: S.month(24), initialMW: 500, annualLogGrowth: .fixed(0.6)))
        ]
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        #expect(p.totals.demand[0..<24].allSatisfy { $0 == 0 })
        #expect(p.totals.shortfall[0..<24].allSatisfy { $0 == 0 })
        #expect(p.totals.idle[0..<24].allSatisfy { $0 == 100 })
        #expect(abs(p.totals.demand[24] - 500) < 1e-9)
        #expect(abs(p.totals.demand[36] - 500 * 1.822_118_800_390_509) < 1e-6)
        #expect(abs(p.totals.shortfall[36] - (500 * 1.822_118_800_390_509 - 100)) < 1e-6)
    }

    @Test("take-or-pay capacity is used before pay-per-use capacity in the same pool: the buyer never pays twice")
    func takeOrPayFirst() throws {
        // 100 MW take-or-pay and 100 MW pay-per-use from two providers at $1M/MW-month, 100 MW of demand: serving
        // from the take-or-pay capacity costs $100M a month (pro rata it cost $150M: $1.8B a year, not $1.2B).
        for ppuFirst in [false, true] {
            var scenario = S.single(
                phases: [
                    Phase(id: "a", megawatts: 100, plannedOnline: S.month(0)),
                    Phase(id: "b", megawatts: 100, plannedOnline: S.month(0)),
                ], demandMW: 100, months: 12)
            scenario.providers = [Provider(id: "p", kind: .cloud), Provider(id: "q", kind: .neocloud)]
            scenario.campuses[0].phases = [scenario.campuses[0].phases[0]]
            scenario.campuses.append(
                Campus(
                    id: "d", provider: "q", region: "r", pue: 1.25,
                    phases: [
                        Phase(id: "b", megawatts: 100, plannedOnline: S.month(0))
                    ]))
            var contracts = [
                Contract(
                    id: "top", provider: "p", coverage: .phases([PhaseReference(campus: "c", phase: "a")]),
                    price: .perMWMonth(1e6), takeOrPayFraction: 1),
                Contract(
                    id: "ppu", provider: "q", coverage: .phases([PhaseReference(campus: "d", phase: "b")]),
                    price: .perMWMonth(1e6), takeOrPayFraction: 0),
            ]
            if ppuFirst { contracts.reverse() }
            scenario.contracts = contracts
            let p = try Simulator(CompiledScenario(scenario: scenario)).project()
            #expect(p.totals.spend.allSatisfy { abs($0 - 1e8) < 1e-3 }, "\(p.totals.spend)")
            #expect(p.totals.shortfall.allSatisfy { $0 == 0 } && p.totals.idle.allSatisfy { $0 == 100 })
            let idle = Dictionary(uniqueKeysWithValues: p.idleByProvider.map { ($0.name, $0.values) })
            #expect(idle["p"]?.allSatisfy { $0 == 0 } == true, "\(idle)")
            #expect(idle["q"]?.allSatisfy { $0 == 100 } == true, "\(idle)")
        }
    }

    @Test(
        "at one price per used MW, usage is shared pro rata; a partly take-or-pay contract is used before a flexible one"
    )
    func usageTiers() throws {
        // Three 100 MW contracts: take-or-pay 0.5 (usage price $0.5M) and two at 0 (usage price $1M); 150 MW demand.
        // The first takes 100 MW of usage; the other two share 50 MW pro rata (25 MW each).
        var scenario = S.single(
            phases: ["a", "b", "c"].map { Phase(id: $0, megawatts: 100, plannedOnline: S.month(0)) }, demandMW: 150,
            months: 3)
        scenario.contracts = [("flex1", "a", 0.0), ("half", "b", 0.5), ("flex2", "c", 0.0)].map { id, phase, top in
            Contract(
                id: ContractID(id), provider: "p",
                coverage: .phases([PhaseReference(campus: "c", phase: PhaseID(phase))]),
                price: .perMWMonth(1e6), takeOrPayFraction: top)
        }
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        // half: 1e6 × 100 × 0.5 + 0.5e6 × 100 = 1e8; flex1, flex2: 1e6 × 25 each.
        let spend = Dictionary(uniqueKeysWithValues: p.spendByContract.map { ($0.name, $0.values[0]) })
        #expect(abs((spend["half"] ?? 0) - 1e8) < 1e-3, "\(spend)")
        #expect(abs((spend["flex1"] ?? 0) - 2.5e7) < 1e-3 && abs((spend["flex2"] ?? 0) - 2.5e7) < 1e-3, "\(spend)")
        #expect(abs(p.totals.spend[0] - 1.5e8) < 1e-3)
    }

    @Test("a ramped phase on the facility basis grows linearly to its IT MW")
    func rampedFacilityPhase() throws {
        // 150 MW facility at PUE 1.25 = 120 MW IT, ramping over 4 months from month 1.
        let phase = Phase(id: "a", megawatts: 150, basis: .facility, plannedOnline: S.month(1), rampMonths: 4)
        let p = try Simulator(CompiledScenario(scenario: S.single(phases: [phase], demandMW: 1000, months: 7)))
            .project()
        let expected: [Double] = [0, 0, 30, 60, 90, 120, 120]
        for (got, want) in zip(p.totals.capacity, expected) { #expect(abs(got - want) < 1e-9) }
    }

    @Test("the median delay shifts the online month; fractional online months start at the next whole month")
    func medianDelay() throws {
        // pert(0, 3, 9) has median 3.2256…: planned month 1 → online 4.23 → first month 5.
        let phase = Phase(
            id: "a", megawatts: 10, plannedOnline: S.month(1), delayMonths: .pert(min: 0, mode: 3, max: 9))
        let p = try Simulator(CompiledScenario(scenario: S.single(phases: [phase], demandMW: 5, months: 8))).project()
        #expect(p.totals.capacity == [0, 0, 0, 0, 0, 10, 10, 10])
    }

    @Test("a flexible contract pays the take-or-pay share of delivered plus the rest of used capacity")
    func flexibleSpend() throws {
        // 100 MW delivered, 80 used: spend = 1e6 × 100 × (0.4 + 0.6 × 0.8) = 8.8e7.
        let scenario = S.single(
            phases: [Phase(id: "a", megawatts: 100, plannedOnline: S.month(0))], takeOrPay: 0.4, demandMW: 80, months: 2
        )
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        #expect(p.totals.spend.allSatisfy { abs($0 - 8.8e7) < 1e-3 })
    }

    @Test("late-delivery penalties credit the MW that are late")
    func latePenalty() throws {
        // Planned month 0, delivered month 2 (fixed delay): months 0 and 1 are 100 MW late → credit 1e5 × 100.
        let phase = Phase(id: "a", megawatts: 100, plannedOnline: S.month(0), delayMonths: .fixed(2))
        let p = try Simulator(
            CompiledScenario(scenario: S.single(phases: [phase], demandMW: 80, months: 4, penalty: 100_000))
        )
        .project()
        #expect(p.totals.spend == [-1e7, -1e7, 1e8, 1e8])
    }

    @Test("a late ramp earns credits on the MW below plan until it reaches full capacity (by hand)")
    func lateRampCredits() throws {
        // 100 MW ramping over 4 months, planned at month 0, online at 2: planned 0, 25, 50, 75, 100…; delivered 0,
        // 0, 0, 25, 50, 75, 100: 25 + 50 + 50 + 50 + 25 = 200 MW-months late, credited at 1e5.
        let phase = Phase(
            id: "a", megawatts: 100, plannedOnline: S.month(0), rampMonths: 4, delayMonths: .fixed(2))
        let p = try Simulator(
            CompiledScenario(scenario: S.single(phases: [phase], demandMW: 200, months: 8, penalty: 100_000))
        )
        .project()
        let delivered: [Double] = [0, 0, 0, 25, 50, 75, 100, 100]
        let late: [Double] = [0, 25, 50, 50, 50, 25, 0, 0]
        for t in 0..<8 { #expect(abs(p.totals.spend[t] - (delivered[t] * 1e6 - late[t] * 1e5)) < 1e-3, "month \(t)") }
    }

    @Test("a block delivered early earns no late credit when its fixed length ends before plan")
    func earlyBlockEarnsNothing() throws {
        // A 6-month block planned from month 2 arrives at month 0 and ends at month 6, before its planned end (8).
        var scenario = S.single(phases: [], demandMW: 200, months: 10, penalty: 100_000)
        scenario.contracts[0].coverage = .blocks([
            Block(megawatts: 100, from: S.month(2), months: 6, delayMonths: .fixed(-2))
        ])
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        #expect(p.totals.spend == [1e8, 1e8, 1e8, 1e8, 1e8, 1e8, 0, 0, 0, 0])
    }

    @Test("a cancelled phase's credits stop at the cap: a fifth of the planned value by default, or as set")
    func cancelledPhaseCreditsCapped() throws {
        // 100 MW at 1e6 for 12 months: planned value 1.2e9. Cancelled, it would earn 5e5 × 100 = 5e7 a month
        // (6e8 in all). Capped at 0.2 × 1.2e9 = 2.4e8: four months of 5e7, then 4e7, then nothing.
        let phase = Phase(id: "a", megawatts: 100, plannedOnline: S.month(0))
        let risk = Risk(id: "gone", probability: 1, target: .all, effect: .cancel)
        let scenario = S.single(phases: [phase], demandMW: 80, months: 12, penalty: 500_000, risks: [risk])
        let capped = try Simulator(CompiledScenario(scenario: scenario)).project()
        #expect(capped.totals.spend == [-5e7, -5e7, -5e7, -5e7, -4e7] + [Double](repeating: 0, count: 7))
        #expect(abs((capped.totals.cumulativeSpend.last ?? 0) + 2.4e8) < 1e-3)
        var uncapped = scenario
        uncapped.contracts[0].lateCreditCap = 1
        let full = try Simulator(CompiledScenario(scenario: uncapped)).project()
        #expect(full.totals.spend == [Double](repeating: -5e7, count: 12))
    }

    @Test("contract end stops delivery and spend")
    func contractEnd() throws {
        let scenario = S.single(
            phases: [Phase(id: "a", megawatts: 100, plannedOnline: S.month(0))], months: 5, end: S.month(2))
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        #expect(p.totals.capacity == [100, 100, 100, 0, 0])
    }

    @Test("exclusivity keeps training on the holder's capacity; inference uses the rest")
    func exclusivity() throws {
        let start = S.start
        let scenario = Scenario(
            name: "x", start: start, end: start.adding(months: 1),
            workloads: [Workload(id: "training"), Workload(id: "inference")],
            providers: [Provider(id: "holder", kind: .hyperscaler), Provider(id: "other", kind: .cloud)],
            contracts: [
                Contract(
                    id: "h", provider: "holder", coverage: .blocks([Block(megawatts: 60, from: start)]),
                    price: .perMWMonth(1)),
                Contract(
                    id: "o", provider: "other", coverage: .blocks([Block(megawatts: 200, from: start)]),
                    price: .perMWMonth(1)),
            ],
            clauses: Clauses(exclusivity: [Exclusivity(holder: "holder", workloads: ["training"])]),
            demand: [
                Demand(workload: "training", growth: .anchors([DemandAnchor(month: start, megawatts: 100)])),
                Demand(workload: "inference", growth: .anchors([DemandAnchor(month: start, megawatts: 50)])),
            ])
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        let training = try #require(p.shortfall.first { $0.name == "training" })
        let inference = try #require(p.shortfall.first { $0.name == "inference" })
        #expect(training.values == [40, 40])
        #expect(inference.values == [0, 0])
        #expect(p.totals.idle == [150, 150])
        let holderIdle = try #require(p.idleByProvider.first { $0.name == "holder" })
        #expect(holderIdle.values == [0, 0])
    }

    @Test("revenue share pays its fraction of served revenue; caps accumulate in their window")
    func revenueShareAndCaps() throws {
        var scenario = S.single(
            phases: [Phase(id: "a", megawatts: 100, plannedOnline: S.month(0))], demandMW: 80, months: 4,
            caps: [BudgetCap(id: "first-two", usd: 1e9, from: S.month(1), through: S.month(2))])
        scenario.clauses = Clauses(revenueShares: [
            RevenueShare(to: "p", fraction: 0.2, revenueUSDPerServedMWMonth: 5e6)
        ])
        let p = try Simulator(CompiledScenario(scenario: scenario)).project()
        // 1e8 contract + 0.2 × 5e6 × 80 served = 1.8e8 per month.
        #expect(p.totals.spend.allSatisfy { abs($0 - 1.8e8) < 1e-3 })
        // Caps count payments for capacity only (1e8 a month), not the revenue share.
        for (got, want) in zip(p.cumulativeSpendByCap[0].values, [0, 1e8, 2e8, 2e8]) { #expect(abs(got - want) < 1e-3) }
    }

    @Test("a total contract value converts to a price over the planned MW-months")
    func totalValuePrice() throws {
        // 100 MW from month 0 through month 9: 1,000 MW-months; 5e8 → 5e5 per MW-month.
        let scenario = S.single(
            phases: [Phase(id: "a", megawatts: 100, plannedOnline: S.month(0))], price: .totalValue(5e8), months: 12,
            end: S.month(9))
        let model = try CompiledScenario(scenario: scenario)
        #expect(abs(model.contracts[0].pricing.usdPerMWMonth - 5e5) < 1e-6)
        #expect(abs((Simulator(model).project().totals.cumulativeSpend.last ?? 0) - 5e8) < 1e-3)
    }

    @Test("a price per accelerator-hour converts with the accelerator's IT watts")
    func acceleratorHourPrice() throws {
        // 2,000 W per accelerator: 500 accelerators per MW × 730.5 h × $4 = $1,461,000 per MW-month.
        let scenario = S.single(
            phases: [Phase(id: "a", megawatts: 100, accelerator: "gb200", plannedOnline: S.month(0))],
            price: .perAcceleratorHour(4),
            accelerators: [Accelerator(id: "gb200", itWattsPerAccelerator: 2000, bf16Flops: 2.5e15)])
        let model = try CompiledScenario(scenario: scenario)
        #expect(abs(model.contracts[0].pricing.usdPerMWMonth - 1_461_000) < 1e-6)
        #expect(abs((model.contracts[0].pricing.usdPerAcceleratorHour ?? 0) - 4) < 1e-12)
    }

    @Test("projection invariants on a bench-like scenario")
    func invariants() throws {
        let p = try Simulator(CompiledScenario(scenario: S.benchLike())).project()
        let t = p.totals
        for i in t.demand.indices {
            #expect(abs(t.served[i] + t.shortfall[i] - t.demand[i]) < 1e-6 * max(1, t.demand[i]))
            #expect(abs(t.served[i] + t.idle[i] - t.capacity[i]) < 1e-6 * max(1, t.capacity[i]))
            #expect(t.capacity[i] >= 0 && t.shortfall[i] >= 0 && t.idle[i] >= -1e-9)
            let byContract = p.spendByContract.reduce(0) { $0 + $1.values[i] }
            let byProvider = p.spendByProvider.reduce(0) { $0 + $1.values[i] }
            #expect(abs(byContract - t.spend[i]) < 1e-6 * max(1, t.spend[i]))
            #expect(abs(byProvider - t.spend[i]) < 1e-6 * max(1, t.spend[i]))
            let byCampus = p.capacityByCampus.reduce(0) { $0 + $1.values[i] }
            #expect(abs(byCampus - t.capacity[i]) < 1e-6 * max(1, t.capacity[i]))
        }
    }
}
