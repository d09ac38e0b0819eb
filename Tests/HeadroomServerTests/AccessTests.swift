import Crypto
import Foundation
import HTTPTypes
import HeadroomServer
import HeadroomStore
import Hummingbird
import HummingbirdTesting
import Testing

/// API keys: hashed, viewer and editor roles, refused when unknown or revoked; open only on loopback.
@Suite("Access")
struct AccessTests {
    /// The lowercase hex SHA-256 of `text`.
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test("with keys: none or a bad one is 401, a viewer reads but cannot write (403), an editor writes")
    func roles() async throws {
        let store = try ServerTest.store()
        let viewer = try store.createAPIKey(name: "ana", role: .viewer, by: "test")
        let editor = try store.createAPIKey(name: "ed", role: .editor, by: "test")
        // Only the keys' SHA-256 is stored, and each finds its holder.
        #expect(try store.apiKeys().map(\.keyHash).sorted() == [viewer, editor].map(Self.sha256).sorted())
        #expect(try store.apiKey(matching: viewer)?.name == "ana" && store.apiKey(matching: editor)?.role == .editor)
        try await ServerTest.withServer(store: store) { client in
            let anonymous = try await client.send(.get, "/v1/scenarios")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await client.send(.get, "/v1/scenarios", key: "hr_wrong").status == .unauthorized)
            let basic = try await client.send(.get, "/v1/scenarios", headers: [.authorization: "Basic eDp5"])
            #expect(basic.status == .unauthorized)
            #expect(try await client.send(.get, "/v1/scenarios", key: viewer).status == .ok)
            let denied = try await client.send(
                .post, "/v1/scenarios", ["id": "q", "text": ServerTest.quickstart], key: viewer)
            #expect(denied.status == .forbidden)
            #expect(try await client.send(.post, "/v1/validate", ["text": "headroom: 1"], key: viewer).status == .ok)
            _ = try await client.createScenario("q", key: editor)
            #expect(try await client.send(.get, "/health").status == .ok)
            #expect(try await client.send(.get, "/openapi.json").status == .ok)
            #expect(try await client.send(.get, "/").status == .ok)
        }
        #expect(try store.audit(limit: 1).first?.actor == "ed")
        #expect(try store.scenarios().map(\.id) == ["q"])
        try store.revokeAPIKey(name: "ed", by: "test")
        try await ServerTest.withServer(store: store) { client in
            let revoked = try await client.send(.get, "/v1/scenarios", key: editor)
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test("a non-loopback address without keys refuses to start; loopback runs open; with a key it starts")
    func loopbackOnly() async throws {
        let store = try ServerTest.store()
        await #expect(throws: ServerStartError.self) {
            _ = try await buildApplication(
                configuration: ServerTest.configuration(host: "0.0.0.0"), store: store, logger: ServerTest.logger)
        }
        #expect(ServerConfiguration.isLoopback("127.0.0.1") && ServerConfiguration.isLoopback("::1"))
        #expect(!ServerConfiguration.isLoopback("10.0.0.1") && !ServerConfiguration.isLoopback("127.0.0.256"))
        _ = try store.createAPIKey(name: "ops", role: .editor, by: "test")
        _ = try await buildApplication(
            configuration: ServerTest.configuration(host: "0.0.0.0"), store: store, logger: ServerTest.logger)
        #expect(throws: StoreError.self) { try store.createAPIKey(name: "ops", role: .viewer, by: "test") }
        // Revoking the last key while a server on another address runs never opens it.
        try await ServerTest.withServer(store: store, configuration: ServerTest.configuration(host: "0.0.0.0")) {
            client in
            try store.revokeAPIKey(name: "ops", by: "test")
            let anonymous = try await client.send(.get, "/v1/scenarios")
            #expect(anonymous.status == .unauthorized)
        }
        #expect(throws: StoreError.self) { try store.createAPIKey(name: "bad name", role: .viewer, by: "test") }
    }
}
