import Foundation
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

    @Test("v2 moves texts apart from versions, keys runs by scenario, adds keys; migrating again changes nothing")
    func pinnedV2() throws {
        let queue = try DatabaseQueue()
        _ = try ScenarioStore(writer: queue)
        let schema = try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        let joined = schema.joined(separator: "\n")
        for fragment in [
            #"CREATE TABLE "text" ("hash" TEXT PRIMARY KEY, "body" TEXT NOT NULL)"#,
            #""hash" TEXT NOT NULL REFERENCES "text"("hash") ON DELETE RESTRICT"#,
            #"PRIMARY KEY ("scenario_id", "sequence")"#,
            #""version_hash" TEXT NOT NULL REFERENCES "text"("hash") ON DELETE RESTRICT"#,
            #"CREATE INDEX "run_by_scenario" ON "run"("scenario_id", "created_at")"#,
            #""key_hash" TEXT NOT NULL UNIQUE"#,
            #"CHECK (role IN ('viewer','editor'))"#,
            #"PRIMARY KEY ("actor", "key")"#,
        ] {
            #expect(joined.contains(fragment), "missing \(fragment) in\n\(joined)")
        }
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(
            applied == [
                "v1: scenarios, versions, runs, audit",
                "v2: texts apart from versions, runs by scenario, api keys, idempotency keys",
            ])
        _ = try ScenarioStore(writer: queue)
        #expect(
            try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") } == applied)
    }

    @Test("a v1 store with scenarios, versions and runs migrates to v2 with everything kept")
    func upgradesV1() throws {
        let queue = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(queue, upTo: "v1: scenarios, versions, runs, audit")
        let text = "headroom: 1\nname: a\n"
        let hash = ScenarioStore.hash(text)
        try queue.write { db in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            try db.execute(sql: "INSERT INTO scenario VALUES ('a', 'A', ?)", arguments: [now])
            try db.execute(
                sql: "INSERT INTO version VALUES (?, 'a', 1, NULL, 'ann', 'first', ?, ?)", arguments: [hash, now, text])
            try db.execute(
                sql: """
                    INSERT INTO run VALUES ('r1', ?, '0.4.0', 'simulate', '{}', 7, 100, 'succeeded', 1, '{"x":1}',
                    NULL, ?, ?, ?)
                    """, arguments: [hash, now, now, now])
        }
        let store = try ScenarioStore(writer: queue)
        #expect(try store.version(scenario: "a", hash: hash).text == text)
        let run = try store.run("r1")
        #expect(run.scenarioID == "a" && run.versionHash == hash && run.seed == 7 && run.resultJSON == #"{"x":1}"#)
        #expect(try store.integrityCheck())
        #expect(try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }
}
