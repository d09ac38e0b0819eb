import Crypto
import Foundation
import GRDB
import HeadroomScenario

/// Scenarios with immutable, content-addressed versions, and the runs made of them, in SQLite through GRDB.
///
/// Every write is one transaction (with its audit row), so nothing is half-written: a crash leaves the database
/// as it was before the write or after it. On disk it uses a `DatabasePool` (WAL); tests use an in-memory
/// `DatabaseQueue`. Versions are never changed or deleted; a new version must name the scenario's head as its
/// parent, so two editors cannot silently overwrite each other.
public struct ScenarioStore: Sendable {
    private let writer: any DatabaseWriter
    /// The clock that stamps records (injected so tests are deterministic).
    private let now: @Sendable () -> Date

    /// Opens (creating if needed) the store in the SQLite file at `path`, in WAL mode, and migrates it.
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated.
    public static func open(path: String, now: @escaping @Sendable () -> Date = { Date() }) throws(StoreError)
        -> ScenarioStore
    {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path)
        } catch {
            throw StoreError(.database, "cannot open \(path): \(error)")
        }
        return try ScenarioStore(writer: pool, now: now)
    }

    /// A store on `writer` (a `DatabaseQueue` in memory for tests), migrated.
    /// - Throws: ``StoreError`` when migrating fails.
    public init(writer: any DatabaseWriter, now: @escaping @Sendable () -> Date = { Date() }) throws(StoreError) {
        self.writer = writer
        self.now = now
        do {
            try StoreMigrations.migrator.migrate(writer)
        } catch {
            throw StoreError(.database, "cannot migrate the store: \(error)")
        }
    }

    /// The canonical text of a scenario file: line endings normalised to `\n`.
    public static func canonical(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The lowercase hex SHA-256 of `text`'s canonical form.
    public static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(canonical(text).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a scenario with its first version.
    /// - Returns: the first version.
    /// - Throws: ``StoreError``: a malformed or taken id, an empty text.
    public func createScenario(id: String, name: String, text: String, author: String, message: String)
        throws(StoreError) -> ScenarioVersion
    {
        guard id.count <= 200, ScenarioReader.isValidID(id) else {
            throw StoreError(.invalidInput, "scenario id '\(id)': expected letters, digits, '.', '_', '-'")
        }
        return try write { db throws(StoreError) in
            if try run({ try StoredScenario.exists(db, key: id) }) {
                throw StoreError(.conflict, "scenario \(id) exists")
            }
            try run { try StoredScenario(id: id, name: name, createdAt: currentDate()).insert(db) }
            return try insertVersion(
                db, scenario: id, parent: nil, sequence: 1, text: text, author: author, message: message)
        }
    }

    /// Adds a version to scenario `id`, made from `parent`, which must be the scenario's head.
    /// - Returns: the new version (or the head itself when `text` is the head's text: nothing changed).
    /// - Throws: ``StoreError``: an unknown scenario, a stale parent, an empty text.
    public func addVersion(scenario id: String, parent: String, text: String, author: String, message: String)
        throws(StoreError) -> ScenarioVersion
    {
        try write { db throws(StoreError) in
            guard let head = try headVersion(db, of: id) else {
                throw StoreError(.notFound, "no scenario \(id)")
            }
            guard head.hash == parent else {
                throw StoreError(
                    .staleParent, "scenario \(id): parent \(parent.prefix(12)) is not the head \(head.hash.prefix(12))")
            }
            if Self.hash(text) == head.hash { return head }
            return try insertVersion(
                db, scenario: id, parent: parent, sequence: head.sequence + 1, text: text, author: author,
                message: message)
        }
    }

    /// Every scenario, by id.
    public func scenarios() throws(StoreError) -> [StoredScenario] {
        try read { db throws(StoreError) in try run { try StoredScenario.order(Column("id")).fetchAll(db) } }
    }

    /// A scenario's versions, oldest first; without their texts (empty strings) unless `includingText`.
    public func versions(of id: String, includingText: Bool = true) throws(StoreError) -> [ScenarioVersion] {
        try read { db throws(StoreError) in
            try run {
                try ScenarioVersion.fetchAll(
                    db, sql: Self.versionQuery(includingText) + " WHERE version.scenario_id = ? ORDER BY sequence",
                    arguments: [id])
            }
        }
    }

    /// Every scenario with its head (without its text) and its number of versions, by id: one query.
    public func scenarioHeads() throws(StoreError) -> [(
        scenario: StoredScenario, head: ScenarioVersion?, versions: Int
    )] {
        try read { db throws(StoreError) in
            try run {
                let scenarios = try StoredScenario.order(Column("id")).fetchAll(db)
                let heads = try Row.fetchAll(
                    db,
                    sql: Self.versionQuery(false, extra: ", counts.n") + """
                         JOIN (SELECT scenario_id AS sid, MAX(sequence) AS top, COUNT(*) AS n FROM version
                              GROUP BY scenario_id) AS counts
                        ON version.scenario_id = counts.sid AND version.sequence = counts.top
                        """)
                var byScenario: [String: (ScenarioVersion, Int)] = [:]
                for row in heads {
                    let version = try ScenarioVersion(row: row)
                    byScenario[version.scenarioID] = (version, row["n"])
                }
                return scenarios.map { ($0, byScenario[$0.id]?.0, byScenario[$0.id]?.1 ?? 0) }
            }
        }
    }

    /// The query of versions with their text (or an empty string unless `text`), and `extra` columns.
    private static func versionQuery(_ text: Bool, extra: String = "") -> String {
        "SELECT version.hash, version.scenario_id, version.sequence, version.parent_hash, version.author, "
            + "version.message, version.created_at, " + (text ? "text.body AS text" : "'' AS text") + extra
            + " FROM version" + (text ? " JOIN text ON text.hash = version.hash" : "")
    }

    /// The newest version of scenario `id` whose text has `hash`.
    /// - Throws: ``StoreError/Code/notFound``.
    public func version(scenario id: String, hash: String) throws(StoreError) -> ScenarioVersion {
        let found = try read { db throws(StoreError) in
            try run {
                try ScenarioVersion.fetchOne(
                    db,
                    sql: Self.versionQuery(true)
                        + " WHERE version.scenario_id = ? AND version.hash = ? ORDER BY sequence DESC LIMIT 1",
                    arguments: [id, hash])
            }
        }
        guard let found else { throw StoreError(.notFound, "scenario \(id) has no version \(hash)") }
        return found
    }

    /// The newest version, in any scenario, whose text has `hash` (its text is the same wherever it is).
    /// - Throws: ``StoreError/Code/notFound``.
    public func version(_ hash: String) throws(StoreError) -> ScenarioVersion {
        let found = try read { db throws(StoreError) in
            try run {
                try ScenarioVersion.fetchOne(
                    db,
                    sql: Self.versionQuery(true) + " WHERE version.hash = ? ORDER BY version.created_at DESC LIMIT 1",
                    arguments: [hash])
            }
        }
        guard let found else { throw StoreError(.notFound, "no version \(hash)") }
        return found
    }

    /// The newest version of scenario `id`, if it exists.
    public func head(of id: String) throws(StoreError) -> ScenarioVersion? {
        try read { db throws(StoreError) in try headVersion(db, of: id) }
    }

    /// Who wrote what, newest first.
    public func audit(limit: Int = 100) throws(StoreError) -> [AuditEntry] {
        try read { db throws(StoreError) in
            try run {
                try Row.fetchAll(
                    db, sql: "SELECT actor, action, target, at FROM audit ORDER BY id DESC LIMIT ?",
                    arguments: [limit]
                )
                .map { AuditEntry(actor: $0["actor"], action: $0["action"], target: $0["target"], at: $0["at"]) }
            }
        }
    }

    /// Whether the database answers a query (a cheap liveness check, unlike ``integrityCheck()``).
    public func isReachable() -> Bool {
        (try? read { db throws(StoreError) in try run { try Int.fetchOne(db, sql: "SELECT count(*) FROM scenario") } })
            != nil
    }

    /// Whether SQLite's integrity check passes.
    public func integrityCheck() throws(StoreError) -> Bool {
        try read { db throws(StoreError) in
            try run { try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok" }
        }
    }

    // MARK: - Internals

    /// The store's clock.
    func currentDate() -> Date { now() }

    private func headVersion(_ db: Database, of id: String) throws(StoreError) -> ScenarioVersion? {
        try run {
            try ScenarioVersion.fetchOne(
                db, sql: Self.versionQuery(true) + " WHERE version.scenario_id = ? ORDER BY sequence DESC LIMIT 1",
                arguments: [id])
        }
    }

    /// Stores `text` (once per hash) and a version of `scenario` with it.
    private func insertVersion(
        _ db: Database, scenario: String, parent: String?, sequence: Int, text: String, author: String,
        message: String
    ) throws(StoreError) -> ScenarioVersion {
        let canonical = Self.canonical(text)
        guard !canonical.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(.invalidInput, "scenario \(scenario): the text is empty")
        }
        let hash = Self.hash(canonical)
        let version = ScenarioVersion(
            hash: hash, scenarioID: scenario, sequence: sequence, parentHash: parent, author: author,
            message: message, createdAt: currentDate(), text: canonical)
        try run {
            try db.execute(sql: "INSERT OR IGNORE INTO text (hash, body) VALUES (?, ?)", arguments: [hash, canonical])
            try db.execute(
                sql: """
                    INSERT INTO version (scenario_id, sequence, hash, parent_hash, author, message, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [scenario, sequence, hash, parent, author, message, version.createdAt])
        }
        try recordAudit(
            db, actor: author, action: sequence == 1 ? "create-scenario" : "add-version", target: "\(scenario)@\(hash)")
        return version
    }

    func recordAudit(_ db: Database, actor: String, action: String, target: String) throws(StoreError) {
        try run {
            try db.execute(
                sql: "INSERT INTO audit (actor, action, target, at) VALUES (?, ?, ?, ?)",
                arguments: [actor, action, target, currentDate()])
        }
    }

    /// Runs a GRDB call, turning its errors into ``StoreError``.
    func run<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw Self.storeError(error)
        }
    }

    /// One write transaction: everything `body` writes, or nothing when it throws.
    func write<T>(_ body: (Database) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try writer.write { db in try body(db) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// One read.
    func read<T>(_ body: (Database) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try writer.read { db in try body(db) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// `error` itself when it is a ``StoreError``, else a database error with its description.
    static func storeError(_ error: any Error) -> StoreError {
        (error as? StoreError) ?? StoreError(.database, "\(error)")
    }
}
