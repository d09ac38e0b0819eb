import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

/// Scenario texts with `offers` and `optimization`.
enum OfferFixtures {
    /// A valid scenario with every offer key, both forms of `starts`, every price form and every optimization form.
    static let full = """
        headroom: 1
        name: Offers
        start: 2026-01
        end: 2033-12
        workloads: [training, inference]
        accelerators:
          - {id: gb300, it_watts_per_accelerator: 2100, bf16_flops: 2.5e+15}
        providers:
          - {id: azure, kind: hyperscaler}
          - {id: oracle, kind: cloud}
          - {id: lab, kind: self}
        regions: [texas]
        demand:
          - workload: training
            exponential: {initial_mw: 100, annual_log_growth: 0.5}
        budget:
          - {id: through-2030, usd: 4.5e+11, through: 2030-12}
          - {id: y2027, usd: 6.0e+10, year: 2027}
        offers:
          - id: oracle-more
            name: More Oracle capacity
            provider: oracle
            lot_mw: 500
            min_lots: 1
            max_lots: 8
            starts: {earliest: 2026-01, latest: 2030-08, step_months: 6}
            lead_time_months: 24
            delay_months: lognormal(7.03, 0.3)
            ramp_months: 12
            term_months: 120
            price_usd_per_mw_month: 1.1e+6
            take_or_pay: 0.9
            workloads: [training, inference]
            region: texas
          - id: azure-hours
            provider: azure
            lot_mw: 100
            max_lots: 3
            starts: [2026-03, 2026-09, 2027-06]
            price_usd_per_accelerator_hour: 4.0
            accelerator: gb300
            counts_as_holder: false
          - id: lab-build
            provider: lab
            lot_mw: 1000
            max_lots: 60
            starts: [2027-01]
            lead_time_months: 30
            delay_months: {pert: {min: 0, mode: 3, max: 12}}
            term_months: 96
            total_value_usd_per_lot: 6.8e+10
            counts_as_holder: true
        optimization:
          penalty_usd_per_mw_month: {training: 2.0e+6, inference: 2.5e+6}
          caps: [through-2030, {cap: y2027, on: cvar, alpha: 0.9}, {cap: y2027, on: expected}]
          max_provider_share: {oracle: 0.5, azure: 0.6}

        """

    /// ``full`` with the number forms of the penalty and the share.
    static let numberForms = full.replacingOccurrences(
        of: "  penalty_usd_per_mw_month: {training: 2.0e+6, inference: 2.5e+6}\n",
        with: "  penalty_usd_per_mw_month: 3.0e+6\n"
    )
    .replacingOccurrences(
        of: "  max_provider_share: {oracle: 0.5, azure: 0.6}\n", with: "  max_provider_share: 0.5\n")

    /// The expected reading of ``full``'s offers.
    static var expectedOffers: [Offer] {
        [
            Offer(
                id: "oracle-more", name: "More Oracle capacity", provider: "oracle", lotMW: 500, minimumLots: 1,
                maximumLots: 8, starts: stride(from: 0, through: 54, by: 6).map { month("2026-01").adding(months: $0) },
                leadTimeMonths: 24, delayMonths: .lognormal(median: 7.03, sigma: 0.3), rampMonths: 12, termMonths: 120,
                price: .perMWMonth(1.1e6), takeOrPayFraction: 0.9, workloads: ["training", "inference"],
                region: "texas"),
            Offer(
                id: "azure-hours", provider: "azure", lotMW: 100, maximumLots: 3,
                starts: [month("2026-03"), month("2026-09"), month("2027-06")], price: .perAcceleratorHour(4),
                accelerator: "gb300", countsAsHolder: false),
            Offer(
                id: "lab-build", provider: "lab", lotMW: 1000, maximumLots: 60, starts: [month("2027-01")],
                leadTimeMonths: 30, delayMonths: .pert(min: 0, mode: 3, max: 12), termMonths: 96,
                price: .totalValue(6.8e10), countsAsHolder: true),
        ]
    }

    /// The settings lines of an offer that reads, to which a malformed case adds or replaces lines.
    static let okBody = "lot_mw: 100\nmax_lots: 2\nstarts: [2026-01]\nprice_usd_per_mw_month: 1.0e+6"

