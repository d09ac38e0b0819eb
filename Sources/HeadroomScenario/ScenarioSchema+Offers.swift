import HeadroomModel

extension ScenarioSchema {
    // MARK: Offers and optimization

    /// The definitions of `offers` and `optimization`: offer, offerStarts, optimization and capToKeep.
    static var offerDefinitions: [(String, Tree)] {
        [("offer", offer), ("offerStarts", offerStarts), ("optimization", optimization), ("capToKeep", capToKeep)]
    }

    private static var offer: Tree {
        let prices = ScenarioReader.Context.offerPriceKeys
        let maximum = ScenarioReader.Context.maximumOfferMonths
        func needs(_ key: String, _ other: String) -> Tree {
            .map([
                ("if", .map([("required", .list([.string(key)]))])),
                ("then", .map([("required", .list([.string(other)]))])),
            ])
        }
        return object(
            "Capacity a provider offers that the buyer may still sign, in lots, for one of several start months.",
            required: ["id", "provider", "lot_mw", "max_lots", "starts"],
            [
                ("id", ref("id")), ("name", text("Readable name.")), ("provider", ref("id", "Provider id.")),
                ("lot_mw", number("IT MW per lot.", exclusiveMinimum: 0)),
                ("min_lots", integer("Fewest lots if it is taken at all (default 0).", minimum: 0)),
                ("max_lots", integer("Most lots (at least min_lots).", minimum: 1)),
                ("starts", ref("offerStarts")),
                (
                    "lead_time_months",
                    integer("Months from the start to planned first power (default 0).", minimum: 0, maximum: maximum)
                ),
                ("delay_months", ref("distribution", "Delay in months, on the provider's factor (default 0).")),
                ("ramp_months", number("Months from first power to full capacity (default 0).", minimum: 0)),
                (
                    "term_months",
                    integer(
                        "Months of service from first power (default: to the end of the horizon).", minimum: 1,
                        maximum: maximum)
                ),
                ("price_usd_per_mw_month", number("USD per IT MW-month.", minimum: 0)),
                ("price_usd_per_accelerator_hour", number("USD per accelerator-hour (needs accelerator).", minimum: 0)),
                ("total_value_usd_per_lot", number("Total value of one lot, USD (needs term_months).", minimum: 0)),
                ("take_or_pay", number("Fraction paid whether used or not (default 1).", minimum: 0, maximum: 1)),
                ("workloads", idList("workload", "Workloads it may serve (default all).")),
                ("accelerator", ref("id", "Accelerator id.")), ("region", ref("id", "Region id.")),
                (
                    "counts_as_holder",
                    .map([
                        ("type", .string("boolean")),
                        (
                            "description",
                            .string(
                                "Whether it counts as the ROFR holder's (default: when its provider is the holder).")
                        ),
                    ])
                ),
            ],
            extra: [
                (
                    "allOf",
                    .list([
                        .map([exactlyOne(prices)]),
                        needs("price_usd_per_accelerator_hour", "accelerator"),
                        needs("total_value_usd_per_lot", "term_months"),
                    ])
                )
            ])
    }

    private static var offerStarts: Tree {
        let range = object(
            "Every step_months from earliest through latest.", required: ["earliest", "latest", "step_months"],
            [
                ("earliest", ref("month", "First start.")), ("latest", ref("month", "No start after this month.")),
                (
                    "step_months",
                    integer(
                        "Months between starts.", minimum: 1, maximum: ScenarioReader.Context.maximumOfferMonths)
                ),
            ])
        let months: Tree = .map([
            ("type", .string("array")), ("description", .string("Start months, strictly increasing.")),
            ("items", ref("month")), ("minItems", .integer(1)), ("uniqueItems", .bool(true)),
        ])
        return .map([
            ("description", .string("The start months it may be signed for, inside the horizon.")),
            ("oneOf", .list([months, range])),
        ])
    }

    private static var optimization: Tree {
        object(
            "The optimizer's settings (headroom optimize); simulations ignore them.", required: [],
            [
                (
                    "penalty_usd_per_mw_month",
                    numberOrMapping(
                        "Penalty per unserved IT MW-month, USD: one for every workload, or per workload (others 2e6).",
                        number: ("exclusiveMinimum", .number(0)), nil)
                ),
                ("caps", list(ref("capToKeep"), "Budget caps the plan must keep.")),
                (
                    "max_provider_share",
                    numberOrMapping(
                        "Largest share of the new MW one provider may hold: for every provider, or per provider.",
                        number: ("exclusiveMinimum", .number(0)), ("maximum", .number(1)))
                ),
            ])
    }

    /// A number with the given bounds, or a mapping from ids to such numbers.
    private static func numberOrMapping(
        _ description: String, number lower: (String, Tree), _ upper: (String, Tree)?
    ) -> Tree {
        let value: Tree = .map([("type", .string("number")), lower] + (upper.map { [$0] } ?? []))
        let mapping: Tree = .map([
            ("type", .string("object")), ("propertyNames", ref("id")), ("additionalProperties", value),
        ])
        return .map([("description", .string(description)), ("oneOf", .list([value, mapping]))])
    }

    private static var capToKeep: Tree {
        let cvar: Tree = .map([
            ("properties", .map([("on", .map([("const", .string("cvar"))]))])), ("required", .list([.string("on")])),
        ])
        let kept = object(
            "A budget cap kept on the expected spend or on its CVaR.", required: ["cap"],
            [
                ("cap", ref("id", "Budget cap id.")),
                (
                    "on",
                    .map([
                        ("enum", .list([.string("expected"), .string("cvar")])),
                        ("description", .string("What must stay under the cap (default expected).")),
                    ])
                ),
                ("alpha", number("The CVaR level (on: cvar only).", exclusiveMinimum: 0, exclusiveMaximum: 1)),
            ],
            extra: [
                ("if", cvar), ("then", .map([("required", .list([.string("alpha")]))])),
                ("else", .map([("not", .map([("required", .list([.string("alpha")]))]))])),
            ])
        return .map([
            ("description", .string("A budget cap id (kept on expected spend), or {cap, on, alpha}.")),
            ("oneOf", .list([ref("id"), kept])),
        ])
    }
}
