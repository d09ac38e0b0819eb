import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

/// One malformed input and the diagnostic it must produce.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let line: Int
    /// The expected column, when it is meaningful.
    let column: Int?
    let path: String
    let fragment: String

    var testDescription: String { name }

    init(_ name: String, _ text: String, line: Int, column: Int?, path: String, _ fragment: String) {
        self.name = name
        self.text = text
        self.line = line
        self.column = column
        self.path = path
        self.fragment = fragment
    }
}

extension MalformedCase {
    private static func phase(_ body: String) -> String { Fixtures.withPhase(body) }
    private static func replacing(_ line: String, _ replacement: String) -> String {
        Fixtures.replacing(line, with: replacement)
    }
    private static let okPhase = "it_mw: 10\nplanned: 2026-03"
    private static func contract(_ lines: String) -> String {
        Fixtures.withContracts("contracts:\n  - id: k\n    provider: azure\n" + lines)
    }

    static let all: [MalformedCase] = [
        // Physical sanity and numbers.
        .init(
            "negative MW", phase("it_mw: -5\nplanned: 2026-03"), line: 19, column: 16,
            path: "campuses[0].phases[0].it_mw", "expected a number > 0, found -5"),
        .init(
            "PERT min > mode", phase(okPhase + "\ndelay_months: pert(5, 3, 9)"), line: 21, column: 23,
            path: "campuses[0].phases[0].delay_months", "min ≤ mode ≤ max"),
        .init(
            "NaN", phase("it_mw: .nan\nplanned: 2026-03"), line: 19, column: 16,
            path: "campuses[0].phases[0].it_mw", "NaN is not allowed"),
        .init(
            ".inf", replacing("      initial_mw: 100", "      initial_mw: .inf"), line: 12, column: 19,
            path: "demand[0].exponential.initial_mw", "infinity is not allowed"),
        .init(
            "1e999", replacing("      initial_mw: 100", "      initial_mw: 1e999"), line: 12, column: 19,
            path: "demand[0].exponential.initial_mw", "out of range"),
        .init(
            "beyond 1e18", replacing("      initial_mw: 100", "      initial_mw: 2e18"), line: 12, column: 19,
            path: "demand[0].exponential.initial_mw", "out of range"),
        .init(
            "string where a number is expected", replacing("      initial_mw: 100", "      initial_mw: lots"),
            line: 12, column: 19, path: "demand[0].exponential.initial_mw", "expected a number > 0, found 'lots'"),
        .init(
            "quoted number", replacing("      initial_mw: 100", "      initial_mw: \"100\""), line: 12, column: 19,
            path: "demand[0].exponential.initial_mw", "found the string \"100\""),
        .init(
            "boolean where a number is expected", replacing("      initial_mw: 100", "      initial_mw: true"),
            line: 12, column: 19, path: "demand[0].exponential.initial_mw", "found the boolean true"),
        .init(
            "hex number", replacing("      initial_mw: 100", "      initial_mw: 0x10"), line: 12, column: 19,
            path: "demand[0].exponential.initial_mw", "found '0x10'"),
        .init(
            "PUE below 1",
            phase(okPhase).replacingOccurrences(
                of: "    provider: azure\n", with: "    provider: azure\n    pue: 0.9\n"),
            line: 17, column: 10, path: "campuses[0].pue", "expected a number ≥ 1, found 0.9"),
        .init(
            "take_or_pay 1.5", contract("    phases: [c1/p1]\n    price_usd_per_mw_month: 1\n    take_or_pay: 1.5\n"),
            line: 30, column: 18, path: "contracts[0].take_or_pay", "expected a number in [0, 1], found 1.5"),
        .init(
            "late_credit_cap 2",
            contract("    phases: [c1/p1]\n    price_usd_per_mw_month: 1\n    late_credit_cap: 2\n"),
            line: 30, column: 22, path: "contracts[0].late_credit_cap", "expected a number in [0, 1], found 2"),
        .init(
            "probability above 1",
            Fixtures.withContracts("risks:\n  - {id: r, probability: 1.2, hits: all, cancel: true}\n"),
            line: 26, column: 26, path: "risks[0].probability", "expected a number in [0, 1], found 1.2"),
        .init(
            "g² + p² + r² > 1", Fixtures.minimal + "correlation:\n  global: 0.8\n  provider: 0.8\n", line: 15,
            column: 3, path: "correlation", "global² + provider² + region² must be at most 1"),
        .init(
            "correlation loading above 1", Fixtures.minimal + "correlation: {global: 1.5}\n", line: 14, column: 23,
            path: "correlation.global", "expected a number in [0, 1], found 1.5"),

        // Keys.
        .init(
            "unknown key with a suggestion", phase(okPhase + "\ndelay_month: 3"), line: 21, column: 9,
            path: "campuses[0].phases[0].delay_month", "unknown key 'delay_month'; did you mean 'delay_months'?"),
        .init(
            "unknown top-level key", Fixtures.minimal + "horizon: 12\n", line: 14, column: 1, path: "horizon",
            "unknown key 'horizon'; expected one of: headroom, name"),
        .init(
            "duplicate mapping key", replacing("name: Minimal", "name: Minimal\nname: Again"), line: 2, column: 1,
            path: "", "duplicate key 'name'"),
        .init(
            "missing headroom", replacing("headroom: 1", ""), line: 1, column: 1, path: "headroom",
            "missing required key 'headroom'"),
        .init(
            "format version 2", replacing("headroom: 1", "headroom: 2"), line: 1, column: 11, path: "headroom",
            "unsupported format version 2; this build reads version 1"),
        .init(
            "both it_mw and facility_mw", phase("it_mw: 10\nfacility_mw: 12\nplanned: 2026-03"), line: 20, column: 9,
            path: "campuses[0].phases[0].facility_mw", "found 'it_mw' and 'facility_mw'"),

        // Months and horizon.
        .init(
            "bad month 2026-13", replacing("start: 2026-01", "start: 2026-13"), line: 3, column: 8, path: "start",
            "MM in 01…12"),
        .init(
            "month 2026-3", replacing("start: 2026-01", "start: 2026-3"), line: 3, column: 8, path: "start",
            "expected a month YYYY-MM"),
        .init(
            "month 26-03", replacing("start: 2026-01", "start: 26-03"), line: 3, column: 8, path: "start",
            "expected a month YYYY-MM"),
        .init(
            "end before start", replacing("end: 2027-12", "end: 2025-12"), line: 4, column: 6, path: "end",
            "end 2025-12 is before start 2026-01"),
        .init(
            "months over 480", replacing("end: 2027-12", "months: 481"), line: 4, column: 9, path: "months",
            "a whole number in 1…480, found 481"),
        .init(
            "horizon over 480 by end", replacing("end: 2027-12", "end: 2066-01"), line: 4, column: 6, path: "end",
            "481 months; at most 480"),
        .init(
            "months: 1e30", replacing("end: 2027-12", "months: 1e30"), line: 4, column: 9, path: "months",
            "out of range"),
        .init(
            "end and months both", replacing("end: 2027-12", "end: 2027-12\nmonths: 24"), line: 5, column: 1,
            path: "months", "expected exactly one of 'end' or 'months'"),
        .init(
            "anchors not increasing",
            Fixtures.minimal
                + "  - workload: inference\n    anchors:\n      - {month: 2027-01, mw: 10}\n      - {month: 2026-06, mw: 20}\n",
            line: 17, column: 17, path: "demand[1].anchors[1].month", "strictly increasing"),

        // Ids and references.
        .init(
            "duplicate provider id",
            replacing("    kind: hyperscaler", "    kind: hyperscaler\n  - id: azure\n    kind: cloud"),
            line: 9, column: 9, path: "providers[1].id", "duplicate provider id 'azure' (first defined at line 7)"),
        .init(
            "invalid id", replacing("  - id: azure", "  - id: \"bad id\""), line: 7, column: 9, path: "providers[0].id",
            "expected a provider id"),
        .init(
            "duplicate phase id in a campus",
            phase(okPhase) + "      - id: p1\n        it_mw: 5\n        planned: 2026-04\n",
            line: 21, column: 13, path: "campuses[0].phases[1].id", "duplicate phase id 'p1'"),
        .init(
            "unknown provider reference",
            phase(okPhase).replacingOccurrences(of: "    provider: azure\n", with: "    provider: azur\n"), line: 16,
            column: 15, path: "campuses[0].provider", "unknown provider 'azur'; did you mean 'azure'?"),
        .init(
            "demand for an unknown workload", replacing("  - workload: training", "  - workload: trainning"), line: 10,
            column: 15, path: "demand[0].workload", "unknown workload 'trainning'; did you mean 'training'?"),
        .init(
            "duplicate demand workload",
            Fixtures.minimal + "  - workload: training\n    anchors: [{month: 2026-01, mw: 1}]\n", line: 14, column: 15,
            path: "demand[1].workload", "duplicate demand for workload 'training'"),
        .init(
            "empty workloads list", replacing("workloads: [training, inference]", "workloads: []"), line: 5, column: 12,
            path: "workloads", "at least one entry"),
        .init(
            "risk hits an unknown campus",
            Fixtures.withContracts("risks:\n  - {id: r, probability: 0.1, hits: {campus: c2}, delay_months: 1}\n"),
            line: 26, column: 46, path: "risks[0].hits.campus", "unknown campus 'c2'; did you mean 'c1'?"),
        .init(
            "risk hits neither all nor a target",
            Fixtures.withContracts("risks:\n  - {id: r, probability: 0.1, hits: some, delay_months: 1}\n"), line: 26,
            column: 37, path: "risks[0].hits", "expected 'all' or a mapping"),

        // Contracts.
        .init(
            "phase covered twice",
            Fixtures.withContracts(
                "contracts:\n  - {id: k1, provider: azure, phases: [c1/p1], price_usd_per_mw_month: 1}\n"
                    + "  - {id: k2, provider: azure, phases: [c1/p1], price_usd_per_mw_month: 1}\n"),
            line: 27, column: 40, path: "contracts[1].phases[0]", "already covered by contract 'k1'"),
        .init(
            "phase of another provider",
            Fixtures.withContracts(
                "contracts:\n  - {id: k, provider: oracle, phases: [c1/p1], price_usd_per_mw_month: 1}\n"
            )
            .replacingOccurrences(
                of: "    kind: hyperscaler\n", with: "    kind: hyperscaler\n  - {id: oracle, kind: cloud}\n"),
            line: 27, column: 40, path: "contracts[0].phases[0]",
            "of provider 'azure', not of this contract's provider 'oracle'"),
        .init(
            "two price keys",
            contract("    phases: [c1/p1]\n    price_usd_per_mw_month: 1\n    total_value_usd: 5\n    end: 2027-01\n"),
            line: 30, column: 5, path: "contracts[0].total_value_usd",
            "found 'price_usd_per_mw_month' and 'total_value_usd'"),
        .init(
            "no price key", contract("    phases: [c1/p1]\n"), line: 26, column: 5, path: "contracts[0]",
            "expected exactly one of 'price_usd_per_mw_month', 'price_usd_per_accelerator_hour', 'total_value_usd', found none"
        ),
        .init(
            "accelerator-hour price without an accelerator",
            contract("    phases: [c1/p1, c1/p2]\n    price_usd_per_accelerator_hour: 2\n"), line: 28, column: 14,
            path: "contracts[0].phases[0]", "needs an accelerator on every covered phase; c1/p1 has none"),
        .init(
            "accelerator-hour price on a block without an accelerator",
            contract("    price_usd_per_accelerator_hour: 2\n    blocks:\n      - {mw: 10, from: 2026-01}\n"), line: 30,
            column: 9, path: "contracts[0].blocks[0].accelerator", "needs an accelerator on every block"),
        .init(
            "total value without end", contract("    phases: [c1/p1]\n    total_value_usd: 5e9\n"), line: 29, column: 5,
            path: "contracts[0].end", "total_value_usd needs 'end'"),
        .init(
            "contract end before signed",
            contract("    phases: [c1/p1]\n    price_usd_per_mw_month: 1\n    signed: 2027-01\n    end: 2026-01\n"),
            line: 31, column: 10, path: "contracts[0].end", "end 2026-01 is before signed 2027-01"),
        .init(
            "phases and blocks both",
            contract("    phases: [c1/p1]\n    blocks: [{mw: 1, from: 2026-01}]\n    price_usd_per_mw_month: 1\n"),
            line: 29, column: 5, path: "contracts[0].blocks", "expected exactly one of 'phases' or 'blocks'"),

        // Risks, clauses, budget.
        .init(
            "risk with both delay and cancel",
            Fixtures.withContracts(
                "risks:\n  - id: r\n    probability: 0.5\n    hits: all\n    delay_months: 3\n    cancel: true\n"),
            line: 30, column: 5, path: "risks[0].cancel", "expected exactly one of 'delay_months' or 'cancel'"),
        .init(
            "cancel: false",
            Fixtures.withContracts("risks:\n  - {id: r, probability: 0.5, hits: all, cancel: false}\n"), line: 26,
            column: 50, path: "risks[0].cancel", "cancel: false has no effect"),
        .init(
            "exclusivity with an empty workloads list",
            Fixtures.minimal + "clauses:\n  exclusivity:\n    - {holder: azure, workloads: []}\n", line: 16, column: 34,
            path: "clauses.exclusivity[0].workloads", "at least one entry"),
        .init(
            "budget with both year and through",
            Fixtures.minimal + "budget:\n  - id: b\n    usd: 1\n    year: 2027\n    through: 2027-12\n", line: 17,
            column: 5, path: "budget[0].year", "expected exactly one of 'through' or 'year'"),
        .init(
            "budget for an unknown provider",
            Fixtures.minimal + "budget:\n  - {id: b, usd: 1, year: 2027, providers: [azur]}\n",
            line: 15, column: 45, path: "budget[0].providers[0]", "unknown provider 'azur'"),
        .init(
            "policy structure typo", Fixtures.minimal + "policy: {structure: exclusiv}\n", line: 14, column: 21,
            path: "policy.structure", "did you mean 'exclusive'?"),
        .init(
            "policy holder that is not a provider", Fixtures.minimal + "policy: {holder: azur}\n", line: 14, column: 18,
            path: "policy.holder", "unknown provider 'azur'"),
        .init(
            "policy until before as_of", Fixtures.minimal + "policy: {as_of: 2027-06, until: 2027-01}\n", line: 14,
            column: 33, path: "policy.until", "must not be before as_of (2027-06)"),
        .init(
            "new-capacity take-or-pay above 1", Fixtures.minimal + "policy:\n  new_capacity: {take_or_pay: 1.5}\n",
            line: 15, column: 31, path: "policy.new_capacity.take_or_pay", "1"),
        .init(
            "new-capacity unknown key", Fixtures.minimal + "policy:\n  new_capacity: {term: 12}\n", line: 15,
            column: 18, path: "policy.new_capacity.term", "term_months"),

        // Types and syntax.
        .init(
            "a mapping where a list is expected",
            replacing("providers:\n  - id: azure\n    kind: hyperscaler", "providers: {id: azure, kind: cloud}"),
            line: 6,
            column: 12, path: "providers", "expected a list of providers (a list), found a mapping"),
        .init(
            "JSON with a bad month",
            #"{"headroom": 1, "name": "J", "start": "2026-13", "months": 1, "workloads": ["w"], "providers": [], "demand": []}"#,
            line: 1, column: 39, path: "start", "2026-13"),
        .init(
            "YAML syntax error", replacing("name: Minimal", "name: \"unclosed"), line: 14, column: 1, path: "",
            "invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 2, column 7)"),
        .init(
            "YAML syntax error in a flow",
            replacing("workloads: [training, inference]", "workloads: [training, inference"),
            line: 6, column: nil, path: "", "invalid YAML"),
    ]
}

