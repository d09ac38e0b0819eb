import HeadroomModel

extension ScenarioSchema {
    // MARK: Entities

    static var entityDefinitions: [(String, Tree)] {
        [
            (
                "accelerator",
                object(
                    "An accelerator generation.", required: ["id", "it_watts_per_accelerator", "bf16_flops"],
                    [
                        ("id", ref("id")), ("name", text("Readable name.")),
                        ("available_from", ref("month", "First month it can be deployed.")),
                        ("it_watts_per_accelerator", number("All-in IT watts per accelerator.", exclusiveMinimum: 0)),
                        ("bf16_flops", number("Dense BF16 FLOP/s per accelerator.", minimum: 0)),
                        ("fp8_flops", number("Dense FP8 FLOP/s per accelerator.", minimum: 0)),
                        ("price_usd", number("Price per accelerator, USD.", minimum: 0)),
                        ("life_years", number("Useful life, years.", exclusiveMinimum: 0)),
                    ])
            ),
            (
                "provider",
                object(
                    "A supplier of capacity.", required: ["id", "kind"],
                    [
                        ("id", ref("id")), ("name", text("Readable name.")),
                        (
                            "kind",
                            .map([
                                ("enum", .list(ProviderKind.allCases.map { .string($0.rawValue) })),
                                ("description", .string("What kind of supplier it is.")),
                            ])
                        ),
                        ("appetite_mw_per_year", ref("nonNegativeDistribution", "Most new IT MW a year it takes on.")),
                        (
                            "new_capacity_price_usd_per_mw_month",
                            number("Price for new capacity, USD per IT MW-month.", minimum: 0)
                        ),
                        (
                            "lead_time_months",
                            ref("nonNegativeDistribution", "Months from request to planned delivery.")
                        ),
                    ])
            ),
            (
                "campus",
                object(
                    "A campus of one provider, delivered in phases.", required: ["id", "provider", "phases"],
                    [
                        ("id", ref("id")), ("name", text("Readable name.")),
                        ("provider", ref("id", "Provider id.")), ("region", ref("id", "Region id.")),
                        ("pue", number("Power usage effectiveness (default 1.2).", minimum: 1)),
                        ("phases", list(ref("phase"), "Phases in delivery order.", minItems: 1)),
                    ])
            ),
            (
                "phase",
                object(
                    "One phase of a campus.", required: ["id", "planned"],
                    [
                        ("id", ref("id", "Unique within the campus.")),
                        ("it_mw", number("IT MW.", exclusiveMinimum: 0)),
                        ("facility_mw", number("Facility MW (divided by the PUE).", exclusiveMinimum: 0)),
                        ("accelerator", ref("id", "Accelerator id.")),
                        ("planned", ref("month", "Planned month it starts to come online.")),
                        ("ramp_months", number("Months to full capacity (default 0).", minimum: 0)),
                        ("delay_months", ref("distribution", "Delay in months (default 0; negative means early).")),
                    ], extra: [exactlyOne(["it_mw", "facility_mw"])])
            ),
            (
                "block",
                object(
                    "A generic block of contracted capacity.", required: ["mw", "from"],
                    [
                        ("mw", number("IT MW.", exclusiveMinimum: 0)), ("from", ref("month", "Planned first month.")),
                        ("months", integer("Months of service (default: until the contract ends).", minimum: 1)),
                        ("accelerator", ref("id", "Accelerator id.")), ("region", ref("id", "Region id.")),
                        ("ramp_months", number("Months to full capacity (default 0).", minimum: 0)),
                        ("delay_months", ref("distribution", "Delay in months (default 0).")),
                    ])
            ),
            ("contract", contract),
            ("clauses", clauses),
            ("demand", demand),
            ("risk", risk),
            (
                "correlation",
                object(
                    "Copula loadings for delays; global² + provider² + region² ≤ 1.", required: [],
                    [
                        ("global", number("Loading on the global factor.", minimum: 0, maximum: 1)),
                        ("provider", number("Loading on the provider factor.", minimum: 0, maximum: 1)),
                        ("region", number("Loading on the region factor.", minimum: 0, maximum: 1)),
                    ])
            ),
            (
                "budgetCap",
                object(
                    "A cap on spend: through a month (optionally from one), or over one calendar year.",
                    required: ["id", "usd"],
                    [
                        ("id", ref("id")), ("usd", number("The limit, USD.", minimum: 0)),
                        ("from", ref("month", "First month counted.")),
                        ("through", ref("month", "Last month counted.")),
                        ("year", integer("A calendar year.", minimum: 1, maximum: 9999)),
                        ("providers", idList("provider", "Providers whose spend counts (default all).")),
                    ],
                    extra: [
                        (
                            "oneOf",
                            .list([
                                .map([("required", .list([.string("through")]))]),
                                .map([
                                    ("required", .list([.string("year")])),
                                    ("not", .map([("required", .list([.string("from")]))])),
                                ]),
                            ])
                        )
                    ])
            ),
            (
                "policy",
                object(
                    "Procurement rules for dynamic runs.", required: [],
                    [
                        (
                            "structure",
                            .map([
                                ("enum", .list(Policy.Structure.allCases.map { .string($0.rawValue) })),
                                ("description", .string("Deal structure (default rofr).")),
                            ])
                        ),
                        (
                            "holder",
                            ref("id", "Provider asked first (rofr) or alone (exclusive); default the rofr holder.")
                        ),
                        ("as_of", ref("month", "Decision month: later contracts are left out of dynamic runs.")),
                        ("until", ref("month", "Last month with a review (default: end of horizon).")),
                        ("review_months", integer("Months between reviews (default 3).", minimum: 1, maximum: 1200)),
                        (
                            "horizon_months",
                            integer("Forecast horizon, months (default 24).", minimum: 1, maximum: 1200)
                        ),
                        (
                            "lookback_months",
                            integer(
                                "Observed months the growth forecast is fitted on (default 12).", minimum: 1,
                                maximum: 1200)
                        ),
                        (
                            "target_headroom",
                            number("Extra capacity requested, fraction of demand (default 0.1).", minimum: 0)
                        ),
                        ("minimum_request_mw", number("Smallest request, IT MW (default 50).", minimum: 0)),
                        (
                            "new_capacity",
                            object(
                                "Terms of capacity bought by the policy.", required: [],
                                [
                                    (
                                        "take_or_pay",
                                        number("Fraction paid whether used or not (default 1).", minimum: 0, maximum: 1)
                                    ),
                                    (
                                        "term_months",
                                        integer(
                                            "Months of service (default: to the end of the horizon).", minimum: 1,
                                            maximum: 1200)
                                    ),
                                    (
                                        "ramp_months",
                                        number("Months from first power to full capacity (default 6).", minimum: 0)
                                    ),
                                ])
                        ),
                    ])
            ),
        ]
    }

