import Foundation
import GRDB
import HTTPTypes
import HeadroomServer
import HeadroomStore
import Hummingbird
import HummingbirdTesting
import Logging

/// Builds servers on in-memory stores and speaks JSON to them.
enum ServerTest {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shipped quickstart scenario.
    static let quickstart: String =
        (try? String(contentsOf: packageRoot.appendingPathComponent("examples/quickstart.yaml"), encoding: .utf8)) ?? ""

    /// A store in memory.
    static func store() throws -> ScenarioStore { try ScenarioStore(writer: DatabaseQueue()) }

    /// A quiet logger.
    static var logger: Logger {
        var logger = Logger(label: "headroom.test")
        logger.logLevel = .critical
        return logger
    }

    /// Test limits: one run at a time, 1 MiB bodies, two threads per run.
    static func configuration(
        host: String = "127.0.0.1", maxQueuedRuns: Int = 8, runTimeLimit: Double = 60, maxBodyBytes: Int = 1 << 20
    ) -> ServerConfiguration {
        ServerConfiguration(
            host: host, port: 0, maxConcurrentRuns: 1, maxQueuedRuns: maxQueuedRuns, runTimeLimit: runTimeLimit,
            maxBodyBytes: maxBodyBytes, maxPaths: 200_000, threadsPerRun: 2, engineVersion: "test")
    }

    /// Runs `body` against a server on `store` through the router (no sockets).
    static func withServer<T: Sendable>(
        store: ScenarioStore? = nil, configuration: ServerConfiguration = configuration(),
        _ body: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let app = try await buildApplication(
            configuration: configuration, store: try store ?? self.store(), logger: logger)
        return try await app.test(.router, body)
    }

    /// `value` as a JSON body.
    static func json(_ value: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data())
    }

    /// JSON request headers, with a bearer key when given.
    static func headers(key: String? = nil, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let key { fields[.authorization] = "Bearer \(key)" }
        fields.append(contentsOf: extra)
        return fields
    }
}

extension TestResponse {
    /// The body parsed as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// The error code of an error body.
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
}

extension TestClientProtocol {
    /// Sends a JSON request and returns the response.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, _ body: [String: Any]? = nil, key: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        try await execute(
            uri: uri, method: method, headers: ServerTest.headers(key: key, headers),
            body: body.map(ServerTest.json))
    }

    /// Creates scenario `id` from `text` and returns its first version's hash.
    func createScenario(_ id: String, text: String = ServerTest.quickstart, key: String? = nil) async throws -> String {
        let response = try await send(.post, "/v1/scenarios", ["id": id, "text": text], key: key)
        return response.object["hash"] as? String ?? "(create failed: \(response.status) \(response.text))"
    }

    /// Polls run `id` until it ends (or 60 s pass) and returns its last status body.
    func waitForRun(_ id: String, key: String? = nil) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let status = try await send(.get, "/v1/runs/\(id)", key: key).object
            if let s = status["status"] as? String, s != "queued", s != "running" { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        return [:]
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key` (a valid header name, so the fallback is never used).
    static let idempotencyKey = HTTPField.Name("Idempotency-Key") ?? .accept
}
