import Foundation

/// One server-sent event of a run: its id (increasing per run), its name and its JSON data.
struct RunEvent: Sendable, Hashable {
    /// The event's id, 1, 2, 3… per run (`Last-Event-ID` names the last one a client saw).
    var id: Int
    /// `status` (queued, running, and the final status) or `progress`.
    var name: String
    /// The run's status body as JSON.
    var data: String

    /// The event in the `text/event-stream` format.
    var wire: String { "id: \(id)\nevent: \(name)\ndata: \(data)\n\n" }
}

/// Every run's events, kept so a client that reconnects with `Last-Event-ID` gets what it missed, and streamed to
/// subscribers until the run ends. Bounded: logs of the oldest finished runs are dropped beyond `capacity`.
actor RunEvents {
    private struct Log {
        var events: [RunEvent] = []
        var finished = false
        var subscribers: [UUID: AsyncStream<RunEvent>.Continuation] = [:]
    }

    private var logs: [String: Log] = [:]
    private var finishedOrder: [String] = []
    private let capacity: Int

    /// An empty event store keeping the logs of at most `capacity` finished runs.
    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// Adds an event to run `id`'s log and sends it to its subscribers; `final` ends the log and their streams.
    func publish(_ id: String, name: String, data: String, final: Bool = false) {
        var log = logs[id] ?? Log()
        guard !log.finished else { return }
        let event = RunEvent(id: (log.events.last?.id ?? 0) + 1, name: name, data: data)
        log.events.append(event)
        for continuation in log.subscribers.values {
            continuation.yield(event)
            if final { continuation.finish() }
        }
        if final {
            log.finished = true
            log.subscribers = [:]
            finishedOrder.append(id)
            if finishedOrder.count > capacity { logs[finishedOrder.removeFirst()] = nil }
        }
        logs[id] = log
    }

    /// The events of run `id` after `lastID`, then (while it runs) each new one; `nil` when this server has no log
    /// of the run (it ran before the server started).
    func subscribe(_ id: String, after lastID: Int) -> AsyncStream<RunEvent>? {
        guard var log = logs[id] else { return nil }
        let (stream, continuation) = AsyncStream<RunEvent>.makeStream(bufferingPolicy: .unbounded)
        for event in log.events where event.id > lastID { continuation.yield(event) }
        if log.finished {
            continuation.finish()
        } else {
            let token = UUID()
            log.subscribers[token] = continuation
            logs[id] = log
            continuation.onTermination = { [weak self] _ in
                Task { await self?.unsubscribe(id, token) }
            }
        }
        return stream
    }

    private func unsubscribe(_ id: String, _ token: UUID) {
        logs[id]?.subscribers[token] = nil
    }
}
