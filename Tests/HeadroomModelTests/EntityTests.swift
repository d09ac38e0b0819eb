import HeadroomModel
import Testing

/// A month from `YYYY-MM`, failing the test when it does not parse.
func month(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Month {
    try #require(Month(text), sourceLocation: sourceLocation)
}

@Suite("Campus and Phase")
struct CampusPhaseTests {
    @Test(
        "itMegawatts divides facility MW by the PUE and passes IT MW through",
        arguments: [
            (PowerBasis.it, 100.0, 1.5, 100.0),
            (.it, 100, 0, 100),  // the PUE plays no part on the IT basis
            (.facility, 150, 1.5, 100),
            (.facility, 125, 1.25, 100),
            (.facility, 60, 1.2, 50),
            (.facility, 100, 1, 100),
            (.facility, 0, 1.3, 0),
            (.facility, 100, 0, 0),  // a PUE of zero would divide by zero: no IT MW
            (.facility, 100, -1.2, 0),  // nor a negative one
        ]
    )
    func itMegawatts(basis: PowerBasis, megawatts: Double, pue: Double, expected: Double) throws {
        let phase = Phase(id: "p1", megawatts: megawatts, basis: basis, plannedOnline: try month("2027-01"))
        #expect(phase.itMegawatts(pue: pue) == expected)
    }

    @Test("a phase defaults to the IT basis, no ramp and no delay; a campus to PUE 1.2")
    func defaults() throws {
        let phase = Phase(id: "hall-1", megawatts: 200, plannedOnline: try month("2027-06"))
        #expect(phase.basis == .it)
        #expect(phase.accelerator == nil)
        #expect(phase.rampMonths == 0)
        #expect(phase.delayMonths == .fixed(0))
        let campus = Campus(id: "north", provider: "self", phases: [phase])
        #expect(campus.pue == 1.2)
        #expect(campus.region == nil)
        #expect(campus.name == nil)
        #expect(campus.phases == [phase])
        // The campus's PUE converts a facility-basis phase: 240 MW / 1.2 = 200 IT MW.
        var facility = phase
        facility.basis = .facility
        facility.megawatts = 240
        #expect(facility.itMegawatts(pue: campus.pue) == 200)
    }

    @Test("power bases use the scenario file's names")
    func powerBasisNames() {
        #expect(PowerBasis.allCases == [.it, .facility])
        #expect(PowerBasis.allCases.map(\.rawValue) == ["it", "facility"])
        #expect(PowerBasis(rawValue: "facility") == .facility)
        #expect(PowerBasis(rawValue: "IT") == nil)
    }
}

@Suite("Accelerator")
struct AcceleratorTests {
    static let gpu = Accelerator(id: "gb200", itWattsPerAccelerator: 1_500, bf16Flops: 2.5e15)

    @Test(
        "accelerators(forITMegawatts:) is MW × 10⁶ / IT watts per accelerator",
        arguments: [(1.5, 1_000.0), (0, 0), (3, 2_000), (0.75, 500), (150, 100_000)]
    )
    func accelerators(itMW: Double, expected: Double) {
        #expect(Self.gpu.accelerators(forITMegawatts: itMW) == expected)
    }

    @Test("bf16Flops(forITMegawatts:) multiplies the accelerator count by per-accelerator FLOP/s")
    func flops() {
        #expect(Self.gpu.bf16Flops(forITMegawatts: 1.5) == 2.5e18)  // 1,000 accelerators × 2.5e15
        #expect(Self.gpu.bf16Flops(forITMegawatts: 0) == 0)
    }

    @Test("no watts per accelerator means no accelerators rather than a division by zero", arguments: [0.0, -700])
    func zeroWatts(watts: Double) {
        let broken = Accelerator(id: "x", itWattsPerAccelerator: watts, bf16Flops: 1e15)
        #expect(broken.accelerators(forITMegawatts: 10) == 0)
        #expect(broken.bf16Flops(forITMegawatts: 10) == 0)
    }

    @Test("hoursPerMonth is 8,766 hours a year over 12 months")
    func hours() {
        #expect(hoursPerMonth == 730.5)
        #expect(hoursPerMonth * 12 == 8_766)
    }
}

@Suite("Contract and Block")
struct ContractTests {
    @Test("a contract defaults to full take-or-pay, every workload, no penalty and an open end")
    func contractDefaults() throws {
        let contract = Contract(
            id: "msa-1", provider: "cloud-a", coverage: .phases([PhaseReference(campus: "north", phase: "p1")]),
            price: .perMWMonth(1_200_000)
        )
        #expect(contract.takeOrPayFraction == 1)
        #expect(contract.workloads == nil)
        #expect(contract.latePenaltyUSDPerMWMonth == 0)
        #expect(contract.signed == nil)
        #expect(contract.end == nil)
        #expect(contract.name == nil)
        #expect(contract.coverage == .phases([try #require(PhaseReference("north/p1"))]))
    }

    @Test("a block defaults to running until the contract ends, all at once, on time")
    func blockDefaults() throws {
        let block = Block(megawatts: 50, from: try month("2026-07"))
        #expect(block.months == nil)
        #expect(block.rampMonths == 0)
        #expect(block.delayMonths == .fixed(0))
        #expect(block.accelerator == nil)
        #expect(block.region == nil)
    }

    @Test("price forms and coverage kinds are distinct values")
    func priceAndCoverage() throws {
        #expect(Contract.Price.perMWMonth(10) != .totalValue(10))
        #expect(Contract.Price.perAcceleratorHour(2.5) == .perAcceleratorHour(2.5))
        let block = Block(megawatts: 50, from: try month("2026-07"), months: 24)
        #expect(Contract.Coverage.blocks([block]) == .blocks([block]))
        #expect(Contract.Coverage.blocks([]) != .phases([]))
    }
}

@Suite("Provider, Workload and Region")
struct ProviderTests {
    @Test("provider kinds use the scenario file's names, including self")
    func kindNames() {
        #expect(ProviderKind.allCases.map(\.rawValue) == ["hyperscaler", "cloud", "neocloud", "self"])
        #expect(ProviderKind(rawValue: "self") == .`self`)
        #expect(ProviderKind(rawValue: "gpu-cloud") == nil)
    }

    @Test("optional procurement fields default to nil")
    func defaults() {
        let provider = Provider(id: "neo", kind: .neocloud)
        #expect(provider.appetiteMWPerYear == nil)
        #expect(provider.newCapacityPriceUSDPerMWMonth == nil)
        #expect(provider.leadTimeMonths == nil)
        #expect(provider.name == nil)
        #expect(Workload(id: "training").name == nil)
        #expect(Region(id: "ercot").name == nil)
    }
}

@Suite("Risk and Demand")
struct RiskDemandTests {
    @Test("risk targets and effects are compared by case and payload")
    func riskValues() throws {
        let reference = try #require(PhaseReference("north/p1"))
        let delay = Risk(
            id: "grid", probability: 0.2, target: .phase(reference), effect: .delay(.uniform(min: 3, max: 9))
        )
        #expect(delay.target == .phase(reference))
        #expect(delay.target != .campus("north"))
        #expect(delay.effect == .delay(.uniform(min: 3, max: 9)))
        #expect(delay.effect != .cancel)
        #expect(Risk.Target.provider("a") != .region("a"))
        #expect(Risk.Target.contract("a") != .campus("a"))
        #expect(Risk.Target.all == .all)
        #expect(delay.name == nil)
    }

    @Test("a demand anchor defaults to no spread")
    func anchorDefault() throws {
        let anchor = DemandAnchor(month: try month("2027-01"), megawatts: 300)
        #expect(anchor.logSigma == 0)
        let demand = Demand(workload: "training", growth: .anchors([anchor]))
        #expect(demand.growth == .anchors([DemandAnchor(month: try month("2027-01"), megawatts: 300, logSigma: 0)]))
        #expect(
            demand.growth
                != .exponential(start: try month("2027-01"), initialMW: 300, annualLogGrowth: .fixed(0))
        )
    }
}
