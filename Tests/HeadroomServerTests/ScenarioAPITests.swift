import Foundation
import HTTPTypes
import HeadroomStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The scenario endpoints through the router: versions, ETags, diffs, validation, and every kind of bad input.
@Suite("Scenario API")
struct ScenarioAPITests {
    static let cheaper = ServerTest.quickstart.replacingOccurrences(
        of: "    price_usd_per_mw_month: 1.4e+6", with: "    price_usd_per_mw_month: 1.2e+6")

    @Test("create, list, get; versions are content-addressed with ETags, 304 on If-None-Match, YAML on request")
    func versions() async throws {
        try await ServerTest.withServer { client in
            let created = try await client.send(.post, "/v1/scenarios", ["id": "quick", "text": ServerTest.quickstart])
            #expect(created.status == .created)
            let hash = try #require(created.object["hash"] as? String)
            #expect(hash == ScenarioStore.hash(ServerTest.quickstart))
            #expect(created.headers[.location] == "/v1/scenarios/quick/versions/\(hash)")
            #expect(created.object["author"] as? String == "anonymous")

            let list = try await client.send(.get, "/v1/scenarios").object["scenarios"] as? [[String: Any]]
            #expect(list?.count == 1)
            #expect((list?.first?["head"] as? [String: Any])?["hash"] as? String == hash)

            let version = try await client.send(.get, "/v1/scenarios/quick/versions/\(hash)")
            #expect(version.status == .ok)
            #expect(version.headers[.eTag] == "\"\(hash)\"")
            #expect(version.object["text"] as? String == ServerTest.quickstart)
            let cached = try await client.send(
                .get, "/v1/scenarios/quick/versions/\(hash)", headers: [.ifNoneMatch: "\"\(hash)\""])
            #expect(cached.status == .notModified)
            let yaml = try await client.send(.get, "/v1/scenarios/quick/versions/\(hash)?format=yaml")
            #expect(yaml.text == ServerTest.quickstart)
            #expect(yaml.headers[.contentType]?.hasPrefix("application/yaml") == true)

            let second = try await client.send(
                .post, "/v1/scenarios/quick/versions",
                ["parent": hash, "text": Self.cheaper, "message": "cheaper lease"])
            #expect(second.status == .created)
            #expect(second.object["sequence"] as? Int == 2)
            #expect(second.object["parent"] as? String == hash)
            let versions = try await client.send(.get, "/v1/scenarios/quick/versions").object["versions"]
            #expect((versions as? [[String: Any]])?.map { $0["sequence"] as? Int } == [1, 2])
        }
    }