    /// ``Fixtures/minimal`` (horizon 2026-01…2027-12) with an accelerator `acc` (lines 14–17), a region `r1` (18), a
    /// budget cap `cap1` (19–20) and one offer `o1` of `azure` (lines 21–23) whose further keys, `body`, start on
    /// line 24, indented by 4 spaces.
    static func withOffer(_ body: String) -> String {
        Fixtures.minimal + """
            accelerators:
              - id: acc
                it_watts_per_accelerator: 1000
                bf16_flops: 1e15
            regions: [r1]
            budget:
              - {id: cap1, usd: 1e9, through: 2027-12}
            offers:
              - id: o1
                provider: azure

            """ + indented(body, by: 4) + "\n"
    }

    /// ``withOffer(_:)`` with ``okBody`` (lines 24–27), then `optimization:` (line 28) with `body` from line 29,
    /// indented by 2 spaces.
    static func withOptimization(_ body: String) -> String {
        withOffer(okBody) + "optimization:\n" + indented(body, by: 2) + "\n"
    }

    private static func indented(_ text: String, by count: Int) -> String {
        let pad = String(repeating: " ", count: count)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
    }
}

@Suite("Offers and optimization settings")
struct OfferTests {
    @Test("the full fixture reads every offer key and both forms of starts")
    func readsOffers() throws {
        let scenario = try ScenarioReader.parse(OfferFixtures.full, file: "offers.yaml")
        #expect(scenario.offers == OfferFixtures.expectedOffers)
        #expect(scenario.offers[0].starts.count == 10)
        #expect(scenario.offers[0].starts.last == month("2030-07"))
        #expect(scenario.offer("lab-build")?.isHolders("azure") == true)
    }

