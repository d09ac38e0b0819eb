import Foundation
import GRDB
import HeadroomStore
import Synchronization
import Testing

/// The store on an in-memory database: versions content-addressed and immutable, stale parents refused, runs'
/// transitions, interrupted runs, audit, and the file store surviving a reopen.
@Suite("Scenario store")
struct ScenarioStoreTests {
    /// A store in memory with a clock that ticks one second per call.
    static func store() throws -> ScenarioStore {
        let ticks = Ticks()
        return try ScenarioStore(writer: DatabaseQueue()) { ticks.next() }
    }

    static let v1 = "headroom: 1\nname: a\nstart: 2026-01\nmonths: 12\nworkloads: [training]\n"
    static let v2 = v1.replacingOccurrences(of: "months: 12", with: "months: 24")

    @Test("a version's id is the SHA-256 of its canonical text; CRLF and LF give the same version")
    func contentAddressed() throws {
        let store = try Self.store()
        let first = try store.createScenario(id: "a", name: "A", text: Self.v1, author: "ann", message: "first")
        #expect(first.hash == ScenarioStore.hash(Self.v1))
        #expect(first.hash.count == 64 && first.sequence == 1 && first.parentHash == nil)
        #expect(ScenarioStore.hash(Self.v1.replacingOccurrences(of: "\n", with: "\r\n")) == first.hash)
        // The known SHA-256 of "abc".
        #expect(ScenarioStore.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try store.version(first.hash).text == Self.v1)
    }