@Suite("Malformed input")
struct MalformedInputTests {
    @Test("each malformed input gives a located, explained diagnostic", arguments: MalformedCase.all)
    func malformed(input: MalformedCase) throws {
        let diagnostics = Fixtures.diagnostics(input.text, file: "bad.yaml")
        #expect(!diagnostics.isEmpty, "expected diagnostics for \(input.name)")
        let matching = diagnostics.filter { $0.path == input.path && $0.message.contains(input.fragment) }
        let diagnostic = try #require(
            matching.first,
            "no diagnostic at \(input.path) with '\(input.fragment)'; got:\n\(ScenarioError(diagnostics: diagnostics))")
        #expect(diagnostic.file == "bad.yaml")
        #expect(diagnostic.line == input.line, "\(diagnostic)")
        if let column = input.column {
            #expect(diagnostic.column == column, "\(diagnostic)")
        }
        let prefix = "bad.yaml:\(diagnostic.line):\(diagnostic.column): error: "
        #expect(diagnostic.description == prefix + (input.path.isEmpty ? "" : input.path + ": ") + diagnostic.message)
    }

    @Test("the table has at least 30 cases")
    func tableSize() {
        #expect(MalformedCase.all.count >= 30)
    }

    @Test("every problem at once: five problems give five diagnostics in line order")
    func everyProblemAtOnce() throws {
        let text = """
            headroom: 1
            name: Five problems
            start: 2026-13
            end: 2027-12
            workloads: [training]
            providers:
              - id: azure
                kind: hyperscalr
                colour: blue
            demand:
              - workload: training
                exponential:
                  initial_mw: -1
                  annual_log_growth: pert(3, 1, 2)

            """
        let diagnostics = Fixtures.diagnostics(text, file: "five.yaml")
        #expect(diagnostics.map(\.line) == [3, 8, 9, 13, 14], "\(ScenarioError(diagnostics: diagnostics))")
        #expect(
            diagnostics.map(\.path) == [
                "start", "providers[0].kind", "providers[0].colour", "demand[0].exponential.initial_mw",
                "demand[0].exponential.annual_log_growth",
            ])
        #expect(diagnostics[1].message.contains("did you mean 'hyperscaler'?"))
        let description = ScenarioError(diagnostics: diagnostics.reversed()).description
        #expect(description.split(separator: "\n").count == 5)
        #expect(description.hasPrefix("five.yaml:3:8: error: start: "))
    }
}
