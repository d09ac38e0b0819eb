import HeadroomModel
import Testing

/// `discrete` outcomes from `(value, weight)` pairs.
private func discrete(_ pairs: (Double, Double)...) -> Distribution {
    .discrete(pairs.map { DiscreteOutcome(value: $0.0, weight: $0.1) })
}

@Suite("Distribution")
struct DistributionTests {
    // MARK: Kind

    @Test(
        "kind is the family name the scenario format uses",
        arguments: [
            (Distribution.fixed(1), "fixed"),
            (.uniform(min: 0, max: 1), "uniform"),
            (.triangular(min: 0, mode: 1, max: 2), "triangular"),
            (.pert(min: 0, mode: 1, max: 2), "pert"),
            (.normal(mean: 0, sd: 1), "normal"),
            (.lognormal(median: 1, sigma: 1), "lognormal"),
            (.shiftedLognormal(shift: -1, median: 1, sigma: 1), "shifted_lognormal"),
            (.bernoulli(p: 0.5), "bernoulli"),
            (.discrete([]), "discrete"),
        ]
    )
    func kind(_ distribution: Distribution, _ expected: String) {
        #expect(distribution.kind == expected)
    }

    // MARK: Bounds

    @Test(
        "lowerBound and upperBound: finite supports, unbounded tails and degenerate parameters",
        arguments: [
            (Distribution.fixed(4), 4.0, 4.0),
            (.fixed(-1.5), -1.5, -1.5),
            (.uniform(min: 1, max: 5), 1, 5),
            (.triangular(min: 0, mode: 2, max: 10), 0, 10),
            (.pert(min: -2, mode: 1, max: 9), -2, 9),
            (.normal(mean: 5, sd: 2), nil, nil),
            (.normal(mean: 5, sd: 0), 5, 5),  // sd 0 is a point mass at the mean
            (.lognormal(median: 100, sigma: 0.5), 0, nil),
            (.lognormal(median: 100, sigma: 0), 0, 100),  // sigma 0: always the median, the lower bound stays 0
            (.shiftedLognormal(shift: -2, median: 3, sigma: 0.5), -2, nil),
            (.shiftedLognormal(shift: -2, median: 3, sigma: 0), 1, 1),  // sigma 0: always shift + median
            (.bernoulli(p: 0.3), 0, 1),
            (.bernoulli(p: 0), 0, 0),  // never 1
            (.bernoulli(p: 1), 0, 1),
            (discrete((3, 1), (-2, 1), (7, 0)), -2, 7),  // zero-weight outcomes still count towards the bounds
            (discrete((6, 0.3)), 6, 6),
            (.discrete([]), nil, nil),
        ] as [(Distribution, Double?, Double?)]
    )
    func bounds(_ distribution: Distribution, lower: Double?, upper: Double?) {
        #expect(distribution.lowerBound == lower)
        #expect(distribution.upperBound == upper)
    }

    @Test(
        "isNonNegative holds only when no draw can be below zero",
        arguments: [
            (Distribution.fixed(0), true),
            (.fixed(-1), false),
            (.uniform(min: 0, max: 5), true),
            (.uniform(min: -1, max: 5), false),
            (.triangular(min: 0, mode: 1, max: 2), true),
            (.triangular(min: -0.1, mode: 1, max: 2), false),
            (.pert(min: 0, mode: 3, max: 9), true),
            (.pert(min: -3, mode: 0, max: 9), false),
            (.normal(mean: 5, sd: 0), true),
            (.normal(mean: 5, sd: 1), false),  // any sd > 0 reaches below zero
            (.normal(mean: -1, sd: 0), false),
            (.lognormal(median: 1, sigma: 2), true),
            (.shiftedLognormal(shift: 0, median: 1, sigma: 2), true),
            (.shiftedLognormal(shift: -0.5, median: 1, sigma: 2), false),
            (.bernoulli(p: 0.5), true),
            (discrete((0, 1), (5, 1)), true),
            (discrete((5, 1), (-1, 0)), false),  // even with zero weight
            (.discrete([]), true),
        ]
    )
    func nonNegative(_ distribution: Distribution, _ expected: Bool) {
        #expect(distribution.isNonNegative == expected)
    }

    // MARK: Parameter checks

