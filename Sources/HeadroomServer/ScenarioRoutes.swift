import Foundation
import HTTPTypes
import HeadroomAnalysis
import HeadroomModel
import HeadroomScenario
import HeadroomStore
import Hummingbird

/// `/v1/scenarios…` and `/v1/validate`: scenarios, their immutable versions, diffs, and validation.
struct ScenarioRoutes: Sendable {
    let store: ScenarioStore
    let bodies: RequestBodies
    let work: BlockingWork

    /// Adds the routes: reads to `viewers`, writes to `editors`.
    func register(viewers: RouterGroup<ServerRequestContext>, editors: RouterGroup<ServerRequestContext>) {
        viewers.get("scenarios") { _, _ in try listScenarios() }
        viewers.get("scenarios/{id}") { _, context in try scenario(context.parameters.string("id")) }
        viewers.get("scenarios/{id}/versions") { _, context in try versions(context.parameters.string("id")) }
        viewers.get("scenarios/{id}/versions/{hash}") { request, context in
            try version(request, context.parameters.string("id"), context.parameters.string("hash"))
        }
        viewers.get("scenarios/{id}/diff") { request, context in try diff(request, context.parameters.string("id")) }
        viewers.post("validate") { request, _ in try await validate(request) }
        editors.post("scenarios") { request, context in try await create(request, context) }
        editors.post("scenarios/{id}/versions") { request, context in try await addVersion(request, context) }
    }

    /// The caller's name for the audit table.
    static func author(_ context: ServerRequestContext) -> String { context.identity?.name ?? "anonymous" }

    private func listScenarios() throws -> Response {
        let bodies = try store.scenarioHeads().map { stored, head, count in
            ScenarioBody(
                id: stored.id, name: stored.name, createdAt: stored.createdAt,
                head: head.map { VersionBody($0, withText: false) }, versionCount: count, versions: nil)
        }
        return .json(["scenarios": bodies])
    }

    private func scenario(_ id: String) throws -> Response {
        guard let stored = try store.scenarios().first(where: { $0.id == id }) else {
            throw APIError(.notFound, "not-found", "no scenario \(id)")
        }
        let versions = try store.versions(of: id, includingText: false).map { VersionBody($0, withText: false) }
        return .json(
            ScenarioBody(
                id: stored.id, name: stored.name, createdAt: stored.createdAt, head: versions.last,
                versionCount: versions.count, versions: versions))
    }

    private func versions(_ id: String) throws -> Response {
        let versions = try store.versions(of: id, includingText: false)
        guard !versions.isEmpty else { throw APIError(.notFound, "not-found", "no scenario \(id)") }
        return .json(["versions": versions.map { VersionBody($0, withText: false) }])
    }

