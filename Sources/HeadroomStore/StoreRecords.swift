import Foundation
import GRDB

/// A scenario kept in the store: an id, a name, and an ordered history of immutable versions.
public struct StoredScenario: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The table's name.
    public static let databaseTableName = "scenario"
    /// The scenario's id (`[A-Za-z0-9][A-Za-z0-9._-]*`).
    public var id: String
    /// A readable name.
    public var name: String
    /// When it was created.
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
    }
}

/// One immutable version of a scenario: its text, addressed by its SHA-256, at a place in the scenario's history.
///
/// The same text may be a version of several scenarios, or return later in one.
public struct ScenarioVersion: Sendable, Hashable, Codable, FetchableRecord {
    /// Lowercase hex SHA-256 of ``text``.
    public var hash: String
    /// The scenario it belongs to.
    public var scenarioID: String
    /// Its position in the scenario's history, from 1.
    public var sequence: Int
    /// The hash of the version it was made from (the head then); `nil` for the first.
    public var parentHash: String?
    /// Who wrote it.
    public var author: String
    /// Why.
    public var message: String
    /// When.
    public var createdAt: Date
    /// The scenario file, as written (line endings normalised to `\n`): the canonical text.
    public var text: String

    enum CodingKeys: String, CodingKey {
        case hash, sequence, author, message, text
        case scenarioID = "scenario_id"
        case parentHash = "parent_hash"
        case createdAt = "created_at"
    }
}

/// Where a run is in its life.
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Waiting for a worker.
    case queued
    /// Running.
    case running
    /// Finished with a result.
    case succeeded
    /// Finished with an error.
    case failed
    /// Stopped at a user's request.
    case cancelled
    /// Left `running` by a server that died; marked at the next start.
    case interrupted

    /// Whether the run has ended.
    public var isFinal: Bool { self != .queued && self != .running }
}

/// A run, pinned to what makes it reproducible: the version's hash, the engine version, the kind, the options,
/// the seed and the paths; with its status, progress and result.
public struct StoredRun: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The table's name.
    public static let databaseTableName = "run"
    /// The run's id.
    public var id: String
    /// The scenario whose version it runs.
    public var scenarioID: String
    /// The hash of the version it runs (its text).
    public var versionHash: String
    /// The engine version that runs it.
    public var engineVersion: String
    /// The analysis kind, such as `simulate`, `compare` or `optimize`.
    public var kind: String
    /// The request's settings, JSON.
    public var optionsJSON: String
    /// The seed.
    public var seed: Int64
    /// Paths asked for.
    public var paths: Int
    /// Its status.
    public var status: RunStatus
    /// Share done, in [0, 1].
    public var progress: Double
    /// The result, JSON, once succeeded.
    public var resultJSON: String?
    /// Why it failed, once failed.
    public var error: String?
    /// When it was queued.
    public var createdAt: Date
    /// When it started.
    public var startedAt: Date?
    /// When it ended.
    public var finishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, kind, seed, paths, status, progress, error
        case scenarioID = "scenario_id"
        case versionHash = "version_hash"
        case engineVersion = "engine_version"
        case optionsJSON = "options_json"
        case resultJSON = "result_json"
        case createdAt = "created_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }
}

/// One row of the audit table: who wrote what, and when.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Who (an API key's name, or the author a command names).
    public var actor: String
    /// What: `create-scenario`, `add-version`, `queue-run`, `cancel-run`, `create-key`, `revoke-key`.
    public var action: String
    /// On what: `scenario@hash`, a run id, a key name.
    public var target: String
    /// When.
    public var at: Date
}

/// Why a store operation was refused, naming what and where.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal.
    public var code: Code
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// Kinds of refusal.
    public enum Code: String, Sendable, Hashable {
        /// No such scenario, version or run.
        case notFound = "not-found"
        /// The id is taken, or malformed.
        case conflict
        /// A new version's parent is not the scenario's head.
        case staleParent = "stale-parent"
        /// A run cannot move from its status to the one asked.
        case invalidTransition = "invalid-transition"
        /// The input is malformed (an empty text, a bad id).
        case invalidInput = "invalid-input"
        /// SQLite failed.
        case database
    }
}
