import HeadroomReport

/// Building blocks of the OpenAPI document: JSON Schema objects, references and responses.
enum OpenAPI {
    /// An object from key–value pairs, in order.
    static func object(_ pairs: (String, JSONValue)...) -> JSONValue { .object(pairs) }

    /// `{"$ref": "#/components/schemas/NAME"}`.
    static func ref(_ name: String) -> JSONValue { object(("$ref", .string("#/components/schemas/\(name)"))) }

    /// `{"type": TYPE}` with extra keywords.
    static func type(_ name: String, _ extra: (String, JSONValue)...) -> JSONValue {
        .object([("type", .string(name))] + extra)
    }

    /// A string with a format (`date-time`).
    static func string(format: String? = nil) -> JSONValue {
        format.map { type("string", ("format", .string($0))) } ?? type("string")
    }

    /// An object schema: its properties, which of them are required.
    static func schema(required: [String], _ properties: (String, JSONValue)...) -> JSONValue {
        object(
            ("type", .string("object")), ("required", .array(required.map(JSONValue.string))),
            ("properties", .object(properties)))
    }

    /// An array of `items`.
    static func array(_ items: JSONValue) -> JSONValue { type("array", ("items", items)) }

    /// A response with `description` and one body per media type.
    static func response(_ description: String, _ bodies: (String, JSONValue)...) -> JSONValue {
        let content = bodies.map { ($0.0, object(("schema", $0.1))) }
        return bodies.isEmpty
            ? object(("description", .string(description)))
            : object(("description", .string(description)), ("content", .object(content)))
    }

    /// A JSON response of the schema named `name`.
    static func json(_ description: String, _ name: String) -> JSONValue {
        response(description, ("application/json", ref(name)))
    }

    /// `response` with OpenAPI links: each (name, operation id, parameters as runtime expressions).
    static func linked(_ response: JSONValue, _ links: [(String, String, [(String, String)])]) -> JSONValue {
        guard case .object(let pairs) = response else { return response }
        let linkObjects = links.map { name, operation, parameters in
            (
                name,
                object(
                    ("operationId", .string(operation)),
                    ("parameters", .object(parameters.map { ($0.0, JSONValue.string($0.1)) })))
            )
        }
        return .object(pairs + [("links", .object(linkObjects))])
    }

    /// A path parameter.
    static func pathParameter(_ name: String, _ description: String) -> JSONValue {
        object(
            ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
            ("description", .string(description)), ("schema", type("string", ("minLength", .integer(1)))))
    }

    /// A query parameter.
    static func query(_ name: String, _ description: String, _ schema: JSONValue = type("string")) -> JSONValue {
        object(
            ("name", .string(name)), ("in", .string("query")), ("required", .bool(false)),
            ("description", .string(description)), ("schema", schema))
    }

    /// A request body of JSON (`name`'s schema) and other media types.
    static func body(_ name: String, also others: (String, JSONValue)...) -> JSONValue {
        object(
            ("required", .bool(true)),
            (
                "content",
                .object(
                    [("application/json", object(("schema", ref(name))))]
                        + others.map {
                            ($0.0, object(("schema", $0.1)))
                        })
            ))
    }

