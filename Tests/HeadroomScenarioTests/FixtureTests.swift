import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

@Suite("Valid scenarios")
struct FixtureTests {
    /// The full fixture, as the value the reader must produce.
    static var expectedFull: Scenario {
        let spread = 1 + (200.0 / 500) * (200.0 / 500)
        let coreweaveAppetite = Distribution.lognormal(
            median: 500 / spread.squareRoot(), sigma: log(spread).squareRoot())
        return Scenario(
            name: "Full fixture",
            description: "Every entity of the format,\nwith both distribution forms.\n",
            start: month("2026-01"),
            end: month("2030-12"),
            discountRate: 0.08,
            workloads: [Workload(id: "training"), Workload(id: "inference", name: "Inference")],
            accelerators: [
                Accelerator(
                    id: "gb200", name: "GB200 NVL72", availableFrom: Month("2025-06"), itWattsPerAccelerator: 1800,
                    bf16Flops: 2.5e15, fp8Flops: 5e15, priceUSD: 45000, lifeYears: 5),
                Accelerator(id: "h100", itWattsPerAccelerator: 1400, bf16Flops: 989e12),
            ],
            providers: [
                Provider(
                    id: "azure", name: "Microsoft Azure", kind: .hyperscaler,
                    appetiteMWPerYear: .lognormal(median: 1000, sigma: 0.4), newCapacityPriceUSDPerMWMonth: 1.9e6,
                    leadTimeMonths: .pert(min: 12, mode: 18, max: 30)),
                Provider(id: "oracle", kind: .cloud),
                Provider(id: "coreweave", kind: .neocloud, appetiteMWPerYear: coreweaveAppetite),
                Provider(id: "lab", kind: .self),
            ],
            regions: [Region(id: "texas"), Region(id: "wisconsin", name: "Wisconsin (MISO)")],
            campuses: [
                Campus(
                    id: "abilene", name: "Stargate Abilene", provider: "oracle", region: "texas", pue: 1.25,
                    phases: [
                        Phase(
                            id: "b1", megawatts: 200, accelerator: "gb200", plannedOnline: month("2026-03"),
                            rampMonths: 3, delayMonths: .pert(min: 0, mode: 2, max: 8)),
                        Phase(
                            id: "b2", megawatts: 1200, basis: .facility, accelerator: "gb200",
                            plannedOnline: month("2026-09"), delayMonths: .triangular(min: 0, mode: 3, max: 12)),
                    ]),
                Campus(
                    id: "fairwater", provider: "azure", region: "wisconsin",
                    phases: [
                        Phase(
                            id: "p1", megawatts: 300, plannedOnline: month("2026-06"),
                            delayMonths: .discrete([
                                DiscreteOutcome(value: 0, weight: 0.7), DiscreteOutcome(value: 6, weight: 0.3),
                            ]))
                    ]),
            ],
            contracts: [
                Contract(
                    id: "oracle-abilene", name: "Oracle Abilene lease", provider: "oracle", signed: Month("2025-07"),
                    end: Month("2030-12"),
                    coverage: .phases([
                        PhaseReference(campus: "abilene", phase: "b1"), PhaseReference(campus: "abilene", phase: "b2"),
                    ]),
                    price: .perAcceleratorHour(2.1), takeOrPayFraction: 0.9, workloads: ["training"],
                    latePenaltyUSDPerMWMonth: 50000, lateCreditCap: 0.15),
                Contract(
                    id: "azure-fairwater", provider: "azure",
                    coverage: .phases([PhaseReference(campus: "fairwater", phase: "p1")]), price: .perMWMonth(1.5e6)),
                Contract(
                    id: "coreweave-blocks", provider: "coreweave", signed: Month("2025-03"), end: Month("2029-12"),
                    coverage: .blocks([
                        Block(
                            megawatts: 150, from: month("2026-01"), months: 36, accelerator: "h100", region: "texas",
                            rampMonths: 2, delayMonths: .uniform(min: 0, max: 4)),
                        Block(megawatts: 100, from: month("2026-07"), delayMonths: .normal(mean: 1, sd: 0.5)),
                    ]),
                    price: .totalValue(11.9e9)),
            ],
            clauses: Clauses(
                rightOfFirstRefusal: RightOfFirstRefusal(
                    holder: "azure", workloads: ["training", "inference"], responseWindowMonths: 1,
                    from: Month("2026-01"), until: Month("2027-12")),
                exclusivity: [
                    Exclusivity(
                        holder: "azure", workloads: ["inference"], from: Month("2026-01"), until: Month("2028-12"))
                ],
                revenueShares: [
                    RevenueShare(
                        to: "azure", fraction: 0.2, revenueUSDPerServedMWMonth: 3e6, workloads: ["inference"],
                        from: Month("2026-01"))
                ]),
            demand: [
                Demand(
                    workload: "training",
                    growth: .exponential(
                        start: month("2026-01"), initialMW: 1000, annualLogGrowth: .normal(mean: 0.9, sd: 0.2))),
                Demand(
                    workload: "inference",
                    growth: .anchors([
                        DemandAnchor(month: month("2026-01"), megawatts: 500),
                        DemandAnchor(month: month("2028-12"), megawatts: 4000, logSigma: 0.3),
                        DemandAnchor(month: month("2030-12"), megawatts: 12000, logSigma: 0.5),
                    ])),
            ],
            risks: [
                Risk(
                    id: "texas-grid", name: "ERCOT interconnect slip", probability: 0.3, target: .region("texas"),
                    effect: .delay(.uniform(min: 6, max: 12))),
                Risk(
                    id: "abilene-b2-slip", probability: 0.2,
                    target: .phase(PhaseReference(campus: "abilene", phase: "b2")), effect: .delay(.fixed(3))),
                Risk(
                    id: "coreweave-default", probability: 0.05, target: .contract("coreweave-blocks"), effect: .cancel),
                Risk(
                    id: "campus-fire", probability: 0.01, target: .campus("fairwater"),
                    effect: .delay(.bernoulli(p: 0.5))),
                Risk(id: "macro", probability: 0.1, target: .all, effect: .delay(.bernoulli(p: 0.4))),
                Risk(
                    id: "oracle-capital", probability: 0.15, target: .provider("oracle"),
                    effect: .delay(
                        .discrete([DiscreteOutcome(value: 0, weight: 0.5), DiscreteOutcome(value: 9, weight: 0.5)]))),
                Risk(
                    id: "lab-permits", probability: 0.25, target: .all,
                    effect: .delay(.triangular(min: 1, mode: 2, max: 6))),
            ],
            correlation: Correlation(global: 0.3, provider: 0.4, region: 0.5),
            budget: Budget(caps: [
                BudgetCap(id: "through-2030", usd: 450e9, through: month("2030-12")),
                BudgetCap(
                    id: "y2027", usd: 60e9, from: Month("2027-01"), through: month("2027-12"),
                    providers: ["azure", "oracle"]),
                BudgetCap(id: "window", usd: 1e11, from: Month("2027-01"), through: month("2028-06")),
            ]),
            policy: Policy(structure: .open, reviewMonths: 6, horizonMonths: 24, targetHeadroom: 0.15))
    }

