import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HeadroomServer

/// The OpenAPI document matches the router; health, metrics and the dashboard answer.
@Suite("Document, health, metrics, dashboard")
struct DocumentTests {
    @Test("every route is in the OpenAPI document and every documented operation is a route")
    func documentMatchesRouter() throws {
        let store = try ServerTest.store()
        let configuration = ServerTest.configuration()
        let events = RunEvents()
        let metrics = ServerMetrics()
        let work = BlockingWork(threads: 2)
        let queue = RunQueue(
            store: store, configuration: configuration, events: events, metrics: metrics, work: work,
            logger: ServerTest.logger)
        let router = buildRouter(
            configuration: configuration, store: store, queue: queue, events: events, metrics: metrics, work: work)
        let dashboard: Set<String> = ["GET /", "GET /dashboard.css", "GET /dashboard.js"]
        let routes = Set(
            router.routes.map { "\($0.method) \($0.path)" }.map { $0.replacingOccurrences(of: ":", with: "") }
        )
        .subtracting(dashboard)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        var operationIDs: [String] = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                documented.insert("\(method.uppercased()) \(path)")
                operationIDs.append((operation as? [String: Any])?["operationId"] as? String ?? "")
            }
        }
        #expect(
            routes == documented,
            "routes only: \(routes.subtracting(documented)); documented only: \(documented.subtracting(routes))")
        #expect(Set(operationIDs).count == operationIDs.count)
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let references = OpenAPIDocument.json.components(separatedBy: "#/components/schemas/").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }
        #expect(references.allSatisfy { schemas[$0] != nil })
    }

    @Test("health reports the store and the queue; metrics count requests by route and status")
    func healthAndMetrics() async throws {
        try await ServerTest.withServer { client in
            let health = try await client.send(.get, "/health")
            #expect(health.object["status"] as? String == "ok")
            #expect(health.object["database"] as? String == "ok")
            _ = try await client.send(.get, "/v1/scenarios/nope")
            _ = try await client.send(.get, "/v1/scenarios")
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(
                metrics.text.contains(
                    #"headroom_http_requests_total{method="GET",route="/v1/scenarios/{id}",status="404"} 1"#),
                "\(metrics.text)")
            #expect(
                metrics.text.contains(
                    #"headroom_http_requests_total{method="GET",route="/v1/scenarios",status="200"} 1"#))
            #expect(metrics.text.contains("# TYPE headroom_http_request_duration_seconds histogram"))
            #expect(metrics.text.contains("headroom_runs_queued_count 0"))
        }
    }

    @Test("the dashboard, its script and style are served from the binary and fetch nothing from elsewhere")
    func dashboard() async throws {
        try await ServerTest.withServer { client in
            let page = try await client.send(.get, "/")
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains(#"<script src="/dashboard.js"></script>"#))
            let script = try await client.send(.get, "/dashboard.js")
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            let style = try await client.send(.get, "/dashboard.css")
            for text in [page.text, script.text, style.text] {
                #expect(!text.contains("http://") && !text.contains("https://"))
            }
            #expect(script.text.contains("/v1/validate") && script.text.contains("Last-Event-ID"))
        }
    }
}
