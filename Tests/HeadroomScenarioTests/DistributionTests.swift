import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

/// One distribution written three ways: inline, as a mapping, and the value both must give.
struct DistributionForms: Sendable, CustomTestStringConvertible {
    let inline: String
    let mapping: String
    let expected: Distribution

    var testDescription: String { inline }

    static let all: [DistributionForms] = [
        .init(inline: "fixed(2.5)", mapping: "{fixed: 2.5}", expected: .fixed(2.5)),
        .init(inline: "uniform(1, 4)", mapping: "{uniform: {min: 1, max: 4}}", expected: .uniform(min: 1, max: 4)),
        .init(
            inline: "triangular(0, 3, 12)", mapping: "{triangular: {min: 0, mode: 3, max: 12}}",
            expected: .triangular(min: 0, mode: 3, max: 12)),
        .init(
            inline: "pert(0, 3, 9)", mapping: "{pert: {min: 0, mode: 3, max: 9}}",
            expected: .pert(min: 0, mode: 3, max: 9)),
        .init(
            inline: "normal(-1.5, 0.25)", mapping: "{normal: {mean: -1.5, sd: 0.25}}",
            expected: .normal(mean: -1.5, sd: 0.25)),
        .init(
            inline: "lognormal(2, 0.5)", mapping: "{lognormal: {median: 2, sigma: 0.5}}",
            expected: .lognormal(median: 2, sigma: 0.5)),
        .init(
            inline: "shifted_lognormal(-1.5, 4, 0.6)",
            mapping: "{shifted_lognormal: {shift: -1.5, median: 4, sigma: 0.6}}",
            expected: .shiftedLognormal(shift: -1.5, median: 4, sigma: 0.6)),
        .init(inline: "bernoulli(0.3)", mapping: "{bernoulli: {p: 0.3}}", expected: .bernoulli(p: 0.3)),
        .init(
            inline: "discrete([0, 0.7], [6, 0.3])",
            mapping: "{discrete: [{value: 0, weight: 0.7}, {value: 6, weight: 0.3}]}",
            expected: .discrete([DiscreteOutcome(value: 0, weight: 0.7), DiscreteOutcome(value: 6, weight: 0.3)])),
    ]
}

@Suite("Distributions")
struct DistributionTests {
    /// The delay of the single phase of a scenario whose phase has `delay_months: text`.
    static func delay(_ text: String) throws -> Distribution {
        let scenario = try ScenarioReader.parse(
            Fixtures.withPhase("it_mw: 10\nplanned: 2026-03\ndelay_months: \(text)"), file: "d.yaml")
        return try #require(scenario.campuses.first?.phases.first?.delayMonths)
    }

    @Test("inline and mapping forms give the same value", arguments: DistributionForms.all)
    func inlineEqualsMapping(forms: DistributionForms) throws {
        let inline = try Self.delay(forms.inline)
        let mapping = try Self.delay(forms.mapping)
        #expect(inline == forms.expected)
        #expect(mapping == forms.expected)
        // The block-style mapping form too.
        let block = forms.mapping.dropFirst().dropLast()
        let (family, rest) = (block.prefix { $0 != ":" }, block.drop { $0 != ":" }.dropFirst())
        #expect(try Self.delay("\n  \(family):\(rest)") == forms.expected)
    }

    @Test(
        "inline forms tolerate whitespace and number spellings",
        arguments: [
            ("pert( 0 ,3,  9 )", Distribution.pert(min: 0, mode: 3, max: 9)),
            ("  pert(0,3,9)", .pert(min: 0, mode: 3, max: 9)),
            ("\"pert(0, 3, 9)\"", .pert(min: 0, mode: 3, max: 9)),
            ("uniform(1_0, 2e1)", .uniform(min: 10, max: 20)),
            ("discrete( [ 0 , 1 ] )", .discrete([DiscreteOutcome(value: 0, weight: 1)])),
            ("7", .fixed(7)),
            ("-2", .fixed(-2)),
        ])
    func whitespaceTolerant(text: String, expected: Distribution) throws {
        #expect(try Self.delay(text) == expected)
    }

    @Test("a command-line distribution reads like the file's inline form", arguments: DistributionForms.all)
    func commandLine(_ form: DistributionForms) throws {
        #expect(try ScenarioReader.distribution(inline: " \(form.inline) ") == form.expected)
    }

