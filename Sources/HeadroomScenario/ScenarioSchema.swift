import HeadroomModel

/// The JSON Schema (draft 2020-12) of the scenario format, for editors to validate and complete scenario files.
///
/// It mirrors what ``ScenarioReader`` accepts as closely as a schema can: keys, types, required keys, enumerations,
/// numeric bounds, month and id patterns, the inline and mapping forms of distributions, and the exactly-one-of
/// groups. Cross-references (does this provider exist?) and arithmetic checks (`end` after `start`, loadings whose
/// squares sum to at most 1) are only in the reader.
public enum ScenarioSchema {
    /// The schema as pretty-printed JSON with sorted keys (deterministic, diff-friendly), without a final newline.
    public static var jsonSchema: String {
        String(document.json(sortedKeys: true).dropLast())
    }

    private typealias Tree = OutputTree

    // MARK: Building blocks

    private static func ref(_ name: String, _ description: String? = nil) -> Tree {
        var pairs: [(String, Tree)] = [("$ref", .string("#/$defs/\(name)"))]
        if let description { pairs.append(("description", .string(description))) }
        return .map(pairs)
    }

    private static func number(
        _ description: String, minimum: Double? = nil, exclusiveMinimum: Double? = nil, maximum: Double? = nil,
        exclusiveMaximum: Double? = nil
    ) -> Tree {
        var pairs: [(String, Tree)] = [("type", .string("number")), ("description", .string(description))]
        if let minimum { pairs.append(("minimum", .number(minimum))) }
        if let exclusiveMinimum { pairs.append(("exclusiveMinimum", .number(exclusiveMinimum))) }
        if let maximum { pairs.append(("maximum", .number(maximum))) }
        if let exclusiveMaximum { pairs.append(("exclusiveMaximum", .number(exclusiveMaximum))) }
        return .map(pairs)
    }

    private static func integer(_ description: String, minimum: Int, maximum: Int? = nil) -> Tree {
        var pairs: [(String, Tree)] = [
            ("type", .string("integer")), ("description", .string(description)), ("minimum", .integer(minimum)),
        ]
        if let maximum { pairs.append(("maximum", .integer(maximum))) }
        return .map(pairs)
    }

    private static func text(_ description: String) -> Tree {
        .map([("type", .string("string")), ("description", .string(description))])
    }

    private static func list(_ items: Tree, _ description: String, minItems: Int = 0) -> Tree {
        var pairs: [(String, Tree)] = [
            ("type", .string("array")), ("description", .string(description)), ("items", items),
        ]
        if minItems > 0 { pairs.append(("minItems", .integer(minItems))) }
        return .map(pairs)
    }

    private static func object(
        _ description: String, required: [String], _ properties: [(String, Tree)], extra: [(String, Tree)] = []
    ) -> Tree {
        var pairs: [(String, Tree)] = [
            ("type", .string("object")), ("description", .string(description)),
            ("additionalProperties", .bool(false)), ("properties", .map(properties)),
        ]
        if !required.isEmpty { pairs.append(("required", .list(required.map { .string($0) }))) }
        return .map(pairs + extra)
    }

    /// `oneOf` over groups of keys: exactly one group must be present.
    private static func exactlyOne(_ keys: [String]) -> (String, Tree) {
        ("oneOf", .list(keys.map { .map([("required", .list([.string($0)]))]) }))
    }

    private static func idList(_ kind: String, _ description: String, minItems: Int = 1) -> Tree {
        list(ref("id", "A \(kind) id."), description, minItems: minItems)
    }

    private static var window: [(String, Tree)] {
        [
            ("from", ref("month", "First month it applies.")), ("until", ref("month", "Last month it applies.")),
        ]
    }

    // MARK: Definitions

    private static let numberPattern = #"[+-]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?"#

    private static var inlinePattern: String {
        let n = numberPattern
        let s = #"\s*"#
        func call(_ family: String, _ count: Int) -> String {
            family + s + #"\("# + s + Array(repeating: n, count: count).joined(separator: s + "," + s) + s + #"\)"#
        }
        let pair = #"\["# + s + n + s + "," + s + n + s + #"\]"#
        let discrete = "discrete" + s + #"\("# + s + pair + "(?:" + s + "," + s + pair + ")*" + s + #"\)"#
        let forms = DistributionSyntax.parameters.filter { $0.family != "discrete" }.map {
            call($0.family, $0.names.count)
        }
        return "^" + s + "(?:" + (forms + [discrete]).joined(separator: "|") + ")" + s + "$"
    }

