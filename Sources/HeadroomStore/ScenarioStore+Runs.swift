import Foundation
import GRDB

extension ScenarioStore {
    /// Queues a run of version `hash`, pinned to what makes it reproducible.
    /// - Returns: the queued run.
    /// - Throws: ``StoreError``: an unknown version, a taken run id.
    public func queueRun(
        id: String, scenario: String, version hash: String, engineVersion: String, kind: String, optionsJSON: String,
        seed: UInt64, paths: Int, author: String
    ) throws(StoreError) -> StoredRun {
        try write { db throws(StoreError) in
            try insertRun(
                db, id: id, scenario: scenario, version: hash, engineVersion: engineVersion, kind: kind,
                optionsJSON: optionsJSON, seed: seed, paths: paths, author: author)
        }
    }

    private func insertRun(
        _ db: Database, id: String, scenario: String, version hash: String, engineVersion: String, kind: String,
        optionsJSON: String, seed: UInt64, paths: Int, author: String
    ) throws(StoreError) -> StoredRun {
        let known = try run {
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM version WHERE scenario_id = ? AND hash = ?)",
                arguments: [scenario, hash])
        }
        guard known == true else { throw StoreError(.notFound, "scenario \(scenario) has no version \(hash)") }
        if try run({ try StoredRun.exists(db, key: id) }) { throw StoreError(.conflict, "run \(id) exists") }
        let stored = StoredRun(
            id: id, scenarioID: scenario, versionHash: hash, engineVersion: engineVersion, kind: kind,
            optionsJSON: optionsJSON,
            seed: Int64(bitPattern: seed), paths: paths, status: .queued, progress: 0, resultJSON: nil, error: nil,
            createdAt: currentDate(), startedAt: nil, finishedAt: nil)
        try run { try stored.insert(db) }
        try recordAudit(db, actor: author, action: "queue-run", target: "\(id)@\(hash)")
        return stored
    }

    /// Queues a run under an idempotency key: the first request with (`author`, `key`) queues it; a repeat with the
    /// same request hash returns that run; a repeat with another request is refused.
    /// - Returns: the run, and whether it was queued by an earlier request with this key.
    /// - Throws: ``StoreError``: as ``queueRun(id:scenario:version:engineVersion:kind:optionsJSON:seed:paths:author:)``, and
    ///   ``StoreError/Code/conflict`` when the key was used for another request.
    public func queueRun(
        id: String, scenario: String, version hash: String, engineVersion: String, kind: String, optionsJSON: String,
        seed: UInt64, paths: Int, author: String, idempotencyKey key: String, requestHash: String
    ) throws(StoreError) -> (run: StoredRun, replayed: Bool) {
        try write { db throws(StoreError) in
            let earlier = try run {
                try Row.fetchOne(
                    db, sql: "SELECT request_hash, run_id FROM idempotency_key WHERE actor = ? AND key = ?",
                    arguments: [author, key])
            }
            if let earlier {
                guard earlier["request_hash"] == requestHash else {
                    throw StoreError(.conflict, "idempotency key '\(key)' was used for another request")
                }
                let runID: String = earlier["run_id"]
                guard let found = try run({ try StoredRun.fetchOne(db, key: runID) }) else {
                    throw StoreError(.notFound, "no run \(runID)")
                }
                return (found, true)
            }
            let queued = try insertRun(
                db, id: id, scenario: scenario, version: hash, engineVersion: engineVersion, kind: kind,
                optionsJSON: optionsJSON, seed: seed, paths: paths, author: author)
            try run {
                try db.execute(
                    sql:
                        "INSERT INTO idempotency_key (actor, key, request_hash, run_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [author, key, requestHash, id, currentDate()])
            }
            return (queued, false)
        }
    }

    /// The run an earlier request of `actor` queued under idempotency key `key`, with that request's hash.
    public func idempotentRun(actor: String, key: String) throws(StoreError) -> (requestHash: String, run: StoredRun)? {
        try read { db throws(StoreError) in
            try run {
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT request_hash, run_id FROM idempotency_key WHERE actor = ? AND key = ?",
                        arguments: [actor, key]),
                    let found = try StoredRun.fetchOne(db, key: row["run_id"] as String)
                else { return nil }
                return (row["request_hash"], found)
            }
        }
    }

    /// At most `limit` runs (of scenario `scenario` and version `version`, when given), newest first, without
    /// their results (`resultJSON` is `nil`: read a run's result with ``run(_:)``).
    public func runSummaries(scenario: String? = nil, version: String? = nil, limit: Int) throws(StoreError)
        -> [StoredRun]
    {
        try read { db throws(StoreError) in
            try run {
                let columns = [
                    "id", "scenario_id", "version_hash", "engine_version", "kind", "options_json", "seed", "paths",
                    "status", "progress", "error", "created_at", "started_at", "finished_at",
                ]
                var request = StoredRun.select(columns.map { Column($0) } + [SQL("NULL AS result_json")])
                if let scenario { request = request.filter(Column("scenario_id") == scenario) }
                if let version { request = request.filter(Column("version_hash") == version) }
                return try request.order(Column("created_at").desc, Column("id")).limit(limit).fetchAll(db)
            }
        }
    }

    /// The run with `id`.
    /// - Throws: ``StoreError/Code/notFound``.
    public func run(_ id: String) throws(StoreError) -> StoredRun {
        let found = try read { db throws(StoreError) in try run { try StoredRun.fetchOne(db, key: id) } }
        guard let found else { throw StoreError(.notFound, "no run \(id)") }
        return found
    }

    /// Runs of version `hash` (every run when `nil`), newest first.
    public func runs(version hash: String? = nil) throws(StoreError) -> [StoredRun] {
        try read { db throws(StoreError) in
            try run {
                var request = StoredRun.order(Column("created_at").desc, Column("id"))
                if let hash { request = request.filter(Column("version_hash") == hash) }
                return try request.fetchAll(db)
            }
        }
    }

    /// Moves a queued run to running.
    public func startRun(_ id: String) throws(StoreError) -> StoredRun {
        try transition(id, from: [.queued], to: .running) { $0.startedAt = currentDate() }
    }

    /// Records a running run's progress (clamped to [0, 1]).
    public func recordProgress(_ id: String, _ fraction: Double) throws(StoreError) -> StoredRun {
        try transition(id, from: [.running], to: .running) {
            $0.progress = min(1, max(0, fraction.isFinite ? fraction : 0))
        }
    }

    /// Ends a running run with its result.
    public func finishRun(_ id: String, resultJSON: String) throws(StoreError) -> StoredRun {
        try transition(id, from: [.running], to: .succeeded) {
            $0.resultJSON = resultJSON
            $0.progress = 1
            $0.finishedAt = currentDate()
        }
    }

    /// Ends a queued or running run with an error.
    public func failRun(_ id: String, error message: String) throws(StoreError) -> StoredRun {
        try transition(id, from: [.queued, .running], to: .failed) {
            $0.error = message
            $0.finishedAt = currentDate()
        }
    }

    /// Cancels a queued or running run.
    public func cancelRun(_ id: String, by author: String) throws(StoreError) -> StoredRun {
        try transition(id, from: [.queued, .running], to: .cancelled, audit: (author, "cancel-run")) {
            $0.finishedAt = currentDate()
        }
    }

    /// Marks every run left `running` (by a server that died) as interrupted; a server calls it when it starts.
    /// - Returns: how many runs were marked.
    public func markInterruptedRuns() throws(StoreError) -> Int {
        try write { db throws(StoreError) in
            try run {
                try db.execute(
                    sql: "UPDATE run SET status = 'interrupted', finished_at = ? WHERE status = 'running'",
                    arguments: [currentDate()])
                return db.changesCount
            }
        }
    }

    private func transition(
        _ id: String, from allowed: Set<RunStatus>, to status: RunStatus, audit: (String, String)? = nil,
        _ change: (inout StoredRun) -> Void
    ) throws(StoreError) -> StoredRun {
        try write { db throws(StoreError) in
            guard var stored = try run({ try StoredRun.fetchOne(db, key: id) }) else {
                throw StoreError(.notFound, "no run \(id)")
            }
            guard allowed.contains(stored.status) else {
                throw StoreError(
                    .invalidTransition, "run \(id) is \(stored.status.rawValue), cannot become \(status.rawValue)")
            }
            stored.status = status
            change(&stored)
            try run { try stored.update(db) }
            if let (actor, action) = audit { try recordAudit(db, actor: actor, action: action, target: id) }
            return stored
        }
    }
}

extension ScenarioStore {
    /// Runs of every version of scenario `id`, newest first.
    public func runs(scenario id: String) throws(StoreError) -> [StoredRun] {
        try read { db throws(StoreError) in
            try run {
                try StoredRun.filter(Column("scenario_id") == id).order(Column("created_at").desc, Column("id"))
                    .fetchAll(db)
            }
        }
    }
}
