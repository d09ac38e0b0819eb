import GRDB

/// The store's schema, as migrations that are never edited once shipped (add a new one instead).
enum StoreMigrations {
    /// Every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: scenarios, versions, runs, audit") { db in
            try db.create(table: "scenario") { t in
                t.column("id", .text).primaryKey()
                t.column("name", .text).notNull()
                t.column("created_at", .datetime).notNull()
            }
            try db.create(table: "version") { t in
                t.column("hash", .text).primaryKey()
                t.column("scenario_id", .text).notNull().references("scenario", onDelete: .restrict)
                t.column("sequence", .integer).notNull()
                t.column("parent_hash", .text).references("version", onDelete: .restrict)
                t.column("author", .text).notNull()
                t.column("message", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("text", .text).notNull()
                t.uniqueKey(["scenario_id", "sequence"])
            }
            try db.create(table: "run") { t in
                t.column("id", .text).primaryKey()
                t.column("version_hash", .text).notNull().references("version", onDelete: .restrict)
                t.column("engine_version", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("options_json", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("paths", .integer).notNull()
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('queued','running','succeeded','failed','cancelled','interrupted')")
                t.column("progress", .double).notNull()
                t.column("result_json", .text)
                t.column("error", .text)
                t.column("created_at", .datetime).notNull()
                t.column("started_at", .datetime)
                t.column("finished_at", .datetime)
            }
            try db.create(index: "run_by_status", on: "run", columns: ["status"])
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("target", .text).notNull()
                t.column("at", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: texts apart from versions, runs by scenario, api keys, idempotency keys") {
            db in
            // Texts are content-addressed on their own, so that one text can be a version of several scenarios,
            // and a scenario can return to an earlier text (a new version, the same hash).
            try db.create(table: "text") { t in
                t.column("hash", .text).primaryKey()
                t.column("body", .text).notNull()
            }
            try db.execute(sql: "INSERT INTO text (hash, body) SELECT hash, text FROM version")
            try db.create(table: "version_v2") { t in
                t.column("scenario_id", .text).notNull().references("scenario", onDelete: .restrict)
                t.column("sequence", .integer).notNull()
                t.column("hash", .text).notNull().references("text", onDelete: .restrict)
                t.column("parent_hash", .text)
                t.column("author", .text).notNull()
                t.column("message", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.primaryKey(["scenario_id", "sequence"])
            }
            try db.execute(
                sql: """
                    INSERT INTO version_v2 (scenario_id, sequence, hash, parent_hash, author, message, created_at)
                    SELECT scenario_id, sequence, hash, parent_hash, author, message, created_at FROM version
                    """)
            try db.create(table: "run_v2") { t in
                t.column("id", .text).primaryKey()
                t.column("scenario_id", .text).notNull().references("scenario", onDelete: .restrict)
                t.column("version_hash", .text).notNull().references("text", onDelete: .restrict)
                t.column("engine_version", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("options_json", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("paths", .integer).notNull()
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('queued','running','succeeded','failed','cancelled','interrupted')")
                t.column("progress", .double).notNull()
                t.column("result_json", .text)
                t.column("error", .text)
                t.column("created_at", .datetime).notNull()
                t.column("started_at", .datetime)
                t.column("finished_at", .datetime)
            }
            try db.execute(
                sql: """
                    INSERT INTO run_v2 SELECT run.id, version.scenario_id, run.version_hash, run.engine_version,
                        run.kind, run.options_json, run.seed, run.paths, run.status, run.progress, run.result_json,
                        run.error, run.created_at, run.started_at, run.finished_at
                    FROM run JOIN version ON version.hash = run.version_hash
                    """)
            try db.drop(table: "run")
            try db.drop(table: "version")
            try db.rename(table: "version_v2", to: "version")
            try db.rename(table: "run_v2", to: "run")
            try db.create(index: "version_by_hash", on: "version", columns: ["scenario_id", "hash"])
            try db.create(index: "run_by_status", on: "run", columns: ["status"])
            try db.create(index: "run_by_scenario", on: "run", columns: ["scenario_id", "created_at"])
            try db.create(table: "api_key") { t in
                t.column("name", .text).primaryKey()
                t.column("key_hash", .text).notNull().unique()
                t.column("role", .text).notNull().check(sql: "role IN ('viewer','editor')")
                t.column("created_at", .datetime).notNull()
                t.column("revoked_at", .datetime)
            }
            try db.create(table: "idempotency_key") { t in
                t.column("actor", .text).notNull()
                t.column("key", .text).notNull()
                t.column("request_hash", .text).notNull()
                t.column("run_id", .text).notNull().references("run", onDelete: .restrict)
                t.column("created_at", .datetime).notNull()
                t.primaryKey(["actor", "key"])
            }
        }
        return migrator
    }
}