    private static var contract: Tree {
        object(
            "A deal with one provider.", required: ["id", "provider"],
            [
                ("id", ref("id")), ("name", text("Readable name.")), ("provider", ref("id", "Provider id.")),
                ("signed", ref("month", "Month signed.")),
                ("end", ref("month", "Last month of service (default: end of horizon).")),
                ("phases", list(ref("phaseReference"), "Covered phases, campus/phase.", minItems: 1)),
                ("blocks", list(ref("block"), "Generic blocks.", minItems: 1)),
                ("price_usd_per_mw_month", number("USD per IT MW-month.", minimum: 0)),
                ("price_usd_per_accelerator_hour", number("USD per accelerator-hour.", minimum: 0)),
                ("total_value_usd", number("Total contract value, USD (needs end).", minimum: 0)),
                ("take_or_pay", number("Fraction paid whether used or not (default 1).", minimum: 0, maximum: 1)),
                ("workloads", idList("workload", "Workloads it may serve (default all).")),
                (
                    "late_penalty_usd_per_mw_month",
                    number("Credit per MW-month delivered late (default 0).", minimum: 0)
                ),
                (
                    "late_credit_cap",
                    number(
                        "Most the late credits add up to, share of the planned contract value (default 0.2).",
                        minimum: 0, maximum: 1)
                ),
            ],
            extra: [
                (
                    "allOf",
                    .list([
                        .map([exactlyOne(["phases", "blocks"])]),
                        .map([
                            exactlyOne(["price_usd_per_mw_month", "price_usd_per_accelerator_hour", "total_value_usd"])
                        ]),
                        .map([
                            ("if", .map([("required", .list([.string("total_value_usd")]))])),
                            ("then", .map([("required", .list([.string("end")]))])),
                        ]),
                    ])
                )
            ])
    }

