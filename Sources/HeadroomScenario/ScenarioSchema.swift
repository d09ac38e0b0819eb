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

    typealias Tree = OutputTree

    // MARK: Building blocks

    static func ref(_ name: String, _ description: String? = nil) -> Tree {
        var pairs: [(String, Tree)] = [("$ref", .string("#/$defs/\(name)"))]
        if let description { pairs.append(("description", .string(description))) }
        return .map(pairs)
    }

    static func number(
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

    static func integer(_ description: String, minimum: Int, maximum: Int? = nil) -> Tree {
        var pairs: [(String, Tree)] = [
            ("type", .string("integer")), ("description", .string(description)), ("minimum", .integer(minimum)),
        ]
        if let maximum { pairs.append(("maximum", .integer(maximum))) }
        return .map(pairs)
    }

    static func text(_ description: String) -> Tree {
        .map([("type", .string("string")), ("description", .string(description))])
    }

    static func list(_ items: Tree, _ description: String, minItems: Int = 0) -> Tree {
        var pairs: [(String, Tree)] = [
            ("type", .string("array")), ("description", .string(description)), ("items", items),
        ]
        if minItems > 0 { pairs.append(("minItems", .integer(minItems))) }
        return .map(pairs)
    }

    static func object(
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
    static func exactlyOne(_ keys: [String]) -> (String, Tree) {
        ("oneOf", .list(keys.map { .map([("required", .list([.string($0)]))]) }))
    }

    static func idList(_ kind: String, _ description: String, minItems: Int = 1) -> Tree {
        list(ref("id", "A \(kind) id."), description, minItems: minItems)
    }

    static var window: [(String, Tree)] {
        [
            ("from", ref("month", "First month it applies.")), ("until", ref("month", "Last month it applies.")),
        ]
    }

    // MARK: Definitions

    static let numberPattern = #"[+-]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?"#

    static var inlinePattern: String {
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

    static var distribution: Tree {
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

    static var definitions: [(String, Tree)] {
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
        ] + ScenarioSchema.entityDefinitions + ScenarioSchema.offerDefinitions
    }

    static var document: Tree {
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
            ("offers", list(ref("offer"), "Capacity the buyer may still sign (the optimizer's choices).")),
            ("optimization", ref("optimization")),
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
}