    @Test("a stale parent is refused with 409 and nothing is saved; the same text again is 200 with the head")
    func staleParent() async throws {
        let store = try ServerTest.store()
        try await ServerTest.withServer(store: store) { client in
            let first = try await client.createScenario("quick")
            let second = try await client.send(
                .post, "/v1/scenarios/quick/versions", ["parent": first, "text": Self.cheaper])
            let head = try #require(second.object["hash"] as? String)
            let stale = try await client.send(
                .post, "/v1/scenarios/quick/versions",
                ["parent": first, "text": Self.cheaper + "\n# another edit\n"])
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "stale-parent")
            let same = try await client.send(
                .post, "/v1/scenarios/quick/versions", ["text": Self.cheaper], headers: [.ifMatch: "\"\(head)\""])
            #expect(same.status == .ok)
            #expect(same.object["hash"] as? String == head)
            let missing = try await client.send(.post, "/v1/scenarios/quick/versions", ["text": Self.cheaper])
            #expect(missing.status == .preconditionRequired)
        }
        #expect(try store.versions(of: "quick").count == 2)
    }

    @Test("the diff shows only the changed field, by path")
    func diff() async throws {
        try await ServerTest.withServer { client in
            let first = try await client.createScenario("quick")
            let second = try await client.send(
                .post, "/v1/scenarios/quick/versions", ["parent": first, "text": Self.cheaper])
            let head = try #require(second.object["hash"] as? String)
            let diff = try await client.send(.get, "/v1/scenarios/quick/diff?to=\(head)")
            #expect(diff.status == .ok)
            #expect(diff.object["from"] as? String == first)
            let changes = try #require(diff.object["changes"] as? [[String: Any]])
            #expect(changes.count == 1)
            #expect(changes.first?["path"] as? String == "contracts[lakeside-lease].price_usd_per_mw_month")
            #expect(changes.first?["kind"] as? String == "changed")
            #expect(changes.first?["before"] as? String == "1400000.0")
            #expect(changes.first?["after"] as? String == "1200000.0")
            let noTo = try await client.send(.get, "/v1/scenarios/quick/diff")
            #expect(noTo.status == .badRequest)
            let noParent = try await client.send(.get, "/v1/scenarios/quick/diff?to=\(first)")
            #expect(noParent.status == .badRequest)
            let unknown = try await client.send(.get, "/v1/scenarios/quick/diff?to=\(head)&from=abc")
            #expect(unknown.status == .notFound)
        }
    }

    @Test("validate gives the CLI's FILE:LINE:COLUMN diagnostics and field paths, from JSON or raw YAML")
    func validate() async throws {
        try await ServerTest.withServer { client in
            let valid = try await client.send(.post, "/v1/validate", ["text": ServerTest.quickstart])
            #expect(valid.object["valid"] as? Bool == true)
            #expect((valid.object["summary"] as? [String: Int])?["contracts"] == 3)

            let broken = ServerTest.quickstart.replacingOccurrences(
                of: "    price_usd_per_mw_month: 1.4e+6", with: "    price_usd_per_mw_month: -5")
            let line =
                try #require(
                    broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                        $0.contains("price_usd_per_mw_month: -5")
                    }) + 1
            let invalid = try await client.send(.post, "/v1/validate", ["text": broken, "file": "mine.yaml"])
            #expect(invalid.status == .ok)
            #expect(invalid.object["valid"] as? Bool == false)
            let diagnostic = try #require((invalid.object["diagnostics"] as? [[String: Any]])?.first)
            #expect(diagnostic["line"] as? Int == line)
            #expect(diagnostic["column"] as? Int == 29)
            #expect(diagnostic["path"] as? String == "contracts[0].price_usd_per_mw_month")
            #expect((diagnostic["text"] as? String)?.hasPrefix("mine.yaml:\(line):29: error: ") == true)

            let yaml = try await client.execute(
                uri: "/v1/validate", method: .post, headers: [.contentType: "application/yaml"],
                body: ByteBuffer(string: "headroom: 1\nname: [unclosed\n"))
            let syntax = try #require((yaml.object["diagnostics"] as? [[String: Any]])?.first)
            #expect(syntax["code"] as? String == "syntax")
            #expect(syntax["line"] as? Int == 3)
        }
    }

    @Test("bad input: malformed JSON, a wrong content type, a huge body, unknown ids, an invalid scenario")
    func badInput() async throws {
        let store = try ServerTest.store()
        try await ServerTest.withServer(store: store, configuration: ServerTest.configuration(maxBodyBytes: 4096)) {
            client in
            let malformed = try await client.execute(
                uri: "/v1/scenarios", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"id\": \"x\", "))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "invalid-json")
            let wrongType = try await client.send(.post, "/v1/scenarios", ["id": 7, "text": "x"])
            #expect(wrongType.status == .badRequest)
            #expect((wrongType.object["error"] as? [String: Any])?["message"] as? String == "id: expected a string")
            let missing = try await client.send(.post, "/v1/scenarios", ["id": "x"])
            #expect(
                (missing.object["error"] as? [String: Any])?["message"] as? String == "text: required field missing")
            let text = try await client.execute(
                uri: "/v1/scenarios", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: "x"))
            #expect(text.status == .unsupportedMediaType)
            let huge = try await client.send(
                .post, "/v1/scenarios", ["id": "big", "text": String(repeating: "# padding\n", count: 1000)])
            #expect(huge.status == .contentTooLarge)
            #expect(huge.errorCode == "too-large")
            let invalid = try await client.send(
                .post, "/v1/scenarios", ["id": "bad", "text": "headroom: 1\nname: x\nfoo: [\n"])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.errorCode == "invalid-scenario")
            #expect((invalid.object["error"] as? [String: Any]).flatMap { $0["diagnostics"] as? [Any] }?.count == 1)
            let badID = try await client.send(.post, "/v1/scenarios", ["id": "no spaces", "text": "headroom: 1"])
            #expect(badID.status == .unprocessableContent)
            for uri in [
                "/v1/scenarios/nope", "/v1/scenarios/nope/versions", "/v1/scenarios/nope/versions/abc", "/v1/runs/nope",
                "/v1/nothing", "/nothing",
            ] {
                let response = try await client.send(.get, uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.errorCode == "not-found", "\(uri)")
            }
            let unknownVersion = try await client.send(
                .post, "/v1/scenarios/nope/versions", ["parent": "a", "text": "x"])
            #expect(unknownVersion.status == .notFound)
        }
        #expect(try store.scenarios().isEmpty)
    }

    @Test("a version of another scenario is not found under this one; a fork and an undo are new versions")
    func crossScenario() async throws {
        try await ServerTest.withServer { client in
            let hash = try await client.createScenario("one")
            _ = try await client.createScenario("two", text: Self.cheaper)
            #expect(try await client.send(.get, "/v1/scenarios/two/versions/\(hash)").status == .notFound)
            #expect(try await client.send(.get, "/v1/scenarios/one/versions/\(hash)").status == .ok)
            // The same text as a second scenario (a fork), and a return to an earlier text: both new versions.
            let fork = try await client.send(.post, "/v1/scenarios", ["id": "fork", "text": ServerTest.quickstart])
            #expect(fork.status == .created)
            #expect(fork.object["hash"] as? String == hash)
            let edited = try await client.send(
                .post, "/v1/scenarios/fork/versions", ["parent": hash, "text": Self.cheaper])
            let back = try await client.send(
                .post, "/v1/scenarios/fork/versions",
                ["parent": edited.object["hash"] as? String ?? "", "text": ServerTest.quickstart, "message": "undo"])
            #expect(back.status == .created)
            #expect(back.object["sequence"] as? Int == 3)
            #expect(back.object["hash"] as? String == hash)
            let versions = try await client.send(.get, "/v1/scenarios/fork").object["versions"] as? [[String: Any]]
            #expect(versions?.map { $0["sequence"] as? Int } == [1, 2, 3])
        }
    }
}