    @Test(
        "well-formed parameters have no problems, including degenerate ones",
        arguments: [
            Distribution.fixed(0),
            .fixed(-3),
            .uniform(min: 0, max: 0),
            .uniform(min: -5, max: 5),
            .triangular(min: 0, mode: 0, max: 0),
            .triangular(min: 0, mode: 0, max: 4),
            .triangular(min: 0, mode: 4, max: 4),
            .pert(min: 0, mode: 3, max: 9),
            .pert(min: 2, mode: 2, max: 2),
            .normal(mean: 0, sd: 0),
            .normal(mean: -2, sd: 1.5),
            .lognormal(median: 100, sigma: 0),
            .lognormal(median: 0.001, sigma: 2),
            .bernoulli(p: 0),
            .bernoulli(p: 1),
            .bernoulli(p: 0.25),
            discrete((0, 0.7), (6, 0.3)),
            discrete((-1, 0), (1, 1)),  // a zero weight is fine while the total is positive
        ]
    )
    func wellFormed(_ distribution: Distribution) {
        #expect(distribution.parameterProblems == [])
    }

    @Test(
        "malformed parameters are reported one sentence per problem",
        arguments: [
            (Distribution.fixed(.nan), ["value must be a finite number, got nan"]),
            (.fixed(.infinity), ["value must be a finite number, got inf"]),
            (.uniform(min: 5, max: 1), ["uniform needs min ≤ max, got min 5.0 > max 1.0"]),
            (.uniform(min: -.infinity, max: 1), ["min must be a finite number, got -inf"]),
            (
                .uniform(min: .nan, max: .infinity),
                ["min must be a finite number, got nan", "max must be a finite number, got inf"]
            ),
            (.triangular(min: 0, mode: 5, max: 3), ["triangular needs min ≤ mode ≤ max, got 0.0, 5.0, 3.0"]),
            (.triangular(min: 1, mode: 0, max: 3), ["triangular needs min ≤ mode ≤ max, got 1.0, 0.0, 3.0"]),
            (.pert(min: 4, mode: 3, max: 9), ["pert needs min ≤ mode ≤ max, got 4.0, 3.0, 9.0"]),
            (.pert(min: 0, mode: 10, max: 9), ["pert needs min ≤ mode ≤ max, got 0.0, 10.0, 9.0"]),
            (.pert(min: 9, mode: 3, max: 0), ["pert needs min ≤ mode ≤ max, got 9.0, 3.0, 0.0"]),
            (
                .pert(min: 0, mode: .nan, max: 9),
                ["mode must be a finite number, got nan", "pert needs min ≤ mode ≤ max, got 0.0, nan, 9.0"]
            ),
            (
                .pert(min: 0, mode: 3, max: .infinity),
                ["max must be a finite number, got inf"]  // still ordered, so only the finiteness problem
            ),
            (.normal(mean: 0, sd: -1), ["normal needs sd ≥ 0, got -1.0"]),
            (.normal(mean: .infinity, sd: 1), ["mean must be a finite number, got inf"]),
            (.normal(mean: 0, sd: .nan), ["sd must be a finite number, got nan"]),
            (.lognormal(median: 0, sigma: 0.5), ["lognormal needs median > 0, got 0.0"]),
            (
                .lognormal(median: -1, sigma: -0.5),
                ["lognormal needs median > 0, got -1.0", "lognormal needs sigma ≥ 0, got -0.5"]
            ),
            (
                .lognormal(median: .nan, sigma: 0),
                ["median must be a finite number, got nan", "lognormal needs median > 0, got nan"]
            ),
            (.lognormal(median: 1, sigma: .infinity), ["sigma must be a finite number, got inf"]),
            (.bernoulli(p: 1.5), ["bernoulli needs 0 ≤ p ≤ 1, got 1.5"]),
            (.bernoulli(p: -0.1), ["bernoulli needs 0 ≤ p ≤ 1, got -0.1"]),
            (.bernoulli(p: .nan), ["bernoulli needs 0 ≤ p ≤ 1, got nan"]),
            (.discrete([]), ["discrete needs at least one outcome"]),
            (discrete((0, 0), (1, 0)), ["discrete needs weights that sum to more than 0"]),
            (discrete((0, -1), (1, 2)), ["outcomes[0].weight must be a finite number ≥ 0, got -1.0"]),
            (
                discrete((0, -1), (1, 0.5)),
                [
                    "outcomes[0].weight must be a finite number ≥ 0, got -1.0",
                    "discrete needs weights that sum to more than 0",
                ]
            ),
            (discrete((.nan, 1)), ["outcomes[0].value must be a finite number, got nan"]),
            (discrete((1, 1), (2, .infinity)), ["outcomes[1].weight must be a finite number ≥ 0, got inf"]),
            (
                discrete((1, 1), (2, .nan)),
                [
                    "outcomes[1].weight must be a finite number ≥ 0, got nan",
                    "discrete needs weights that sum to more than 0",
                ]
            ),
        ]
    )
    func malformed(_ distribution: Distribution, _ expected: [String]) {
        #expect(distribution.parameterProblems == expected)
    }