    /// The components: every schema the API's bodies use, and the bearer scheme.
    static var components: JSONValue {
        let date = string(format: "date-time")
        let version = schema(
            required: ["hash", "scenario", "sequence", "author", "message", "created_at"],
            ("hash", type("string", ("description", .string("SHA-256 of the canonical text (the ETag)")))),
            ("scenario", string()), ("sequence", type("integer", ("minimum", .integer(1)))),
            ("parent", string()), ("author", string()), ("message", string()), ("created_at", date),
            ("text", string()))
        let scenario = schema(
            required: ["id", "name", "created_at", "version_count"], ("id", string()), ("name", string()),
            ("created_at", date), ("head", ref("Version")), ("version_count", type("integer")),
            ("versions", array(ref("Version"))))
        let statuses: [JSONValue] = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"].map {
            .string($0)
        }
        let run = schema(
            required: [
                "id", "scenario", "version", "kind", "status", "progress", "paths", "seed", "engine_version",
                "created_at", "links",
            ],
            ("id", string()), ("scenario", string()), ("version", string()),
            ("kind", type("string", ("enum", .array([.string("simulate"), .string("optimize"), .string("compare")])))),
            ("against", string()), ("status", type("string", ("enum", .array(statuses)))),
            ("progress", type("number", ("minimum", .integer(0)), ("maximum", .integer(1)))), ("stage", string()),
            ("paths", type("integer")), ("seed", type("integer", ("minimum", .integer(0)))),
            ("engine_version", string()), ("error", string()), ("created_at", date), ("started_at", date),
            ("finished_at", date), ("links", type("object", ("additionalProperties", string()))))
        let runRequest = schema(
            required: ["scenario"],
            ("scenario", type("string", ("description", .string("the scenario's id")))),
            ("version", type("string", ("description", .string("the version's hash; default: the head")))),
            ("kind", type("string", ("enum", .array([.string("simulate"), .string("optimize"), .string("compare")])))),
            ("paths", type("integer", ("minimum", .integer(1)))),
            ("seed", type("integer", ("minimum", .integer(0)))),
            ("structures", type("boolean")),
            ("against", type("string", ("description", .string("compare: version B's hash")))),
            ("optimize_paths", type("integer", ("minimum", .integer(1)), ("maximum", .integer(5_000)))))
        let diagnostic = schema(
            required: ["code", "message", "file", "line", "column", "path", "text"], ("code", string()),
            ("message", string()), ("file", string()), ("line", type("integer")), ("column", type("integer")),
            ("path", string()), ("text", string()))
        let change = schema(
            required: ["path", "kind"], ("path", string()),
            ("kind", type("string", ("enum", .array([.string("added"), .string("removed"), .string("changed")])))),
            ("before", string()), ("after", string()))
        return object(
            (
                "schemas",
                object(
                    ("Version", version), ("Scenario", scenario), ("Run", run), ("RunRequest", runRequest),
                    ("Diagnostic", diagnostic), ("Change", change),
                    (
                        "Error",
                        schema(
                            required: ["error"],
                            (
                                "error",
                                schema(
                                    required: ["code", "message", "diagnostics"], ("code", string()),
                                    ("message", string()), ("diagnostics", array(ref("Diagnostic"))))
                            ))
                    ),
                    (
                        "CreateScenario",
                        schema(
                            required: ["id", "text"],
                            ("id", type("string", ("pattern", .string("^[A-Za-z0-9][A-Za-z0-9._-]*$")))),
                            ("name", string()), ("text", string()), ("message", string()))
                    ),
                    (
                        "AddVersion",
                        schema(required: ["text"], ("parent", string()), ("text", string()), ("message", string()))
                    ),
                    ("ValidateRequest", schema(required: ["text"], ("text", string()), ("file", string()))),
                    (
                        "Validation",
                        schema(
                            required: ["valid", "diagnostics"], ("valid", type("boolean")),
                            ("diagnostics", array(ref("Diagnostic"))),
                            ("summary", type("object", ("additionalProperties", type("integer")))))
                    ),
                    (
                        "Diff",
                        schema(
                            required: ["from", "to", "changes"], ("from", string()), ("to", string()),
                            ("changes", array(ref("Change"))))
                    ),
                    (
                        "Health",
                        schema(
                            required: ["status", "database", "runs_running", "runs_queued", "version"],
                            ("status", type("string", ("enum", .array([.string("ok"), .string("degraded")])))),
                            ("database", string()), ("runs_running", type("integer")),
                            ("runs_queued", type("integer")), ("version", string()))
                    ),
                    (
                        "AuditEntry",
                        schema(
                            required: ["actor", "action", "target", "at"], ("actor", string()),
                            ("action", string()), ("target", string()), ("at", date))
                    ),
                    (
                        "RunEvent",
                        schema(
                            required: ["id", "event", "data"], ("id", type("string", ("pattern", .string("^[0-9]+$")))),
                            ("event", type("string", ("enum", .array([.string("status"), .string("progress")])))),
                            (
                                "data",
                                type(
                                    "string", ("contentMediaType", .string("application/json")),
                                    ("contentSchema", ref("Run")))
                            ))
                    ),
                    ("ScenarioList", schema(required: ["scenarios"], ("scenarios", array(ref("Scenario"))))),
                    ("VersionList", schema(required: ["versions"], ("versions", array(ref("Version"))))),
                    ("RunList", schema(required: ["runs"], ("runs", array(ref("Run"))))),
                    ("AuditList", schema(required: ["entries"], ("entries", array(ref("AuditEntry")))))
                )
            ),
            (
                "securitySchemes",
                object(("bearer", object(("type", .string("http")), ("scheme", .string("bearer")))))
            ))
    }
}
