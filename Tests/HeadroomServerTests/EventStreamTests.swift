import Foundation
import HTTPTypes
import HeadroomServer
import HeadroomStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The event stream over a real loopback socket: every status change in order, replay after `Last-Event-ID`, the
/// stream ending with the run; a run from before a restart gets its stored status.
@Suite("Event stream")
struct EventStreamTests {
    /// The events of an SSE body: (id, name, data as JSON).
    static func events(_ text: String) -> [(id: Int, name: String, data: [String: Any])] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var id = 0
            var name = ""
            var data = ""
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = Int(line.dropFirst(4)) ?? 0 }
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data += line.dropFirst(6) }
            }
            guard !data.isEmpty,
                let object = (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any]
            else { return nil }
            return (id, name, object)
        }
    }

    @Test("live: the stream opened while the run is queued follows it to the end; Last-Event-ID replays the rest")
    func live() async throws {
        let store = try ServerTest.store()
        let app = try await buildApplication(
            configuration: ServerTest.configuration(), store: store, logger: ServerTest.logger)
        let runID = try await app.test(.live) { client in
            #expect(client.port != nil)
            _ = try await client.createScenario("quick")
            let started = try await client.send(
                .post, "/v1/runs", ["scenario": "quick", "paths": 300, "structures": false])
            let id = try #require(started.object["id"] as? String)
            let stream = try await client.execute(uri: "/v1/runs/\(id)/events", method: .get)
            #expect(stream.headers[.contentType] == "text/event-stream")
            #expect(stream.text.hasPrefix("retry: 2000\n\n"))
            let events = Self.events(stream.text)
            #expect(events.map(\.id) == Array(1...events.count))
            #expect(events.first?.data["status"] as? String == "queued")
            #expect(events.contains { $0.data["status"] as? String == "running" })
            #expect(events.last?.name == "status")
            #expect(events.last?.data["status"] as? String == "succeeded")
            let progress = events.map { $0.data["progress"] as? Double ?? -1 }
            #expect(progress == progress.sorted())

            let replay = try await client.execute(
                uri: "/v1/runs/\(id)/events", method: .get, headers: [.lastEventID: "2"])
            #expect(Self.events(replay.text).map(\.id) == Array(3...events.count))
            return id
        }
        // A new server on the same store has no event log of the run: the stream is its stored status.
        let restarted = try await buildApplication(
            configuration: ServerTest.configuration(), store: store, logger: ServerTest.logger)
        try await restarted.test(.router) { client in
            let stream = try await client.execute(uri: "/v1/runs/\(runID)/events", method: .get)
            let events = Self.events(stream.text)
            #expect(events.count == 1)
            #expect(events.first?.data["status"] as? String == "succeeded")
            #expect(try await client.execute(uri: "/v1/runs/nope/events", method: .get).status == .notFound)
        }
    }
}

extension HTTPField.Name {
    /// `Last-Event-ID`.
    static let lastEventID = HTTPField.Name("Last-Event-ID") ?? .accept
}
