import HeadroomReport

/// The OpenAPI 3.1 document of the API, served at `/openapi.json`; tests check the server against it.
enum OpenAPIDocument {
    /// The document as compact JSON.
    static let json: String = document.rendered(indent: nil)

    /// Every operation answers errors in the same JSON shape.
    private static let errors = OpenAPI.json("An error: its code, message and (for scenarios) diagnostics", "Error")

    /// One operation: its id, summary, parameters, body and responses (`default` is the error shape).
    private static func operation(
        _ id: String, _ summary: String, parameters: [JSONValue] = [], body: JSONValue? = nil,
        _ responses: (String, JSONValue)...
    ) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("operationId", .string(id)), ("summary", .string(summary))]
        if !parameters.isEmpty { pairs.append(("parameters", .array(parameters))) }
        if let body { pairs.append(("requestBody", body)) }
        pairs.append(("responses", .object(responses + [("default", errors)])))
        return .object(pairs)
    }

    private static let scenarioID = OpenAPI.pathParameter("id", "The scenario's id")
    private static let runID = OpenAPI.pathParameter("id", "The run's id")
    private static let limit = OpenAPI.query(
        "limit", "At most this many (1…1000, default 100)", OpenAPI.type("integer", ("minimum", .integer(1))))

    /// Where a new version leads: its scenario, its text, its diff, a run of it.
    private static let versionLinks: [(String, String, [(String, String)])] = [
        ("GetScenario", "getScenario", [("id", "$response.body#/scenario")]),
        ("GetVersion", "getVersion", [("id", "$response.body#/scenario"), ("hash", "$response.body#/hash")]),
        ("DiffVersions", "diffVersions", [("id", "$response.body#/scenario"), ("to", "$response.body#/hash")]),
        ("AddVersion", "addVersion", [("id", "$response.body#/scenario")]),
    ]

    /// Where a queued run leads: its status, events, result, report, cancellation.
    private static let runLinks: [(String, String, [(String, String)])] = [
        ("GetRun", "getRun", [("id", "$response.body#/id")]),
        ("RunEvents", "runEvents", [("id", "$response.body#/id")]),
        ("RunResult", "runResult", [("id", "$response.body#/id")]),
        ("RunReport", "runReport", [("id", "$response.body#/id")]),
        ("CancelRun", "cancelRun", [("id", "$response.body#/id")]),
    ]

    /// The whole document.
    static var document: JSONValue {
        OpenAPI.object(
            ("openapi", .string("3.1.0")),
            (
                "info",
                OpenAPI.object(
                    ("title", .string("Headroom")), ("version", .string("1")),
                    (
                        "description",
                        .string(
                            "Versioned capacity-planning scenarios, Monte Carlo and optimization runs, "
                                + "live progress and reports.")
                    ))
            ),
            ("security", .array([OpenAPI.object(("bearer", .array([]))), OpenAPI.object()])),
            ("paths", paths),
            ("components", OpenAPI.components))
    }

    private static var paths: JSONValue {
        let text = OpenAPI.type("string")
        return OpenAPI.object(
            (
                "/health",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "health", "Liveness: the store answers; the runs running and queued",
                            ("200", OpenAPI.json("Healthy", "Health")),
                            ("503", OpenAPI.json("The store does not answer", "Health")))
                    ))
            ),
            (
                "/metrics",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "metrics", "Prometheus metrics",
                            ("200", OpenAPI.response("Text exposition", ("text/plain", text))))
                    ))
            ),
            (
                "/openapi.json",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "openapi", "This document",
                            ("200", OpenAPI.response("OpenAPI 3.1", ("application/json", OpenAPI.type("object")))))
                    ))
            ),
            (
                "/v1/scenarios",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "listScenarios", "Every scenario with its head",
                            ("200", OpenAPI.json("The scenarios", "ScenarioList")))
                    ),
                    (
                        "post",
                        operation(
                            "createScenario", "Create a scenario with its first version (validated)",
                            body: OpenAPI.body("CreateScenario"),
                            ("201", OpenAPI.linked(OpenAPI.json("The first version", "Version"), versionLinks)))
                    ))
            ),
            (
                "/v1/scenarios/{id}",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "getScenario", "A scenario and its versions", parameters: [scenarioID],
                            ("200", OpenAPI.json("The scenario", "Scenario")))
                    ))
            ),
            (
                "/v1/scenarios/{id}/versions",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "listVersions", "A scenario's versions, oldest first", parameters: [scenarioID],
                            ("200", OpenAPI.json("The versions", "VersionList")))
                    ),
                    (
                        "post",
                        operation(
                            "addVersion", "Add a version made from the head (parent in the body or If-Match)",
                            parameters: [
                                scenarioID,
                                OpenAPI.object(
                                    ("name", .string("If-Match")), ("in", .string("header")),
                                    ("required", .bool(false)),
                                    ("schema", text)),
                            ],
                            body: OpenAPI.body("AddVersion"),
                            ("200", OpenAPI.json("The text is the head's: nothing changed", "Version")),
                            ("201", OpenAPI.linked(OpenAPI.json("The new version", "Version"), versionLinks)))
                    ))
            ),
            (
                "/v1/scenarios/{id}/versions/{hash}",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "getVersion", "One version with its text (ETag: its hash)",
                            parameters: [
                                scenarioID, OpenAPI.pathParameter("hash", "The version's hash"),
                                OpenAPI.query(
                                    "format", "yaml: the text itself",
                                    OpenAPI.type("string", ("enum", .array([.string("json"), .string("yaml")])))),
                            ],
                            (
                                "200",
                                OpenAPI.response(
                                    "The version", ("application/json", OpenAPI.ref("Version")),
                                    ("application/yaml", OpenAPI.type("object", ("description", .string("the text")))))
                            ),
                            ("304", OpenAPI.response("Not modified (If-None-Match)")))
                    ))
            ),
            (
                "/v1/scenarios/{id}/diff",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "diffVersions", "What changed between two versions, by field path",
                            parameters: [
                                scenarioID, OpenAPI.query("from", "The old version (default: the new one's parent)"),
                                OpenAPI.query("to", "The new version"),
                            ],
                            ("200", OpenAPI.json("The changes", "Diff")))
                    ))
            ),
            (
                "/v1/validate",
                OpenAPI.object(
                    (
                        "post",
                        operation(
                            "validate", "Validate a scenario text: diagnostics at FILE:LINE:COLUMN and field paths",
                            body: OpenAPI.body("ValidateRequest", also: ("application/yaml", text)),
                            ("200", OpenAPI.json("Valid, or the diagnostics", "Validation")))
                    ))
            ),
            (
                "/v1/runs",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "listRuns", "Runs, newest first",
                            parameters: [
                                OpenAPI.query("scenario", "Runs of this scenario"),
                                OpenAPI.query("version", "Runs of this version"), limit,
                            ],
                            ("200", OpenAPI.json("The runs", "RunList")))
                    ),
                    (
                        "post",
                        operation(
                            "startRun", "Queue a run of a version (Idempotency-Key honoured)",
                            parameters: [
                                OpenAPI.object(
                                    ("name", .string("Idempotency-Key")), ("in", .string("header")),
                                    ("required", .bool(false)),
                                    (
                                        "schema",
                                        OpenAPI.type("string", ("minLength", .integer(1)), ("maxLength", .integer(200)))
                                    ))
                            ],
                            body: OpenAPI.body("RunRequest"),
                            ("200", OpenAPI.json("The run an earlier request with this key queued", "Run")),
                            ("202", OpenAPI.linked(OpenAPI.json("Queued; Location names it", "Run"), runLinks)))
                    ))
            ),
            (
                "/v1/runs/{id}",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "getRun", "A run's status and progress", parameters: [runID],
                            ("200", OpenAPI.json("The run", "Run")))
                    ))
            ),
            (
                "/v1/runs/{id}/cancel",
                OpenAPI.object(
                    (
                        "post",
                        operation(
                            "cancelRun", "Cancel a queued or running run", parameters: [runID],
                            ("202", OpenAPI.json("Cancelled", "Run")))
                    ))
            ),
            (
                "/v1/runs/{id}/events",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "runEvents", "Server-sent events of the run's status and progress (Last-Event-ID replays)",
                            parameters: [
                                runID,
                                OpenAPI.object(
                                    ("name", .string("Last-Event-ID")), ("in", .string("header")),
                                    ("required", .bool(false)),
                                    ("schema", text)),
                            ],
                            (
                                "200",
                                OpenAPI.response(
                                    "The event stream, ending with the run",
                                    ("text/event-stream", OpenAPI.ref("RunEvent")))
                            ))
                    ))
            ),
            (
                "/v1/runs/{id}/result",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "runResult", "A succeeded run's result: the analysis as JSON, or its table as CSV",
                            parameters: [
                                runID,
                                OpenAPI.query(
                                    "format", "json or csv",
                                    OpenAPI.type("string", ("enum", .array([.string("json"), .string("csv")])))),
                            ],
                            (
                                "200",
                                OpenAPI.response(
                                    "The result", ("application/json", OpenAPI.type("object")), ("text/csv", text))
                            ))
                    ))
            ),
            (
                "/v1/runs/{id}/report",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "runReport", "A succeeded simulate run's self-contained HTML report", parameters: [runID],
                            ("200", OpenAPI.response("The report", ("text/html", text))))
                    ))
            ),
            (
                "/v1/audit",
                OpenAPI.object(
                    (
                        "get",
                        operation(
                            "audit", "Who wrote what, newest first", parameters: [limit],
                            ("200", OpenAPI.json("The entries", "AuditList")))
                    ))
            ))
    }
}