    @Test("a command-line distribution that does not read says why")
    func commandLineErrors() throws {
        #expect(try ScenarioReader.distribution(inline: "3.5") == .fixed(3.5))
        #expect(throws: DistributionSyntaxError(message: "lognormal needs median > 0, got 0.0")) {
            try ScenarioReader.distribution(inline: "lognormal(0, 1)")
        }
        #expect(throws: DistributionSyntaxError.self) { try ScenarioReader.distribution(inline: "pret(0, 1, 2)") }
    }

    @Test("lognormal {mean, sd} converts to median and sigma")
    func lognormalMoments() throws {
        let value = try Self.delay("{lognormal: {mean: 10, sd: 5}}")
        guard case .lognormal(let median, let sigma) = value else {
            Issue.record("expected a lognormal, got \(value)")
            return
        }
        // sigma² = ln(1 + (sd/mean)²) = ln 1.25, median = mean / sqrt(1.25).
        #expect(abs(sigma * sigma - log(1.25)) < 1e-12)
        #expect(abs(median - 10 / 1.25.squareRoot()) < 1e-12)
        // The mean of that lognormal is median · exp(sigma²/2) = 10 again.
        #expect(abs(median * exp(sigma * sigma / 2) - 10) < 1e-9)
    }

    @Test(
        "bad distributions are located and explained",
        arguments: [
            ("pert(5, 3, 9)", "min ≤ mode ≤ max"),
            ("pret(0, 1, 2)", "did you mean 'pert'?"),
            ("pert(1, 2)", "pert takes 3 numbers (min, mode, max), found 2"),
            ("pert(0, 1, 2", "expected ',' or ')'"),
            ("pert(0, 1, 2) x", "after the closing ')'"),
            ("normal(0, nan)", "NaN is not allowed"),
            ("uniform(0, inf)", "infinity is not allowed"),
            ("uniform(0, 1e999)", "out of range"),
            ("lognormal(-1, 1)", "median > 0"),
            ("shifted_lognormal(-1, 0, 1)", "shifted_lognormal needs median > 0"),
            ("shifted_lognormal(1, 2)", "shifted_lognormal takes 3 numbers (shift, median, sigma), found 2"),
            ("shifted_lognormal(0, 2, -1)", "sigma ≥ 0"),
            ("bernoulli(1.5)", "0 ≤ p ≤ 1"),
            ("discrete()", "at least one outcome"),
            ("discrete([1, -1])", "weight must be a finite number ≥ 0"),
            ("discrete([1, 2, 3])", "expected ']'"),
            ("{pert: {min: 0, mode: 3}}", "missing required key 'max'"),
            ("{pert: {min: 0, mode: 3, max: 9}, fixed: 1}", "exactly one key"),
            ("{lognormal: {median: 2, sd: 1}}", "either {median, sigma} or {mean, sd}"),
            ("{lognormal: {mean: -2, sd: 1}}", "expected a number > 0, found -2"),
            ("{gamma: {k: 1}}", "unknown key 'gamma'"),
            ("true", "expected a distribution"),
            ("[1, 2]", "expected a distribution"),
            (".nan", "NaN is not allowed"),
        ])
    func badDistributions(text: String, fragment: String) throws {
        let diagnostics = Fixtures.diagnostics(Fixtures.withPhase("it_mw: 10\nplanned: 2026-03\ndelay_months: \(text)"))
        let diagnostic = try #require(diagnostics.first, "no diagnostic for \(text)")
        #expect(diagnostic.line == 21, "\(diagnostic)")
        #expect(diagnostic.path.hasPrefix("campuses[0].phases[0].delay_months"), "\(diagnostic)")
        #expect(diagnostic.message.contains(fragment), "\(diagnostic)")
    }

    @Test("appetite and lead time must never be negative")
    func nonNegativeDistributions() throws {
        let text = Fixtures.replacing(
            "    kind: hyperscaler", with: "    kind: hyperscaler\n    appetite_mw_per_year: normal(100, 50)")
        let diagnostic = try #require(Fixtures.diagnostics(text).first)
        #expect(diagnostic.path == "providers[0].appetite_mw_per_year")
        #expect(diagnostic.message.contains("never negative"))
        #expect(diagnostic.line == 9 && diagnostic.column == 27)
    }
}