    @Test("a new version must name the head as its parent; the same text again is the head")
    func staleParent() throws {
        let store = try Self.store()
        let first = try store.createScenario(id: "a", name: "A", text: Self.v1, author: "ann", message: "first")
        let second = try store.addVersion(
            scenario: "a", parent: first.hash, text: Self.v2, author: "bob", message: "longer")
        #expect(second.sequence == 2 && second.parentHash == first.hash)
        #expect {
            try store.addVersion(
                scenario: "a", parent: first.hash, text: Self.v1 + "# x\n", author: "cy", message: "late")
        } throws: { ($0 as? StoreError)?.code == .staleParent }
        #expect(
            try store.addVersion(scenario: "a", parent: second.hash, text: Self.v2, author: "bob", message: "same")
                == second)
        #expect(try store.versions(of: "a").map(\.hash) == [first.hash, second.hash])
        #expect(try store.head(of: "a") == second)
    }

    @Test("one text can be a version of two scenarios, and a scenario can return to an earlier text")
    func sharedAndReverted() throws {
        let store = try Self.store()
        let a1 = try store.createScenario(id: "a", name: "A", text: Self.v1, author: "ann", message: "first")
        let b1 = try store.createScenario(id: "b", name: "B", text: Self.v1, author: "bob", message: "a fork")
        #expect(a1.hash == b1.hash && b1.scenarioID == "b" && b1.sequence == 1)
        let a2 = try store.addVersion(scenario: "a", parent: a1.hash, text: Self.v2, author: "ann", message: "longer")
        let a3 = try store.addVersion(scenario: "a", parent: a2.hash, text: Self.v1, author: "ann", message: "undo")
        #expect(a3.sequence == 3 && a3.hash == a1.hash && a3.parentHash == a2.hash)
        #expect(try store.versions(of: "a").map(\.sequence) == [1, 2, 3])
        #expect(try store.versions(of: "a").map(\.hash) == [a1.hash, a2.hash, a1.hash])
        #expect(try store.version(scenario: "a", hash: a1.hash).sequence == 3)
        #expect(try store.version(scenario: "a", hash: a1.hash).text == Self.v1)
        #expect(try store.head(of: "a")?.sequence == 3)
        #expect(try store.versions(of: "b").count == 1)
        #expect { try store.version(scenario: "b", hash: a2.hash) } throws: {
            ($0 as? StoreError)?.code == .notFound
        }
        let run = try store.queueRun(
            id: "r", scenario: "b", version: a1.hash, engineVersion: "0", kind: "simulate", optionsJSON: "{}", seed: 1,
            paths: 1, author: "bob")
        #expect(try store.runs(scenario: "b").map(\.id) == [run.id])
        #expect(try store.runs(scenario: "a").isEmpty)
        #expect {
            try store.queueRun(
                id: "s", scenario: "b", version: a2.hash, engineVersion: "0", kind: "simulate", optionsJSON: "{}",
                seed: 1, paths: 1, author: "bob")
        } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect(try store.scenarioHeads().map { $0.versions } == [3, 1])
    }

    @Test("bad input is refused without writing anything", arguments: ["", " \n", "bad id"])
    func badInput(text: String) throws {
        let store = try Self.store()
        let id = text == "bad id" ? "bad id" : "a"
        let body = text == "bad id" ? Self.v1 : text
        #expect {
            try store.createScenario(id: id, name: "A", text: body, author: "ann", message: "m")
        } throws: { ($0 as? StoreError)?.code == .invalidInput }
        #expect(try store.scenarios().isEmpty)
        #expect(try store.audit().isEmpty)
    }

    @Test("unknown ids and taken ids are named")
    func unknownAndTaken() throws {
        let store = try Self.store()
        _ = try store.createScenario(id: "a", name: "A", text: Self.v1, author: "ann", message: "m")
        #expect { try store.createScenario(id: "a", name: "A", text: Self.v2, author: "ann", message: "m") } throws: {
            ($0 as? StoreError)?.code == .conflict
        }
        #expect { try store.version("0000") } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect { try store.addVersion(scenario: "z", parent: "x", text: Self.v2, author: "a", message: "m") } throws: {
            ($0 as? StoreError)?.code == .notFound
        }
        #expect(try store.scenarios().map(\.id) == ["a"])
    }

    @Test("runs move queued → running → succeeded, or are cancelled or failed; other moves are refused")
    func runTransitions() throws {
        let store = try Self.store()
        let version = try store.createScenario(id: "a", name: "A", text: Self.v1, author: "ann", message: "m")
        let queued = try store.queueRun(
            id: "r1", scenario: "a", version: version.hash, engineVersion: "0.4.0", kind: "simulate", optionsJSON: "{}",
            seed: 7,
            paths: 1000, author: "ann")
        #expect(queued.status == .queued && queued.progress == 0)
        #expect { try store.finishRun("r1", resultJSON: "{}") } throws: {
            ($0 as? StoreError)?.code == .invalidTransition
        }
        _ = try store.startRun("r1")
        #expect(try store.recordProgress("r1", 0.25).progress == 0.25)
        #expect(try store.recordProgress("r1", 7).progress == 1)
        let done = try store.finishRun("r1", resultJSON: "{\"ok\":true}")
        #expect(done.status == .succeeded && done.resultJSON == "{\"ok\":true}" && done.finishedAt != nil)
        #expect { try store.cancelRun("r1", by: "ann") } throws: { ($0 as? StoreError)?.code == .invalidTransition }
        _ = try store.queueRun(
            id: "r2", scenario: "a", version: version.hash, engineVersion: "0.4.0", kind: "simulate", optionsJSON: "{}",
            seed: 7,
            paths: 1000, author: "ann")
        #expect(try store.cancelRun("r2", by: "bob").status == .cancelled)
        #expect {
            try store.queueRun(
                id: "r3", scenario: "a", version: "nope", engineVersion: "0", kind: "k", optionsJSON: "{}", seed: 1,
                paths: 1,
                author: "a")
        } throws: {
            ($0 as? StoreError)?.code == .notFound
        }
        #expect(Set(try store.runs(version: version.hash).map(\.id)) == ["r1", "r2"])
        #expect(try store.audit(limit: 1).first?.action == "cancel-run")
    }

    @Test("runs left running by a dead server are marked interrupted at the next start; the file store keeps all")
    func interruptedAndReopen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("headroom.sqlite").path
        let hash: String
        do {
            let store = try ScenarioStore.open(path: path)
            hash = try store.createScenario(id: "a", name: "A", text: Self.v1, author: "ann", message: "m").hash
            _ = try store.queueRun(
                id: "r1", scenario: "a", version: hash, engineVersion: "0.4.0", kind: "simulate", optionsJSON: "{}",
                seed: 1,
                paths: 10, author: "ann")
            _ = try store.startRun("r1")
        }
        let reopened = try ScenarioStore.open(path: path)
        #expect(try reopened.markInterruptedRuns() == 1)
        #expect(try reopened.run("r1").status == .interrupted)
        #expect(try reopened.version(hash).text == Self.v1)
        #expect(try reopened.integrityCheck())
        #expect(try reopened.markInterruptedRuns() == 0)
    }

    @Test("the diff shows only what changed, by field path, entities by id")
    func diff() throws {
        let old = """
            name: a
            months: 12
            contracts:
              - {id: x, provider: p, price_usd_per_mw_month: 1.0e+6}
              - {id: y, provider: q, price_usd_per_mw_month: 2.0e+6}
            demand:
              - {workload: training, anchors: [{month: 2026-01, mw: 10}]}
            """
        let new = """
            # a comment does not count
            name: a
            months: 24
            contracts:
              - {id: y, provider: q, price_usd_per_mw_month: 2.5e+6}
              - {id: z, provider: p, price_usd_per_mw_month: 1.0e+6}
            demand:
              - {workload: training, anchors: [{month: 2026-01, mw: 10}]}
            """
        let changes = try ScenarioDiff(from: old, to: new).changes
        #expect(
            changes.map(\.path) == ["contracts[y].price_usd_per_mw_month", "contracts[z]", "contracts[x]", "months"])
        #expect(changes.map(\.kind) == [.changed, .added, .removed, .changed])
        #expect(changes[0].before == "2000000.0" && changes[0].after == "2500000.0")
        #expect(changes[3].before == "12" && changes[3].after == "24")
        #expect(try ScenarioDiff(from: old, to: old).changes.isEmpty)
        #expect { try ScenarioDiff(from: old, to: "a: [unclosed") } throws: {
            ($0 as? StoreError)?.code == .invalidInput
        }
    }
}

/// A deterministic clock: 2026-12-03T00:00:00Z plus one second per reading.
final class Ticks: Sendable {
    private let count = Mutex(0)

    func next() -> Date {
        let n = count.withLock { value -> Int in
            value += 1
            return value
        }
        return Date(timeIntervalSince1970: 1_796_256_000 + Double(n))
    }
}
