import Foundation
import HTTPTypes
import HeadroomAnalysis
import HeadroomEngine
import HeadroomOptimize
import HeadroomStore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HeadroomServer

/// The run endpoints through the router: queue, idempotency, results, reports, comparisons, cancel, time limits.
@Suite("Run API")
struct RunAPITests {
    @Test("a simulate run: 202 with Location, then succeeded with the result as JSON, CSV and the HTML report")
    func simulate() async throws {
        let store = try ServerTest.store()
        try await ServerTest.withServer(store: store) { client in
            let hash = try await client.createScenario("quick")
            let started = try await client.send(
                .post, "/v1/runs", ["scenario": "quick", "paths": 400, "seed": 7, "structures": false])
            #expect(started.status == .accepted)
            let id = try #require(started.object["id"] as? String)
            #expect(started.headers[.location] == "/v1/runs/\(id)")
            #expect(started.object["version"] as? String == hash)
            let ended = try await client.waitForRun(id)
            #expect(ended["status"] as? String == "succeeded", "\(ended)")
            #expect(ended["progress"] as? Double == 1)

            let result = try await client.send(.get, "/v1/runs/\(id)/result")
            let run = try ResultCoding.decode(result.text)
            guard case .report(let outcome) = run.outcome else {
                Issue.record("expected a report outcome")
                return
            }
            #expect(outcome.simulation.paths == 400)
            #expect(outcome.simulation.seed == 7)
            // The stored run reproduces: the same request through the analysis layer gives the same numbers.
            let again = try await Analyzer.run(
                AnalysisRequest(
                    scenario: .text(ServerTest.quickstart, file: "quick"),
                    analysis: .report(SimulationSettings(paths: 400, seed: 7, threads: 2), includeStructures: false)))
            guard case .report(let expected) = again.outcome else { return }
            #expect(expected.simulation.headline == outcome.simulation.headline)

            let csv = try await client.send(.get, "/v1/runs/\(id)/result?format=csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("month,figure,statistic,value\n"))
            let report = try await client.send(.get, "/v1/runs/\(id)/report")
            #expect(report.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(report.text.contains("<svg"))
            #expect(try await client.send(.get, "/v1/runs/\(id)/result?format=xml").status == .badRequest)

            let listed = try await client.send(.get, "/v1/runs?scenario=quick").object["runs"] as? [[String: Any]]
            #expect(listed?.map { $0["id"] as? String } == [id])
            #expect(listed?.first?["status"] as? String == "succeeded")
            let byVersion = try await client.send(.get, "/v1/runs?version=\(hash)&limit=1").object["runs"]
            #expect((byVersion as? [[String: Any]])?.count == 1)
            let none = try await client.send(.get, "/v1/runs?scenario=quick&version=0000").object["runs"]
            #expect((none as? [[String: Any]])?.isEmpty == true)
            let audit = try await client.send(.get, "/v1/audit?limit=2").object["entries"] as? [[String: Any]]
            #expect(audit?.map { $0["action"] as? String } == ["queue-run", "create-scenario"])
            #expect(audit?.first?["actor"] as? String == "anonymous")
            #expect((audit?.first?["target"] as? String)?.hasPrefix(id) == true)
            #expect(try store.run(id).versionHash == hash)
            #expect(try store.run(id).engineVersion == "test")
        }
    }

    @Test("Idempotency-Key: the same request returns the same run; the key reused for another request is 409")
    func idempotency() async throws {
        let store = try ServerTest.store()
        try await ServerTest.withServer(store: store) { client in
            _ = try await client.createScenario("quick")
            let body: [String: Any] = ["scenario": "quick", "paths": 200, "structures": false]
            let first = try await client.send(.post, "/v1/runs", body, headers: [.idempotencyKey: "k-1"])
            let again = try await client.send(.post, "/v1/runs", body, headers: [.idempotencyKey: "k-1"])
            #expect(first.status == .accepted)
            #expect(again.status == .ok)
            #expect(again.object["id"] as? String == first.object["id"] as? String)
            let other = try await client.send(
                .post, "/v1/runs", ["scenario": "quick", "paths": 300], headers: [.idempotencyKey: "k-1"])
            #expect(other.status == .conflict)
            _ = try await client.waitForRun(first.object["id"] as? String ?? "")
        }
        #expect(try store.runs().count == 1)
    }

    @Test("a paired comparison of two versions on common random numbers, and an optimize run")
    func compareAndOptimize() async throws {
        try await ServerTest.withServer { client in
            let a = try await client.createScenario("quick")
            let edited = try await client.send(
                .post, "/v1/scenarios/quick/versions", ["parent": a, "text": ScenarioAPITests.cheaper])
            let b = try #require(edited.object["hash"] as? String)
            let started = try await client.send(
                .post, "/v1/runs", ["scenario": "quick", "version": a, "against": b, "kind": "compare", "paths": 300])
            let id = try #require(started.object["id"] as? String)
            #expect(try await client.waitForRun(id)["status"] as? String == "succeeded")
            let result = try await client.send(.get, "/v1/runs/\(id)/result")
            let run = try ResultCoding.decode(result.text)
            guard case .comparison(let comparison, _) = run.outcome else {
                Issue.record("expected a comparison")
                return
            }
            // The cheaper lease lowers spend on every path: common random numbers make the paired error tiny.
            let spend = try #require(comparison.figures.first { $0.name.contains("spend") })
            #expect(spend.difference.value < 0)
            #expect(spend.difference.standardError < spend.independentStandardError)
            #expect(try await client.send(.get, "/v1/runs/\(id)/report").status == .conflict)
            let csv = try await client.send(.get, "/v1/runs/\(id)/result?format=csv")
            #expect(csv.text.contains(",probability_b_greater,"))

            let offers = try String(
                contentsOf: ServerTest.packageRoot.appendingPathComponent("examples/offers.yaml"), encoding: .utf8)
            _ = try await client.createScenario("offers", text: offers)
            let optimize = try await client.send(
                .post, "/v1/runs",
                ["scenario": "offers", "kind": "optimize", "paths": 500, "optimize_paths": 20, "seed": 3])
            let optimizeID = try #require(optimize.object["id"] as? String)
            let optimized = try await client.waitForRun(optimizeID)
            #expect(optimized["status"] as? String == "succeeded", "\(optimized)")
            let plan = try await client.send(.get, "/v1/runs/\(optimizeID)/result")
            let planRun = try ResultCoding.decode(plan.text)
            guard case .optimization(let outcome) = planRun.outcome else {
                Issue.record("expected an optimization")
                return
            }
            #expect(outcome.plan.lowerBoundUSD <= outcome.plan.objectiveUSD * (1 + 1e-6))
            #expect(outcome.plan.paths == 20)
            #expect(outcome.evaluation?.paths == 500)

            let noAgainst = try await client.send(.post, "/v1/runs", ["scenario": "quick", "kind": "compare"])
            #expect(noAgainst.status == .unprocessableContent)
            let badKind = try await client.send(.post, "/v1/runs", ["scenario": "quick", "kind": "dance"])
            #expect(badKind.status == .unprocessableContent)
            let tooMany = try await client.send(.post, "/v1/runs", ["scenario": "quick", "paths": 10_000_000])
            #expect(tooMany.status == .unprocessableContent)
            let unknown = try await client.send(.post, "/v1/runs", ["scenario": "quick", "version": "abc"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test("cancel a waiting run and a running one; the time limit stops a run; a full queue is 503")
    func cancelAndLimits() async throws {
        let store = try ServerTest.store()
        try await ServerTest.withServer(
            store: store, configuration: ServerTest.configuration(maxQueuedRuns: 1, runTimeLimit: 0.05)
        ) { client in
            _ = try await client.createScenario("quick")
            let long: [String: Any] = ["scenario": "quick", "paths": 500, "structures": false]
            let running = try #require(try await client.send(.post, "/v1/runs", long).object["id"] as? String)
            let waiting = try #require(try await client.send(.post, "/v1/runs", long).object["id"] as? String)
            let full = try await client.send(.post, "/v1/runs", long)
            #expect(full.status == .serviceUnavailable)
            #expect(full.headers[.retryAfter] == "30")
            let cancelled = try await client.send(.post, "/v1/runs/\(waiting)/cancel")
            #expect(cancelled.status == .accepted)
            #expect(cancelled.object["status"] as? String == "cancelled")
            #expect(try await client.send(.post, "/v1/runs/\(waiting)/cancel").status == .conflict)
            let stopped = try await client.waitForRun(running)
            #expect(stopped["status"] as? String == "failed")
            #expect((stopped["error"] as? String)?.contains("time limit of 0.05 s") == true)
            #expect(try await client.send(.get, "/v1/runs/\(running)/result").errorCode == "not-finished")

        }
        try await ServerTest.withServer(store: store) { client in
            // Two waves of paths: still running when cancelled (it stops at the end of its first wave).
            let third = try #require(
                try await client.send(.post, "/v1/runs", ["scenario": "quick", "paths": 9_000, "structures": false])
                    .object["id"] as? String)
            while try await client.send(.get, "/v1/runs/\(third)").object["status"] as? String == "queued" {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(try await client.send(.post, "/v1/runs/\(third)/cancel").status == .accepted)
            #expect(try await client.waitForRun(third)["status"] as? String == "cancelled")
        }
        #expect(try store.audit().contains { $0.action == "cancel-run" && $0.actor == "anonymous" })
    }
}
