import HeadroomReport

/// The OpenAPI 3.1 document of the API, served at `/openapi.json`; tests check the server against it.
enum OpenAPIDocument {
    /// The document as compact JSON.
    static let json: String = document.rendered(indent: nil)

    /// Every operation answers errors in the same JSON shape.
    private static let errors = OpenAPI.json("An error: its code, message and (for scenarios) diagnostics", "Error")

    /// One operation: where, its id, summary, parameters, body and responses (`default` is the error shape).
    private struct Operation {
        var method: String
        var path: String
        var id: String
        var summary: String
        var parameters: [JSONValue] = []
        var body: JSONValue? = nil
        var responses: [(String, JSONValue)]

        var json: JSONValue {
            var pairs: [(String, JSONValue)] = [("operationId", .string(id)), ("summary", .string(summary))]
            if !parameters.isEmpty { pairs.append(("parameters", .array(parameters))) }
            if let body { pairs.append(("requestBody", body)) }
            pairs.append(("responses", .object(responses + [("default", errors)])))
            return .object(pairs)
        }
    }

    /// An optional request header.
    private static func header(_ name: String, _ schema: JSONValue = OpenAPI.type("string")) -> JSONValue {
        OpenAPI.object(
            ("name", .string(name)), ("in", .string("header")), ("required", .bool(false)), ("schema", schema))
    }