    // MARK: Value semantics

    @Test("cases with equal parameters are equal; a different family or parameter is not")
    func equality() {
        #expect(Distribution.pert(min: 0, mode: 3, max: 9) == .pert(min: 0, mode: 3, max: 9))
        #expect(Distribution.pert(min: 0, mode: 3, max: 9) != .triangular(min: 0, mode: 3, max: 9))
        #expect(Distribution.pert(min: 0, mode: 3, max: 9) != .pert(min: 0, mode: 4, max: 9))
        #expect(discrete((0, 0.7), (6, 0.3)) == discrete((0, 0.7), (6, 0.3)))
        #expect(discrete((0, 0.7), (6, 0.3)) != discrete((6, 0.3), (0, 0.7)))  // order is part of the value
        #expect(Set([Distribution.fixed(1), .fixed(1), .bernoulli(p: 1)]).count == 2)
    }
}

@Suite("Distribution inline text")
struct DistributionInlineTextTests {
    @Test(
        "inlineText writes every family as kind(arguments) with exact numbers",
        arguments: [
            (Distribution.fixed(3), "fixed(3)"),
            (.fixed(-0.5), "fixed(-0.5)"),
            (.fixed(0), "fixed(0)"),
            (.uniform(min: 0, max: 12), "uniform(0, 12)"),
            (.uniform(min: -1.5, max: 2.25), "uniform(-1.5, 2.25)"),
            (.triangular(min: -1, mode: 0.5, max: 4), "triangular(-1, 0.5, 4)"),
            (.pert(min: 0, mode: 3, max: 9), "pert(0, 3, 9)"),
            (.pert(min: 0.5, mode: 1.25, max: 18), "pert(0.5, 1.25, 18)"),
            (.normal(mean: 0.25, sd: 0.1), "normal(0.25, 0.1)"),
            (.normal(mean: -3, sd: 0), "normal(-3, 0)"),
            (.lognormal(median: 100, sigma: 0.5), "lognormal(100, 0.5)"),
            (.bernoulli(p: 0.3), "bernoulli(0.3)"),
            (.bernoulli(p: 1), "bernoulli(1)"),
            (discrete((0, 0.7), (6, 0.3)), "discrete([0, 0.7], [6, 0.3])"),
            (discrete((-2.5, 1)), "discrete([-2.5, 1])"),
            (discrete((0, 1), (3, 1), (12, 2)), "discrete([0, 1], [3, 1], [12, 2])"),
            (.discrete([]), "discrete()"),
            (.fixed(1e15), "fixed(1000000000000000.0)"),  // from 10¹⁵ on, Swift's own form
            (.uniform(min: 450_000_000_000, max: 1e16), "uniform(450000000000, 1e+16)"),
            (.fixed(-0.0), "fixed(-0.0)"),
            (.normal(mean: .nan, sd: .infinity), "normal(nan, inf)"),
        ]
    )
    func inlineText(_ distribution: Distribution, _ expected: String) {
        #expect(distribution.inlineText == expected)
    }

    static let numbers: [(Double, String)] = [
        (0, "0"),
        (-0.0, "-0.0"),  // keeps the sign of negative zero
        (1, "1"),
        (3, "3"),
        (-2, "-2"),
        (0.5, "0.5"),
        (0.1, "0.1"),
        (-0.25, "-0.25"),
        (123.456, "123.456"),
        (0.1 + 0.2, "0.30000000000000004"),  // shortest form that reads back bit-identical
        (1e-5, "1e-05"),
        (450_000_000_000, "450000000000"),
        (999_999_999_999_999, "999999999999999"),  // the largest whole number written without an exponent
        // From 10¹⁵ on, Swift's own `description`: positional with `.0` below 2⁵³, exponential above.
        (1e15, "1000000000000000.0"),
        (-1e15, "-1000000000000000.0"),
        (2.5e15, "2500000000000000.0"),
        (1e16, "1e+16"),
        (-2.5e16, "-2.5e+16"),
        (1e300, "1e+300"),
        (.infinity, "inf"),
        (-.infinity, "-inf"),
        (.nan, "nan"),
    ]

    @Test("inlineNumber writes whole numbers without .0 and others in shortest round-trip form", arguments: numbers)
    func inlineNumber(_ value: Double, _ expected: String) {
        #expect(Distribution.inlineNumber(value) == expected)
    }

    @Test("inlineNumber reads back bit-identical for finite values", arguments: numbers.map(\.0).filter(\.isFinite))
    func inlineNumberRoundTrips(_ value: Double) throws {
        let back = try #require(Double(Distribution.inlineNumber(value)))
        #expect(back.bitPattern == value.bitPattern)
    }
}
