import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

/// Reads `text`, writes it as YAML and JSON, reads both back and checks they equal the first read.
func expectRoundTrip(_ scenario: Scenario, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let yaml = ScenarioWriter.yaml(scenario)
    let json = ScenarioWriter.json(scenario)
    let fromYAML = try ScenarioReader.parse(yaml, file: "written.yaml")
    let fromJSON = try ScenarioReader.parse(json, file: "written.json")
    #expect(fromYAML == scenario, "YAML:\n\(yaml)", sourceLocation: sourceLocation)
    #expect(fromJSON == scenario, "JSON:\n\(json)", sourceLocation: sourceLocation)
    // Writing is deterministic and stable.
    #expect(ScenarioWriter.yaml(fromYAML) == yaml, sourceLocation: sourceLocation)
    #expect(ScenarioWriter.json(fromJSON) == json, sourceLocation: sourceLocation)
}

@Suite("Writer round trips")
struct RoundTripTests {
    /// A scenario with awkward strings, ids and doubles.
    static var awkward: Scenario {
        var scenario = FixtureTests.expectedFull
        scenario.name = "Quotes \" and \\ backslash: # not a comment, tab\t, newline\n, ünïcödé ✓, \u{85}\u{2028}\u{1}"
        scenario.description = "  leading and trailing spaces  "
        scenario.workloads = [Workload(id: "null"), Workload(id: "2026", name: "true"), Workload(id: "1e3", name: "")]
        scenario.demand = [
            Demand(
                workload: "null",
                growth: .exponential(
                    start: month("2026-02"), initialMW: 1.0 / 3, annualLogGrowth: .normal(mean: 0.1, sd: 1e-7))),
            Demand(
                workload: "2026",
                growth: .anchors([DemandAnchor(month: month("2026-01"), megawatts: Double.leastNonzeroMagnitude)])),
        ]
        scenario.contracts = scenario.contracts.map { contract in
            var contract = contract
            contract.workloads = contract.workloads.map { _ in ["1e3"] }
            return contract
        }
        scenario.clauses = Clauses(
            rightOfFirstRefusal: RightOfFirstRefusal(holder: "azure"),
            revenueShares: [RevenueShare(to: "oracle", fraction: 0.1 + 0.2, revenueUSDPerServedMWMonth: 1e18)])
        scenario.discountRate = -0.0
        scenario.correlation = Correlation(global: 0.1, provider: 0, region: 0)
        scenario.policy = nil
        scenario.budget = Budget()
        return scenario
    }

    @Test("the full fixture round-trips through YAML and JSON")
    func fullFixture() throws {
        try expectRoundTrip(try ScenarioReader.parse(Fixtures.full, file: "full.yaml"))
    }

    @Test("the minimal fixture round-trips")
    func minimal() throws {
        try expectRoundTrip(try ScenarioReader.parse(Fixtures.minimal, file: "minimal.yaml"))
    }

    @Test("awkward strings, ids and doubles round-trip bit-identically")
    func awkwardValues() throws {
        let scenario = Self.awkward
        try expectRoundTrip(scenario)
        let back = try ScenarioReader.parse(ScenarioWriter.yaml(scenario), file: "a.yaml")
        #expect(back.discountRate?.sign == .minus)
        #expect(back.name == scenario.name)
    }

    @Test("the writer uses end (never months), inline distributions and integers without .0")
    func canonicalForm() throws {
        let yaml = ScenarioWriter.yaml(try ScenarioReader.parse(Fixtures.full, file: "full.yaml"))
        #expect(yaml.contains("\nend: 2030-12\n"))
        #expect(!yaml.contains("\nmonths:"))
        #expect(yaml.contains("delay_months: pert(0, 2, 8)"))
        #expect(yaml.contains("delay_months: discrete([0, 0.7], [6, 0.3])"))
        #expect(yaml.contains("lead_time_months: pert(12, 18, 30)"))
        #expect(yaml.contains("it_mw: 200\n"))
        #expect(yaml.contains("usd: 450000000000\n"))
        #expect(!yaml.contains("200.0"))
        #expect(yaml.hasPrefix("headroom: 1\nname: \"Full fixture\"\n"))
    }

    @Test("the JSON output is valid JSON")
    func jsonIsJSON() throws {
        let json = ScenarioWriter.json(Self.awkward)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect(object is [String: Any])
    }

    @Test("every example under examples/ parses and round-trips")
    func examples() throws {
        let files = exampleFiles()
        for file in files {
            let scenario: Scenario
            do {
                scenario = try ScenarioReader.read(contentsOf: file)
            } catch {
                Issue.record("\(file) does not parse:\n\(error)")
                continue
            }
            try expectRoundTrip(scenario)
        }
    }
}

/// The scenario files under the package's `examples/` folder (none while it is empty); `examples/sweeps/` holds sweep
/// files, not scenarios.
func exampleFiles() -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")
    guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
    var files: [String] = []
    for case let url as URL in enumerator
    where ["yaml", "yml", "json"].contains(url.pathExtension)
        && url.deletingLastPathComponent().lastPathComponent != "sweeps"
    {
        files.append(url.path)
    }
    return files.sorted()
}
