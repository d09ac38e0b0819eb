import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

extension MalformedCase {
    /// ``OfferFixtures/withOffer(_:)`` with `line` of ``OfferFixtures/okBody`` replaced (`""` drops it).
    private static func offer(replacing line: String, with replacement: String) -> String {
        let body = OfferFixtures.okBody.split(separator: "\n").map(String.init)
            .map { $0 == line ? replacement : $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
        return OfferFixtures.withOffer(body)
    }

    /// ``OfferFixtures/withOffer(_:)`` with ``OfferFixtures/okBody`` (lines 24–27) followed by `lines` from line 28.
    private static func offer(adding lines: String) -> String {
        OfferFixtures.withOffer(OfferFixtures.okBody + "\n" + lines)
    }

    private static func starts(_ value: String) -> String {
        offer(replacing: "starts: [2026-01]", with: "starts: \(value)")
    }

    private static func optimization(_ lines: String) -> String { OfferFixtures.withOptimization(lines) }

    /// Malformed `offers` and `optimization` sections.
    ///
    /// In ``OfferFixtures/withOffer(_:)`` the offer's own lines are 24–27 (`lot_mw`, `max_lots`, `starts`, the price),
    /// keys at column 5; the horizon is 2026-01…2027-12.
    static let offers: [MalformedCase] = [
        // Lots.
        .init(
            "lot_mw 0", offer(replacing: "lot_mw: 100", with: "lot_mw: 0"), line: 24, column: 13,
            path: "offers[0].lot_mw", "expected a number > 0, found 0"),
        .init(
            "min_lots negative", offer(adding: "min_lots: -1"), line: 28, column: 15, path: "offers[0].min_lots",
            "expected a whole number ≥ 0, found -1"),
        .init(
            "max_lots 0", offer(replacing: "max_lots: 2", with: "max_lots: 0"), line: 25, column: 15,
            path: "offers[0].max_lots", "expected a whole number ≥ 1, found 0"),
        .init(
            "max_lots below min_lots", offer(adding: "min_lots: 3"), line: 25, column: 15,
            path: "offers[0].max_lots", "max_lots 2 is below min_lots 3"),
        .init(
            "fractional lots", offer(adding: "min_lots: 1.5"), line: 28, column: 15, path: "offers[0].min_lots",
            "expected a whole number ≥ 0, found 1.5"),
        .init(
            "missing max_lots", offer(replacing: "max_lots: 2", with: ""), line: 22, column: 5,
            path: "offers[0].max_lots", "missing required key 'max_lots'"),
        .init(
            "missing lot_mw", offer(replacing: "lot_mw: 100", with: ""), line: 22, column: 5,
            path: "offers[0].lot_mw", "missing required key 'lot_mw'"),

        // Starts.
        .init(
            "missing starts", offer(replacing: "starts: [2026-01]", with: ""), line: 22, column: 5,
            path: "offers[0].starts", "missing required key 'starts'"),
        .init(
            "starts as one month", starts("2026-01"), line: 26, column: 13, path: "offers[0].starts",
            "expected start months (a list of months, or {earliest, latest, step_months}), found '2026-01'"),
        .init(
            "empty starts", starts("[]"), line: 26, column: 13, path: "offers[0].starts",
            "expected a list of start months with at least one entry, found an empty list"),
        .init(
            "starts not increasing", starts("[2026-07, 2026-01]"), line: 26, column: 23, path: "offers[0].starts[1]",
            "starts must be strictly increasing: 2026-01 does not come after 2026-07"),
        .init(
            "a start twice", starts("[2026-01, 2026-01]"), line: 26, column: 23, path: "offers[0].starts[1]",
            "starts must be strictly increasing: 2026-01 does not come after 2026-01"),
        .init(
            "a start after the horizon", starts("[2026-01, 2028-01]"), line: 26, column: 23,
            path: "offers[0].starts[1]", "start 2028-01 is outside the horizon 2026-01…2027-12"),
        .init(
            "a start before the horizon", starts("[2025-06]"), line: 26, column: 14, path: "offers[0].starts[0]",
            "start 2025-06 is outside the horizon 2026-01…2027-12"),
        .init(
            "a start that is not a month", starts("[2026-13]"), line: 26, column: 14, path: "offers[0].starts[0]",
            "MM in 01…12"),
        .init(
            "range with latest before earliest", starts("{earliest: 2026-06, latest: 2026-01, step_months: 3}"),
            line: 26, column: 41, path: "offers[0].starts.latest", "latest 2026-01 is before earliest 2026-06"),
        .init(
            "range with step 0", starts("{earliest: 2026-01, latest: 2026-06, step_months: 0}"), line: 26,
            column: 63, path: "offers[0].starts.step_months", "expected a whole number in 1…1200, found 0"),
        .init(
            "range without step_months", starts("{earliest: 2026-01, latest: 2026-06}"), line: 26, column: 13,
            path: "offers[0].starts.step_months", "missing required key 'step_months'"),
        .init(
            "range with a misspelt key", starts("{earliest: 2026-01, latest: 2026-06, step_month: 3}"),
            line: 26, column: 50, path: "offers[0].starts.step_month",
            "unknown key 'step_month'; did you mean 'step_months'?"),
        .init(
            "range starting before the horizon", starts("{earliest: 2025-01, latest: 2026-06, step_months: 3}"),
            line: 26, column: 24, path: "offers[0].starts.earliest",
            "earliest 2025-01 is outside the horizon 2026-01…2027-12"),
        .init(
            "range ending after the horizon", starts("{earliest: 2026-01, latest: 2028-06, step_months: 3}"),
            line: 26, column: 41, path: "offers[0].starts.latest",
            "latest 2028-06 is outside the horizon 2026-01…2027-12"),

        // Schedule.
        .init(
            "lead time not whole", offer(adding: "lead_time_months: 2.5"), line: 28, column: 23,
            path: "offers[0].lead_time_months", "expected a whole number in 0…1200, found 2.5"),
        .init(
            "lead time negative", offer(adding: "lead_time_months: -3"), line: 28, column: 23,
            path: "offers[0].lead_time_months", "expected a whole number in 0…1200, found -3"),
        .init(
            "one start that can never arrive", offer(adding: "lead_time_months: 24"), line: 28, column: 23,
            path: "offers[0].lead_time_months",
            "offer 'o1' can never arrive in the horizon: start 2026-01 + lead 24 months arrives 2028-01, after the "
                + "horizon end 2027-12"),
        .init(
            "several starts that can never arrive",
            OfferFixtures.withOffer(
                "lot_mw: 100\nmax_lots: 2\nstarts: [2027-06, 2027-09]\nprice_usd_per_mw_month: 1\nlead_time_months: 7"),
            line: 28, column: 23, path: "offers[0].lead_time_months",
            "offer 'o1' can never arrive in the horizon: starts 2027-06…2027-09 + lead 7 months arrive "
                + "2028-01…2028-04, after the horizon end 2027-12"),
        .init(
            "bad delay", offer(adding: "delay_months: pert(5, 3, 9)"), line: 28, column: 19,
            path: "offers[0].delay_months", "min ≤ mode ≤ max"),
        .init(
            "negative ramp", offer(adding: "ramp_months: -1"), line: 28, column: 18, path: "offers[0].ramp_months",
            "expected a number ≥ 0, found -1"),
        .init(
            "term 0", offer(adding: "term_months: 0"), line: 28, column: 18, path: "offers[0].term_months",
            "expected a whole number in 1…1200, found 0"),

        // Price and terms.
        .init(
            "no price", offer(replacing: "price_usd_per_mw_month: 1.0e+6", with: ""), line: 22, column: 5,
            path: "offers[0]",
            "expected exactly one of 'price_usd_per_mw_month', 'price_usd_per_accelerator_hour', "
                + "'total_value_usd_per_lot', found none"),
        .init(
            "two prices", offer(adding: "total_value_usd_per_lot: 5.0e+9\nterm_months: 12"), line: 28, column: 5,
            path: "offers[0].total_value_usd_per_lot",
            "found 'price_usd_per_mw_month' and 'total_value_usd_per_lot'"),
        .init(
            "negative price", offer(replacing: "price_usd_per_mw_month: 1.0e+6", with: "price_usd_per_mw_month: -1"),
            line: 27, column: 29, path: "offers[0].price_usd_per_mw_month", "expected a number ≥ 0, found -1"),
        .init(
            "per-hour price without an accelerator",
            offer(replacing: "price_usd_per_mw_month: 1.0e+6", with: "price_usd_per_accelerator_hour: 2.5"),
            line: 27, column: 5, path: "offers[0].accelerator", "price_usd_per_accelerator_hour needs 'accelerator'"),
        .init(
            "total value per lot without a term",
            offer(replacing: "price_usd_per_mw_month: 1.0e+6", with: "total_value_usd_per_lot: 5.0e+9"),
            line: 27, column: 5, path: "offers[0].term_months", "total_value_usd_per_lot needs 'term_months'"),
        .init(
            "take_or_pay above 1", offer(adding: "take_or_pay: 1.5"), line: 28, column: 18,
            path: "offers[0].take_or_pay", "expected a number in [0, 1], found 1.5"),
        .init(
            "unknown workload", offer(adding: "workloads: [trainin]"), line: 28, column: 17,
            path: "offers[0].workloads[0]", "unknown workload 'trainin'; did you mean 'training'?"),
        .init(
            "empty workloads", offer(adding: "workloads: []"), line: 28, column: 16, path: "offers[0].workloads",
            "at least one entry"),
        .init(
            "unknown accelerator", offer(adding: "accelerator: acx"), line: 28, column: 18,
            path: "offers[0].accelerator", "unknown accelerator 'acx'; did you mean 'acc'?"),
        .init(
            "unknown region", offer(adding: "region: r2"), line: 28, column: 13, path: "offers[0].region",
            "unknown region 'r2'; did you mean 'r1'?"),
        .init(
            "counts_as_holder not a boolean", offer(adding: "counts_as_holder: maybe"), line: 28, column: 23,
            path: "offers[0].counts_as_holder", "expected true or false, found 'maybe'"),

        // The offer as a whole.
        .init(
            "unknown provider",
            OfferFixtures.withOffer(OfferFixtures.okBody).replacingOccurrences(
                of: "    provider: azure\n", with: "    provider: azur\n"), line: 23, column: 15,
            path: "offers[0].provider", "unknown provider 'azur'; did you mean 'azure'?"),
        .init(
            "duplicate offer id", OfferFixtures.withOffer(OfferFixtures.okBody) + "  - id: o1\n",
            line: 28, column: 9, path: "offers[1].id", "duplicate offer id 'o1' (first defined at line 22)"),
        .init(
            "misspelt offer key", offer(adding: "lead_time_month: 3"), line: 28, column: 5,
            path: "offers[0].lead_time_month", "unknown key 'lead_time_month'; did you mean 'lead_time_months'?"),
        .init(
            "offers not a list", Fixtures.minimal + "offers: {id: o1}\n", line: 14, column: 9, path: "offers",
            "expected a list of offers (a list), found a mapping"),

        // Optimization.
        .init(
            "penalty 0", optimization("penalty_usd_per_mw_month: 0"), line: 29, column: 29,
            path: "optimization.penalty_usd_per_mw_month", "expected a number > 0, found 0"),
        .init(
            "penalty for an unknown workload", optimization("penalty_usd_per_mw_month: {trainin: 2.0e+6}"), line: 29,
            column: 30, path: "optimization.penalty_usd_per_mw_month.trainin",
            "unknown workload 'trainin'; did you mean 'training'?"),
        .init(
            "negative penalty for one workload", optimization("penalty_usd_per_mw_month: {training: -1}"), line: 29,
            column: 40, path: "optimization.penalty_usd_per_mw_month.training", "expected a number > 0, found -1"),
        .init(
            "penalty as a list", optimization("penalty_usd_per_mw_month: [2.0e+6]"), line: 29, column: 29,
            path: "optimization.penalty_usd_per_mw_month",
            "expected a number > 0 for every workload, or a mapping workload → number, found a list"),
        .init(
            "cap that is not a budget cap", optimization("caps: [cap2]"), line: 29, column: 10,
            path: "optimization.caps[0]", "unknown budget 'cap2'; did you mean 'cap1'?"),
        .init(
            "cvar without alpha", optimization("caps: [{cap: cap1, on: cvar}]"), line: 29, column: 10,
            path: "optimization.caps[0].alpha", "missing required key 'alpha'"),
        .init(
            "alpha 1", optimization("caps: [{cap: cap1, on: cvar, alpha: 1}]"), line: 29, column: 39,
            path: "optimization.caps[0].alpha", "expected a number in (0, 1), found 1"),
        .init(
            "alpha 0", optimization("caps: [{cap: cap1, on: cvar, alpha: 0}]"), line: 29, column: 39,
            path: "optimization.caps[0].alpha", "expected a number in (0, 1), found 0"),
        .init(
            "alpha on expected spend", optimization("caps: [{cap: cap1, alpha: 0.9}]"), line: 29, column: 22,
            path: "optimization.caps[0].alpha", "'alpha' applies only to on: cvar"),
        .init(
            "unknown measure", optimization("caps: [{cap: cap1, on: worst}]"), line: 29, column: 26,
            path: "optimization.caps[0].on", "expected one of expected, cvar, found 'worst'"),
        .init(
            "cap listed twice", optimization("caps: [cap1, {cap: cap1, on: expected}]"), line: 29, column: 16,
            path: "optimization.caps[1]", "cap 'cap1' is listed twice the same way (first at line 29)"),
        .init(
            "cap as a list", optimization("caps: [[cap1]]"), line: 29, column: 10, path: "optimization.caps[0]",
            "expected a budget cap id or {cap, on, alpha}, found a list"),
        .init(
            "share 0", optimization("max_provider_share: 0"), line: 29, column: 23,
            path: "optimization.max_provider_share", "expected a number in (0, 1], found 0"),
        .init(
            "share above 1 for one provider", optimization("max_provider_share: {azure: 1.5}"), line: 29, column: 31,
            path: "optimization.max_provider_share.azure", "expected a number in (0, 1], found 1.5"),
        .init(
            "share for an unknown provider", optimization("max_provider_share: {azur: 0.5}"), line: 29, column: 24,
            path: "optimization.max_provider_share.azur", "unknown provider 'azur'; did you mean 'azure'?"),
        .init(
            "misspelt optimization key", optimization("penalty_usd_per_mwmonth: 2.0e+6"), line: 29, column: 3,
            path: "optimization.penalty_usd_per_mwmonth", "did you mean 'penalty_usd_per_mw_month'?"),
        .init(
            "optimization as a list", Fixtures.minimal + "optimization: [caps]\n", line: 14, column: 15,
            path: "optimization", "expected optimization settings (a mapping), found a list"),
    ]
}

@Suite("Malformed offers and optimization settings")
struct OfferMalformedTests {
    @Test("each malformed offer or setting gives a located, explained diagnostic", arguments: MalformedCase.offers)
    func malformed(input: MalformedCase) throws {
        let diagnostics = Fixtures.diagnostics(input.text, file: "bad.yaml")
        let matching = diagnostics.filter { $0.path == input.path && $0.message.contains(input.fragment) }
        let diagnostic = try #require(
            matching.first,
            "no diagnostic at \(input.path) with '\(input.fragment)'; got:\n\(ScenarioError(diagnostics: diagnostics))")
        #expect(diagnostic.line == input.line, "\(diagnostic)")
        if let column = input.column {
            #expect(diagnostic.column == column, "\(diagnostic)")
        }
        let prefix = "bad.yaml:\(diagnostic.line):\(diagnostic.column): error: "
        #expect(diagnostic.description == prefix + input.path + ": " + diagnostic.message)
    }

    @Test("the valid base of the table reads")
    func baseReads() throws {
        _ = try ScenarioReader.parse(OfferFixtures.withOffer(OfferFixtures.okBody), file: "ok.yaml")
        _ = try ScenarioReader.parse(OfferFixtures.withOptimization("caps: [cap1]"), file: "ok.yaml")
    }
}
