import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

/// Small scenarios built in code whose report figures can be worked out by hand (adapted from
/// Tests/HeadroomEngineTests/TestScenarios.swift; kept separate so the two test targets evolve independently).
enum ReportScenarios {
    static let start = Month(year: 2026, month: 1) ?? Month(ordinal: 0)

    /// The month `offset` months after 2026-01.
    static func month(_ offset: Int) -> Month { start.adding(months: offset) }

    /// Parses `YYYY-MM`, falling back to the start month (tests only pass valid literals).
    static func m(_ text: String) -> Month { Month(text) ?? start }

    /// One provider `p`, one campus `c` (region `r`) with the given phases, one contract `k` covering `covered` of
    /// them (default all), flat demand for workload `all`.
    static func single(
        phases: [Phase] = [Phase(id: "a", megawatts: 100, plannedOnline: month(2))],
        covered: [PhaseID]? = nil, price: Double = 1_000_000, takeOrPay: Double = 1, demandMW: Double = 80,
        months: Int = 24, caps: [BudgetCap] = [], name: String = "single"
    ) -> Scenario {
        let coveredIDs = covered ?? phases.map(\.id)
        return Scenario(
            name: name, start: start, end: start.adding(months: months - 1),
            workloads: [Workload(id: "all")],
            providers: [Provider(id: "p", kind: .cloud)], regions: [Region(id: "r")],
            campuses: [Campus(id: "c", provider: "p", region: "r", pue: 1.25, phases: phases)],
            contracts: [
                Contract(
                    id: "k", provider: "p",
                    coverage: .phases(coveredIDs.map { PhaseReference(campus: "c", phase: $0) }),
                    price: .perMWMonth(price), takeOrPayFraction: takeOrPay)
            ],
            demand: [Demand(workload: "all", growth: .anchors([DemandAnchor(month: start, megawatts: demandMW)]))],
            budget: Budget(caps: caps))
    }

    /// The reference case used throughout: 100 MW online from month 2 (2026-03) at 1e6 USD per MW-month,
    /// take-or-pay, 80 MW of flat demand, 24 months (2026-01 … 2027-12), one cap of 1.5e9 through 2027-06.
    ///
    /// By hand: capacity 0, 0, then 100; shortfall 80, 80, then 0; idle 0, 0, then 20; spend 0, 0, then 1e8 a
    /// month. 2026: spend 10 × 1e8 = 1e9, mean capacity 1000 / 12, mean shortfall 160 / 12, mean idle 200 / 12.
    /// 2027: spend 1.2e9, capacity 100, shortfall 0, idle 20. Cumulative: 1e9 at 2026-12, 2.2e9 at 2027-12.
    static func reference(name: String = "reference", price: Double = 1_000_000) -> Scenario {
        single(price: price, caps: [BudgetCap(id: "cap", usd: 1.5e9, through: m("2027-06"))], name: name)
    }

    /// A compiled model, failing the test with the engine's message when the scenario does not compile.
    static func model(_ scenario: Scenario) throws -> CompiledScenario {
        try CompiledScenario(scenario: scenario)
    }

    /// Runs `analysis` on `scenario` through the analysis layer, as every front end does.
    static func run(_ scenario: Scenario, _ analysis: Analysis) throws -> AnalysisRun {
        try Analyzer.runNow(AnalysisRequest(scenario: .value(scenario), analysis: analysis))
    }

    /// The facts the analysis layer gives reports about `scenario`.
    static func facts(_ scenario: Scenario) throws -> ScenarioFacts {
        try run(scenario, .check).facts
    }
}

/// `|a − b| ≤ tolerance × max(1, |b|)`.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

/// Element-wise `close` of two arrays of the same length.
func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance) }

}
