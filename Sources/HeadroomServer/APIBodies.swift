import Foundation
import HeadroomStore

/// A version as the API shows it (its text only when asked for one version).
struct VersionBody: Codable, Sendable {
    var hash: String
    var scenario: String
    var sequence: Int
    var parent: String?
    var author: String
    var message: String
    var createdAt: Date
    var text: String?

    init(_ version: ScenarioVersion, withText: Bool) {
        hash = version.hash
        scenario = version.scenarioID
        sequence = version.sequence
        parent = version.parentHash
        author = version.author
        message = version.message
        createdAt = version.createdAt
        text = withText ? version.text : nil
    }
}

/// A scenario with its head and (for one scenario) its versions.
struct ScenarioBody: Codable, Sendable {
    var id: String
    var name: String
    var createdAt: Date
    var head: VersionBody?
    var versionCount: Int
    var versions: [VersionBody]?
}

/// A run's status: what it runs, how far it is, and where its results are.
struct RunBody: Codable, Sendable {
    var id: String
    var scenario: String
    var version: String
    var kind: String
    var against: String?
    var status: String
    var progress: Double
    var stage: String?
    var paths: Int
    var seed: UInt64
    var engineVersion: String
    var error: String?
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var links: [String: String]

    init(_ run: StoredRun, scenario: String, stage: String? = nil) {
        id = run.id
        self.scenario = scenario
        version = run.versionHash
        kind = run.kind
        against = try? RunOptions.stored(run.optionsJSON).against
        status = run.status.rawValue
        progress = run.progress
        self.stage = stage
        paths = run.paths
        seed = UInt64(bitPattern: run.seed)
        engineVersion = run.engineVersion
        error = run.error
        createdAt = run.createdAt
        startedAt = run.startedAt
        finishedAt = run.finishedAt
        var links = ["self": "/v1/runs/\(run.id)", "events": "/v1/runs/\(run.id)/events"]
        if run.status == .succeeded {
            links["result"] = "/v1/runs/\(run.id)/result"
            links["csv"] = "/v1/runs/\(run.id)/result?format=csv"
            if run.kind == RunOptions.Kind.simulate.rawValue { links["report"] = "/v1/runs/\(run.id)/report" }
        }
        self.links = links
    }

    /// The body as JSON text (an SSE event's data).
    var json: String { String(decoding: JSONCoding.encode(self), as: UTF8.self) }
}

/// `POST /v1/scenarios`'s body.
struct CreateScenarioBody: Codable, Sendable {
    var id: String
    var name: String?
    var text: String
    var message: String?
}

/// `POST /v1/scenarios/{id}/versions`'s body.
struct AddVersionBody: Codable, Sendable {
    /// The head the edit was made from (or the `If-Match` header).
    var parent: String?
    var text: String
    var message: String?
}

/// `POST /v1/validate`'s JSON body (the scenario text may also be sent as the raw body).
struct ValidateBody: Codable, Sendable {
    var text: String
    var file: String?
}

/// What `POST /v1/validate` answers.
struct ValidationBody: Codable, Sendable {
    var valid: Bool
    var diagnostics: [DiagnosticBody]
    /// When valid: counts of what the scenario holds.
    var summary: [String: Int]?
}

/// `GET /health`'s body.
struct HealthBody: Codable, Sendable {
    var status: String
    var database: String
    var runsRunning: Int
    var runsQueued: Int
    var version: String
}