    /// A version of scenario `id` (`ETag` = its hash; `If-None-Match` gives 304); `?format=yaml` gives its text.
    private func version(_ request: Request, _ id: String, _ hash: String) throws -> Response {
        let version = try scenarioVersion(id, hash)
        let etag = "\"\(version.hash)\""
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
            })
        {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        let headers: HTTPFields = [.eTag: etag, .cacheControl: "private, max-age=31536000, immutable"]
        if request.uri.queryParameters["format"] == "yaml" {
            return .text(version.text, contentType: "application/yaml; charset=utf-8", headers: headers)
        }
        return .json(VersionBody(version, withText: true), headers: headers)
    }

    /// The version `hash`, which must belong to scenario `id`.
    func scenarioVersion(_ id: String, _ hash: String) throws -> ScenarioVersion {
        try store.version(scenario: id, hash: hash)
    }

    /// `?from=A&to=B`: what changed from A to B, by field path (`from` defaults to B's parent).
    private func diff(_ request: Request, _ id: String) throws -> Response {
        let query = request.uri.queryParameters
        guard let to = query["to"].map(String.init) else {
            throw APIError(.badRequest, "invalid-request", "to: the query needs ?to=HASH (and optionally &from=HASH)")
        }
        let new = try scenarioVersion(id, to)
        guard let from = query["from"].map(String.init) ?? new.parentHash else {
            throw APIError(.badRequest, "invalid-request", "from: version \(to.prefix(12)) has no parent; give ?from=")
        }
        let old = try scenarioVersion(id, from)
        let diff = try ScenarioDiff(from: old.text, to: new.text)
        return .json(DiffBody(from: old.hash, to: new.hash, changes: diff.changes))
    }

    private func validate(_ request: Request) async throws -> Response {
        let (text, file) = try await bodies.scenarioText(request)
        return .json(try await work.run { Self.validation(text, file: file ?? "scenario.yaml") })
    }

    /// The diagnostics of `text` (empty when it is valid), with its summary when valid.
    static func validation(_ text: String, file: String) -> ValidationBody {
        do throws(AnalysisError) {
            let run = try Analyzer.runNow(AnalysisRequest(scenario: .text(text, file: file), analysis: .check))
            let scenario = run.facts.scenario
            return ValidationBody(
                valid: true, diagnostics: [],
                summary: [
                    "providers": scenario.providers.count, "campuses": scenario.campuses.count,
                    "contracts": scenario.contracts.count, "offers": scenario.offers.count,
                    "risks": scenario.risks.count, "months": scenario.monthCount,
                ])
        } catch {
            let diagnostics =
                error.diagnostics.isEmpty
                ? [
                    DiagnosticBody(
                        .init(
                            code: .invalidValue, message: error.message, file: file, line: 0, column: 0,
                            path: error.path))
                ] : error.diagnostics.map(DiagnosticBody.init)
            return ValidationBody(valid: false, diagnostics: diagnostics, summary: nil)
        }
    }

    /// Refuses `text` unless it is a valid scenario (422 with every diagnostic).
    private func requireValid(_ text: String, file: String) async throws {
        let validation = try await work.run { Self.validation(text, file: file) }
        guard validation.valid else {
            throw APIError(
                .unprocessableContent, "invalid-scenario",
                "the scenario has \(validation.diagnostics.count) problem(s); nothing was saved",
                diagnostics: validation.diagnostics)
        }
    }

    private func create(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        let body = try await bodies.json(CreateScenarioBody.self, request)
        try await requireValid(body.text, file: "\(body.id).yaml")
        let (store, author) = (self.store, Self.author(context))
        let version = try await work.write {
            try store.createScenario(
                id: body.id, name: body.name ?? body.id, text: body.text, author: author,
                message: body.message ?? "created")
        }
        return .json(
            VersionBody(version, withText: false), status: .created,
            headers: [.location: "/v1/scenarios/\(body.id)/versions/\(version.hash)", .eTag: "\"\(version.hash)\""])
    }

    /// A new version from the head named in `parent` (or `If-Match`): 201, 200 when the text is unchanged, 409 when
    /// the parent is stale.
    private func addVersion(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        let id = context.parameters.string("id")
        let body = try await bodies.json(AddVersionBody.self, request)
        let ifMatch = request.headers[.ifMatch].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        guard let parent = body.parent ?? ifMatch else {
            throw APIError(
                .preconditionRequired, "parent-required",
                "parent: name the head the edit was made from (in the body or as If-Match)")
        }
        guard try store.head(of: id) != nil else { throw APIError(.notFound, "not-found", "no scenario \(id)") }
        try await requireValid(body.text, file: "\(id).yaml")
        let head = try store.head(of: id)
        let (store, author) = (self.store, Self.author(context))
        let version = try await work.write {
            try store.addVersion(
                scenario: id, parent: parent, text: body.text, author: author, message: body.message ?? "")
        }
        let unchanged = head?.hash == version.hash
        return .json(
            VersionBody(version, withText: false), status: unchanged ? .ok : .created,
            headers: [.location: "/v1/scenarios/\(id)/versions/\(version.hash)", .eTag: "\"\(version.hash)\""])
    }
}

/// What `GET /v1/scenarios/{id}/diff` answers.
struct DiffBody: Codable, Sendable {
    var from: String
    var to: String
    var changes: [ScenarioDiff.Change]
}