    private static var clauses: Tree {
        object(
            "Scenario-level clauses.", required: [],
            [
                (
                    "rofr",
                    object(
                        "A right of first refusal.", required: ["holder"],
                        [
                            ("holder", ref("id", "Provider id.")),
                            ("workloads", idList("workload", "Workloads it covers (default all).")),
                            ("response_window_months", number("Months to answer an offer.", minimum: 0)),
                        ] + window)
                ),
                (
                    "exclusivity",
                    list(
                        object(
                            "An exclusivity clause.", required: ["holder", "workloads"],
                            [
                                ("holder", ref("id", "Provider id.")),
                                ("workloads", idList("workload", "Workloads bound to the holder.")),
                            ] + window), "Exclusivity clauses.")
                ),
                (
                    "revenue_share",
                    list(
                        object(
                            "A revenue share.", required: ["to", "fraction", "revenue_usd_per_served_mw_month"],
                            [
                                ("to", ref("id", "Provider id.")),
                                ("fraction", number("The share.", minimum: 0, maximum: 1)),
                                (
                                    "revenue_usd_per_served_mw_month",
                                    number("Buyer revenue per served IT MW-month, USD.", minimum: 0)
                                ),
                                ("workloads", idList("workload", "Workloads whose revenue counts (default all).")),
                            ] + window), "Revenue shares.")
                ),
            ])
    }

    private static var demand: Tree {
        let exponential = object(
            "Exponential growth.", required: ["initial_mw", "annual_log_growth"],
            [
                ("start", ref("month", "Month of initial_mw (default: scenario start).")),
                ("initial_mw", number("Demand at start, IT MW.", exclusiveMinimum: 0)),
                ("annual_log_growth", ref("distribution", "Annual log growth rate; one draw per path.")),
            ])
        let anchor = object(
            "An anchor point.", required: ["month", "mw"],
            [
                ("month", ref("month", "The month.")), ("mw", number("Median demand, IT MW.", exclusiveMinimum: 0)),
                ("log_sigma", number("Standard deviation of log demand (default 0).", minimum: 0)),
            ])
        return object(
            "Demand for one workload.", required: ["workload"],
            [
                ("workload", ref("id", "Workload id.")), ("exponential", exponential),
                ("anchors", list(anchor, "Anchor points, months strictly increasing.", minItems: 1)),
            ], extra: [exactlyOne(["exponential", "anchors"])])
    }

    private static var risk: Tree {
        let keys = ["campus", "phase", "provider", "region", "contract"]
        let target = object(
            "What it hits: exactly one of these.", required: [],
            keys.map { ($0, $0 == "phase" ? ref("phaseReference") : ref("id")) },
            extra: [("minProperties", .integer(1)), ("maxProperties", .integer(1))])
        return object(
            "A risk-register event.", required: ["id", "probability", "hits"],
            [
                ("id", ref("id")), ("name", text("Description.")),
                ("probability", number("Probability per path.", minimum: 0, maximum: 1)),
                ("hits", .map([("oneOf", .list([.map([("const", .string("all"))]), target]))])),
                ("delay_months", ref("distribution", "Delay it adds, months.")),
                ("cancel", .map([("const", .bool(true)), ("description", .string("The capacity never arrives."))])),
            ], extra: [exactlyOne(["delay_months", "cancel"])])
    }
}