    /// A string query parameter taking one of `values`.
    private static func choice(_ name: String, _ description: String, _ values: [String]) -> JSONValue {
        OpenAPI.query(name, description, OpenAPI.type("string", ("enum", .array(values.map(JSONValue.string)))))
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

    /// The paths: every operation, grouped by path in the order listed.
    private static var paths: JSONValue {
        var order: [String] = []
        var byPath: [String: [(String, JSONValue)]] = [:]
        for operation in operations {
            if byPath[operation.path] == nil { order.append(operation.path) }
            byPath[operation.path, default: []].append((operation.method, operation.json))
        }
        return .object(order.map { ($0, .object(byPath[$0] ?? [])) })
    }

    private static var operations: [Operation] {
        let text = OpenAPI.type("string")
        let hash = OpenAPI.pathParameter("hash", "The version's hash")
        return [
            Operation(
                method: "get", path: "/health", id: "health",
                summary: "Liveness: the store answers; the runs running and queued",
                responses: [
                    ("200", OpenAPI.json("Healthy", "Health")),
                    ("503", OpenAPI.json("The store does not answer", "Health")),
                ]),
            Operation(
                method: "get", path: "/metrics", id: "metrics", summary: "Prometheus metrics",
                responses: [("200", OpenAPI.response("Text exposition", ("text/plain", text)))]),
            Operation(
                method: "get", path: "/openapi.json", id: "openapi", summary: "This document",
                responses: [("200", OpenAPI.response("OpenAPI 3.1", ("application/json", OpenAPI.type("object"))))]),
            Operation(
                method: "get", path: "/v1/scenarios", id: "listScenarios", summary: "Every scenario with its head",
                responses: [("200", OpenAPI.json("The scenarios", "ScenarioList"))]),
            Operation(
                method: "post", path: "/v1/scenarios", id: "createScenario",
                summary: "Create a scenario with its first version (validated)", body: OpenAPI.body("CreateScenario"),
                responses: [("201", OpenAPI.linked(OpenAPI.json("The first version", "Version"), versionLinks))]),
            Operation(
                method: "get", path: "/v1/scenarios/{id}", id: "getScenario", summary: "A scenario and its versions",
                parameters: [scenarioID], responses: [("200", OpenAPI.json("The scenario", "Scenario"))]),
            Operation(
                method: "get", path: "/v1/scenarios/{id}/versions", id: "listVersions",
                summary: "A scenario's versions, oldest first", parameters: [scenarioID],
                responses: [("200", OpenAPI.json("The versions", "VersionList"))]),
            Operation(
                method: "post", path: "/v1/scenarios/{id}/versions", id: "addVersion",
                summary: "Add a version made from the head (parent in the body or If-Match)",
                parameters: [scenarioID, header("If-Match")], body: OpenAPI.body("AddVersion"),
                responses: [
                    ("200", OpenAPI.json("The text is the head's: nothing changed", "Version")),
                    ("201", OpenAPI.linked(OpenAPI.json("The new version", "Version"), versionLinks)),
                ]),
            Operation(
                method: "get", path: "/v1/scenarios/{id}/versions/{hash}", id: "getVersion",
                summary: "One version with its text (ETag: its hash)",
                parameters: [
                    scenarioID, hash, choice("format", "yaml: the text itself", ["json", "yaml"]),
                    header("If-None-Match"),
                ],
                responses: [
                    (
                        "200",
                        OpenAPI.response(
                            "The version", ("application/json", OpenAPI.ref("Version")),
                            ("application/yaml", OpenAPI.type("object", ("description", .string("the text")))))
                    ),
                    ("304", OpenAPI.response("Not modified (If-None-Match)")),
                ]),
            Operation(
                method: "get", path: "/v1/scenarios/{id}/diff", id: "diffVersions",
                summary: "What changed between two versions, by field path",
                parameters: [
                    scenarioID, OpenAPI.query("from", "The old version (default: the new one's parent)"),
                    OpenAPI.query("to", "The new version"),
                ],
                responses: [("200", OpenAPI.json("The changes", "Diff"))]),
            Operation(
                method: "post", path: "/v1/validate", id: "validate",
                summary: "Validate a scenario text: diagnostics at FILE:LINE:COLUMN and field paths",
                body: OpenAPI.body(
                    "ValidateRequest", also: ("application/yaml", text), ("text/yaml", text), ("text/plain", text)),
                responses: [("200", OpenAPI.json("Valid, or the diagnostics", "Validation"))]),
            Operation(
                method: "get", path: "/v1/runs", id: "listRuns", summary: "Runs, newest first",
                parameters: [
                    OpenAPI.query("scenario", "Runs of this scenario"),
                    OpenAPI.query("version", "Runs of this version"),
                    limit,
                ],
                responses: [("200", OpenAPI.json("The runs", "RunList"))]),
            Operation(
                method: "post", path: "/v1/runs", id: "startRun",
                summary: "Queue a run of a version (Idempotency-Key honoured)",
                parameters: [
                    header(
                        "Idempotency-Key",
                        OpenAPI.type("string", ("minLength", .integer(1)), ("maxLength", .integer(200))))
                ],
                body: OpenAPI.body("RunRequest"),
                responses: [
                    ("200", OpenAPI.json("The run an earlier request with this key queued", "Run")),
                    ("202", OpenAPI.linked(OpenAPI.json("Queued; Location names it", "Run"), runLinks)),
                ]),
            Operation(
                method: "get", path: "/v1/runs/{id}", id: "getRun", summary: "A run's status and progress",
                parameters: [runID], responses: [("200", OpenAPI.json("The run", "Run"))]),
            Operation(
                method: "post", path: "/v1/runs/{id}/cancel", id: "cancelRun",
                summary: "Cancel a queued or running run",
                parameters: [runID], responses: [("202", OpenAPI.json("Cancelled", "Run"))]),
            Operation(
                method: "get", path: "/v1/runs/{id}/events", id: "runEvents",
                summary: "Server-sent events of the run's status and progress (Last-Event-ID replays)",
                parameters: [runID, header("Last-Event-ID")],
                responses: [
                    (
                        "200",
                        OpenAPI.response(
                            "The event stream, ending with the run", ("text/event-stream", OpenAPI.ref("RunEvent")))
                    )
                ]),
            Operation(
                method: "get", path: "/v1/runs/{id}/result", id: "runResult",
                summary: "A succeeded run's result: the analysis as JSON, or its table as CSV",
                parameters: [runID, choice("format", "json or csv", ["json", "csv"])],
                responses: [
                    (
                        "200",
                        OpenAPI.response(
                            "The result", ("application/json", OpenAPI.type("object")), ("text/csv", text))
                    )
                ]),
            Operation(
                method: "get", path: "/v1/runs/{id}/report", id: "runReport",
                summary: "A succeeded simulate run's self-contained HTML report", parameters: [runID],
                responses: [("200", OpenAPI.response("The report", ("text/html", text)))]),
            Operation(
                method: "get", path: "/v1/audit", id: "audit", summary: "Who wrote what, newest first",
                parameters: [limit], responses: [("200", OpenAPI.json("The entries", "AuditList"))]),
        ]
    }
}
