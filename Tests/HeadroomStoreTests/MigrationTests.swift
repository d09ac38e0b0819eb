import GRDB
import Testing

@testable import HeadroomStore

/// Shipped migrations are never edited: the schema that `v1` creates is pinned here, so editing the migration
/// (instead of adding a new one) fails this test.
@Suite("Store migrations")
struct MigrationTests {
    @Test("v1 creates exactly the pinned schema, and migrating again changes nothing")
    func pinnedSchema() throws {
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue, upTo: "v1: scenarios, versions, runs, audit")
        let schema = try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(schema.count == 6, "\(schema)")
        let joined = schema.joined(separator: "\n")
        for fragment in [
            #"CREATE TABLE "scenario" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "created_at" DATETIME NOT NULL)"#,
            #""scenario_id" TEXT NOT NULL REFERENCES "scenario"("id") ON DELETE RESTRICT"#,
            #""parent_hash" TEXT REFERENCES "version"("hash") ON DELETE RESTRICT"#,
            #"UNIQUE ("scenario_id", "sequence")"#,
            #"CHECK (status IN ('queued','running','succeeded','failed','cancelled','interrupted'))"#,
            #"CREATE INDEX "run_by_status" ON "run"("status")"#,
            #"CREATE TABLE "audit" ("id" INTEGER PRIMARY KEY AUTOINCREMENT"#,
        ] {
            #expect(joined.contains(fragment), "missing \(fragment) in\n\(joined)")
        }
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1: scenarios, versions, runs, audit"])
    }

    @Test("v2 adds the API key and idempotency tables, and migrating again changes nothing")
    func pinnedKeys() throws {
        let queue = try DatabaseQueue()
        _ = try ScenarioStore(writer: queue)
        let keys = try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE tbl_name = 'api_key' AND sql IS NOT NULL ORDER BY name")
        }
        let joined = keys.joined(separator: "\n")
        #expect(joined.contains(#""key_hash" TEXT NOT NULL UNIQUE"#), "\(joined)")
        #expect(joined.contains(#"CHECK (role IN ('viewer','editor'))"#), "\(joined)")
        let idempotency = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'idempotency_key'")
        }
        #expect(idempotency?.contains(#"PRIMARY KEY ("actor", "key")"#) == true, "\(idempotency ?? "")")
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1: scenarios, versions, runs, audit", "v2: api keys, idempotency keys"])
        _ = try ScenarioStore(writer: queue)
        #expect(
            try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") } == applied)
    }
}