    @Test("the full fixture parses to exactly the expected scenario")
    func fullFixture() throws {
        let scenario = try ScenarioReader.parse(Fixtures.full, file: "full.yaml")
        let expected = Self.expectedFull
        // Spot checks first, so that a difference is easy to read.
        #expect(scenario.name == "Full fixture")
        #expect(scenario.start == Month(year: 2026, month: 1))
        #expect(scenario.end == Month(year: 2030, month: 12))
        #expect(scenario.monthCount == 60)
        #expect(scenario.discountRate == 0.08)
        #expect(scenario.workloads == expected.workloads)
        #expect(scenario.accelerators == expected.accelerators)
        #expect(scenario.accelerators.first?.itWattsPerAccelerator == 1800)
        #expect(scenario.providers == expected.providers)
        #expect(scenario.providers.last?.kind == .self)
        #expect(scenario.regions == expected.regions)
        #expect(scenario.campuses == expected.campuses)
        #expect(scenario.campuses.last?.pue == 1.2)
        #expect(scenario.campuses.first?.phases.last?.basis == .facility)
        #expect(scenario.campuses.first?.phases.last?.itMegawatts(pue: 1.25) == 960)
        #expect(scenario.contracts == expected.contracts)
        #expect(scenario.contracts[1].takeOrPayFraction == 1)
        #expect(scenario.contracts[1].workloads == nil)
        #expect(scenario.clauses == expected.clauses)
        #expect(scenario.demand == expected.demand)
        #expect(scenario.risks == expected.risks)
        #expect(scenario.correlation == expected.correlation)
        #expect(scenario.budget == expected.budget)
        #expect(scenario.policy == expected.policy)
        #expect(scenario == expected)
    }