    @Test("the mapping forms read per workload and per provider, with the documented defaults for the others")
    func readsMappingForms() throws {
        let settings = try #require(try ScenarioReader.parse(OfferFixtures.full, file: "offers.yaml").optimization)
        #expect(
            settings
                == OptimizationSettings(
                    penaltyUSDPerMWMonth: ["training": 2e6, "inference": 2.5e6], defaultPenaltyUSDPerMWMonth: 2e6,
                    caps: [
                        CapConstraint(cap: "through-2030"), CapConstraint(cap: "y2027", measure: .cvar(0.9)),
                        CapConstraint(cap: "y2027", measure: .expected),
                    ],
                    maximumProviderShare: ["oracle": 0.5, "azure": 0.6]))
        #expect(settings.maximumShare(of: "lab") == nil)
    }

    @Test("the number forms apply to every workload and every provider")
    func readsNumberForms() throws {
        let settings = try #require(
            try ScenarioReader.parse(OfferFixtures.numberForms, file: "offers.yaml").optimization)
        #expect(settings.penaltyUSDPerMWMonth.isEmpty && settings.maximumProviderShare.isEmpty)
        #expect(settings.penalty(for: "training") == 3e6)
        #expect(settings.maximumShare(of: "lab") == 0.5)
    }

    @Test("an empty optimization mapping gives the defaults; no section gives nil and no offers")
    func defaults() throws {
        let empty = try ScenarioReader.parse(Fixtures.minimal + "optimization: {}\n", file: "o.yaml")
        #expect(empty.optimization == OptimizationSettings())
        #expect(empty.optimization?.penalty(for: "training") == 2e6)
        let none = try ScenarioReader.parse(Fixtures.minimal, file: "o.yaml")
        #expect(none.optimization == nil && none.offers.isEmpty)
        let minimalOffer = try ScenarioReader.parse(OfferFixtures.withOffer(OfferFixtures.okBody), file: "o.yaml")
        #expect(
            minimalOffer.offers == [
                Offer(
                    id: "o1", provider: "azure", lotMW: 100, maximumLots: 2, starts: [month("2026-01")],
                    price: .perMWMonth(1e6))
            ])
    }

    @Test(
        "offers and settings round-trip through YAML and JSON",
        arguments: [
            OfferFixtures.full, OfferFixtures.numberForms, Fixtures.minimal + "optimization: {}\n",
        ])
    func roundTrip(_ text: String) throws {
        try expectRoundTrip(try ScenarioReader.parse(text, file: "offers.yaml"))
    }

    @Test("the writer gives evenly spaced starts as a range, others as a list, and leaves defaults out")
    func canonicalForm() throws {
        let yaml = ScenarioWriter.yaml(try ScenarioReader.parse(OfferFixtures.full, file: "offers.yaml"))
        #expect(yaml.contains("    starts:\n      earliest: 2026-01\n      latest: 2030-07\n      step_months: 6\n"))
        #expect(yaml.contains("    starts:\n      - 2026-03\n      - 2026-09\n      - 2027-06\n"))
        #expect(yaml.contains("    starts:\n      - 2027-01\n"))
        #expect(yaml.contains("    total_value_usd_per_lot: 68000000000\n"))
        #expect(yaml.contains("  caps:\n    - through-2030\n    - cap: y2027\n      \"on\": cvar\n      alpha: 0.9\n"))
        #expect(yaml.contains("  penalty_usd_per_mw_month:\n    training: 2000000\n    inference: 2500000\n"))
        #expect(!yaml.contains("min_lots: 0") && !yaml.contains("lead_time_months: 0"))
        let empty = ScenarioWriter.yaml(try ScenarioReader.parse(Fixtures.minimal + "optimization: {}\n", file: "o"))
        #expect(empty.hasSuffix("optimization: {}\n"))
    }

    @Test("settings built in code with entries and another default are written as an equivalent full mapping")
    func codeBuiltSettings() throws {
        var scenario = try ScenarioReader.parse(OfferFixtures.full, file: "offers.yaml")
        let settings = OptimizationSettings(
            penaltyUSDPerMWMonth: ["inference": 4e6], defaultPenaltyUSDPerMWMonth: 3e6,
            maximumProviderShare: ["oracle": 0.4], defaultMaximumProviderShare: 0.7)
        scenario.optimization = settings
        let back = try #require(try ScenarioReader.parse(ScenarioWriter.yaml(scenario), file: "w.yaml").optimization)
        for workload in scenario.workloads.map(\.id) {
            #expect(back.penalty(for: workload) == settings.penalty(for: workload))
        }
        for provider in scenario.providers.map(\.id) {
            #expect(back.maximumShare(of: provider) == settings.maximumShare(of: provider))
        }
    }

    @Test(
        "python jsonschema accepts offers and settings and rejects malformed ones",
        .enabled(if: jsonschemaAvailable, "needs python3 with the jsonschema package (pip install jsonschema)"))
    func schema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headroom-offers-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemaPath = directory.appendingPathComponent("schema.json").path
        try ScenarioSchema.jsonSchema.write(toFile: schemaPath, atomically: true, encoding: .utf8)
        let valid = try [OfferFixtures.full, OfferFixtures.numberForms].map {
            ScenarioWriter.json(try ScenarioReader.parse($0, file: "offers.yaml"))
        }
        let full = valid[0]
        let invalid = [
            full.replacingOccurrences(of: "\"lot_mw\": 500", with: "\"lot_mw\": 0"),
            full.replacingOccurrences(of: "\"max_lots\": 3", with: "\"max_lots\": 0"),
            full.replacingOccurrences(
                of: "\"price_usd_per_mw_month\": 1100000",
                with: "\"price_usd_per_mw_month\": 1, \"total_value_usd_per_lot\": 1"),
            full.replacingOccurrences(of: "\"accelerator\": \"gb300\",", with: ""),
            full.replacingOccurrences(of: "\"term_months\": 96,", with: ""),
            full.replacingOccurrences(of: "\"step_months\": 6", with: "\"step\": 6"),
            full.replacingOccurrences(of: "\"starts\": [\n        \"2027-01\"\n      ]", with: "\"starts\": []"),
            full.replacingOccurrences(of: "\"lead_time_months\": 30", with: "\"lead_time_months\": 2.5"),
            full.replacingOccurrences(of: "\"alpha\": 0.9", with: "\"alpha\": 1"),
            full.replacingOccurrences(of: "\"on\": \"cvar\",", with: "\"on\": \"expected\","),
            full.replacingOccurrences(of: "\"on\": \"cvar\",", with: "\"on\": \"worst\","),
            full.replacingOccurrences(of: "\"oracle\": 0.5", with: "\"oracle\": 1.5"),
            full.replacingOccurrences(of: "\"training\": 2000000", with: "\"training\": 0"),
            full.replacingOccurrences(of: "\"counts_as_holder\": false", with: "\"counts_as_holder\": \"no\""),
        ]
        var paths: [String] = []
        for (index, text) in valid.enumerated() {
            let path = directory.appendingPathComponent("valid-\(index).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        for (index, text) in invalid.enumerated() {
            #expect(text != full, "invalid case \(index) did not change the document")
            let path = directory.appendingPathComponent("invalid-\(index).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            validator = Draft202012Validator(json.load(open(sys.argv[1])))
            bad = 0
            for path in sys.argv[2:]:
                errors = list(validator.iter_errors(json.load(open(path))))
                if ("/valid-" in path) == bool(errors):
                    bad += 1
                    print("WRONG", path, [e.message[:200] for e in errors][:3])
            sys.exit(1 if bad else 0)
            """
        let result = try #require(runPython(["-c", script, schemaPath] + paths))
        #expect(result.status == 0, "\(result.output)")
    }
}