    private static var distribution: Tree {
        func parameters(_ names: [String]) -> Tree {
            object("Parameters.", required: names, names.map { ($0, Tree.map([("type", .string("number"))])) })
        }
        func form(_ family: String, _ value: Tree) -> Tree {
            object("The \(family) family, mapping form.", required: [family], [(family, value)])
        }
        var forms: [Tree] = [
            .map([("type", .string("number")), ("description", .string("A fixed value."))]),
            .map([
                ("type", .string("string")), ("pattern", .string(inlinePattern)),
                ("description", .string("Inline form, such as pert(0, 3, 9) or discrete([0, 0.7], [6, 0.3]).")),
            ]),
            form("fixed", .map([("type", .string("number"))])),
        ]
        for (family, names) in DistributionSyntax.parameters where family != "fixed" && family != "discrete" {
            if family == "lognormal" {
                forms.append(
                    form(
                        family,
                        .map([("oneOf", .list([parameters(["median", "sigma"]), parameters(["mean", "sd"])]))])))
            } else {
                forms.append(form(family, parameters(names)))
            }
        }
        let outcome = object(
            "One outcome.", required: ["value", "weight"],
            [("value", .map([("type", .string("number"))])), ("weight", number("Relative weight.", minimum: 0))])
        forms.append(form("discrete", list(outcome, "Outcomes with weights.", minItems: 1)))
        return .map([
            ("description", .string("A distribution: a number (fixed), an inline form or a one-key mapping form.")),
            ("oneOf", .list(forms)),
        ])
    }

    private static var definitions: [(String, Tree)] {
        let idPattern = "[A-Za-z0-9][A-Za-z0-9._-]*"
        return [
            (
                "month",
                .map([
                    ("type", .string("string")), ("pattern", .string("^(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])$")),
                    ("description", .string("A calendar month, YYYY-MM.")),
                ])
            ),
            (
                "id",
                .map([
                    ("type", .string("string")), ("pattern", .string("^\(idPattern)$")),
                    ("description", .string("An id: letters, digits, '.', '_', '-', starting with a letter or digit.")),
                ])
            ),
            (
                "phaseReference",
                .map([
                    ("type", .string("string")), ("pattern", .string("^\(idPattern)/\(idPattern)$")),
                    ("description", .string("A phase written campus/phase.")),
                ])
            ),
            (
                "named",
                .map([
                    ("description", .string("An id, or a mapping with an id and a name.")),
                    (
                        "oneOf",
                        .list([
                            ref("id"),
                            object(
                                "An id with a readable name.", required: ["id"],
                                [("id", ref("id")), ("name", text("Readable name."))]),
                        ])
                    ),
                ])
            ),
            ("distribution", distribution),
            ("nonNegativeDistribution", ref("distribution", "A distribution whose draws are never negative.")),
        ] + ScenarioSchema.entityDefinitions
    }

    private static var document: Tree {
        let properties: [(String, Tree)] = [
            ("headroom", .map([("const", .integer(1)), ("description", .string("Format version; must be 1."))])),
            ("name", text("Scenario name.")),
            ("description", text("Free text.")),
            ("start", ref("month", "First simulated month.")),
            ("end", ref("month", "Last simulated month (inclusive).")),
            ("months", integer("Number of simulated months.", minimum: 1, maximum: 480)),
            ("discount_rate", number("Annual rate for present values.", minimum: 0, exclusiveMaximum: 1)),
            ("workloads", list(ref("named"), "Workload classes.", minItems: 1)),
            ("accelerators", list(ref("accelerator"), "Accelerator generations.")),
            ("providers", list(ref("provider"), "Suppliers.", minItems: 1)),
            ("regions", list(ref("named"), "Grid or permitting areas.")),
            ("campuses", list(ref("campus"), "Campuses with phases.")),
            ("contracts", list(ref("contract"), "Deals.")),
            ("clauses", ref("clauses")),
            ("demand", list(ref("demand"), "One demand curve per workload.", minItems: 1)),
            ("risks", list(ref("risk"), "The risk register.")),
            ("correlation", ref("correlation")),
            ("budget", list(ref("budgetCap"), "Spending caps.")),
            ("policy", ref("policy")),
        ]
        let root = object(
            "A Headroom scenario: AI compute capacity, demand, contracts and risks over a monthly horizon.",
            required: ["headroom", "name", "start", "workloads", "providers", "demand"], properties,
            extra: [exactlyOne(["end", "months"]), ("$defs", .map(definitions))])
        guard case .map(let pairs) = root else { return root }
        return .map(
            [
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$id", .string("urn:headroom:scenario-format:1")),
                ("title", .string("Headroom scenario, format version 1")),
            ] + pairs)
    }

    // MARK: Entities

    private static var entityDefinitions: [(String, Tree)] {
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