    @Test("the minimal fixture takes every documented default")
    func minimalDefaults() throws {
        let scenario = try ScenarioReader.parse(Fixtures.minimal, file: "minimal.yaml")
        #expect(scenario.monthCount == 24)
        #expect(scenario.description == nil)
        #expect(scenario.discountRate == nil)
        #expect(scenario.correlation == .independent)
        #expect(scenario.clauses == Clauses.none)
        #expect(scenario.policy == nil)
        #expect(scenario.budget.caps.isEmpty)
        #expect(
            scenario.demand == [
                Demand(
                    workload: "training",
                    growth: .exponential(start: month("2026-01"), initialMW: 100, annualLogGrowth: .fixed(0.5)))
            ])
    }

    @Test("phase and policy defaults: pue 1.2, ramp 0, delay fixed(0), take-or-pay 1, policy defaults")
    func entityDefaults() throws {
        let text = Fixtures.withContracts(
            """
            contracts:
              - {id: k, provider: azure, phases: [c1/p1], price_usd_per_mw_month: 1}
            policy: {}
            """)
        let scenario = try ScenarioReader.parse(text, file: "defaults.yaml")
        let phase = try #require(scenario.campuses.first?.phases.first)
        #expect(scenario.campuses.first?.pue == 1.2)
        #expect(phase.rampMonths == 0)
        #expect(phase.delayMonths == .fixed(0))
        #expect(phase.basis == .it)
        #expect(scenario.contracts.first?.takeOrPayFraction == 1)
        #expect(scenario.contracts.first?.latePenaltyUSDPerMWMonth == 0)
        #expect(scenario.contracts.first?.lateCreditCap == Contract.defaultLateCreditCap)
        #expect(scenario.policy == Policy())
    }

    @Test(
        "numbers: exponents, underscores and a leading plus",
        arguments: [
            ("450e9", 450e9), ("4.5E11", 4.5e11), ("1_000", 1000), ("+3", 3), ("-0.5", -0.5), (".5", 0.5),
            ("2.", 2), ("1_000.250_5", 1000.2505),
        ])
    func numberForms(text: String, value: Double) throws {
        let scenario = try ScenarioReader.parse(
            Fixtures.replacing("      annual_log_growth: 0.5", with: "      annual_log_growth: \(text)"), file: "n.yaml"
        )
        guard case .exponential(_, _, let growth) = scenario.demand.first?.growth else {
            Issue.record("expected an exponential model")
            return
        }
        #expect(growth == .fixed(value))
    }

    @Test("months: plain or quoted; months: N means end = start + N − 1; year Y means Y-01…Y-12")
    func monthForms() throws {
        var text = Fixtures.replacing("start: 2026-01", with: "start: \"2026-03\"")
        text = Fixtures.replacing("end: 2027-12", with: "months: 12", in: text)
        text += "budget:\n  - {id: y, usd: 1, year: 2026}\n"
        let scenario = try ScenarioReader.parse(text, file: "m.yaml")
        #expect(scenario.start == Month("2026-03"))
        #expect(scenario.end == Month("2027-02"))
        #expect(scenario.budget.caps.first?.from == Month("2026-01"))
        #expect(scenario.budget.caps.first?.through == Month("2026-12"))
    }

    @Test("JSON input reads through the same path")
    func jsonInput() throws {
        let text = """
            {"headroom": 1, "name": "J", "start": "2026-01", "months": 12, "workloads": ["w"],
             "providers": [{"id": "p", "kind": "cloud"}],
             "demand": [{"workload": "w", "exponential": {"initial_mw": 5, "annual_log_growth": "normal(0.5, 0.1)"}}]}
            """
        let scenario = try ScenarioReader.parse(text, file: "j.json")
        #expect(scenario.end == Month("2026-12"))
        #expect(scenario.providers == [Provider(id: "p", kind: .cloud)])
    }

    @Test("read(contentsOf:) reads a file, and reports a missing one on line 0")
    func readsFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-scenario-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("full.yaml").path
        try Fixtures.full.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ScenarioReader.read(contentsOf: path) == Self.expectedFull)

        let missing = directory.appendingPathComponent("missing.yaml").path
        do {
            _ = try ScenarioReader.read(contentsOf: missing)
            Issue.record("a missing file must throw")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.line == 0)
            #expect(diagnostic.file == missing)
            #expect(diagnostic.code == .unreadable)
            #expect(diagnostic.description.hasPrefix("\(missing):0:0: error: "))
        }
        do {
            _ = try ScenarioReader.read(contentsOf: "/dev/null")
            Issue.record("a device must throw")
        } catch {
            #expect(error.diagnostics.first?.message.contains("not a regular file") == true)
        }
        do {
            _ = try ScenarioReader.read(contentsOf: directory.path)
            Issue.record("a directory must throw")
        } catch {
            #expect(error.diagnostics.first?.code == .unreadable)
        }
    }
}
