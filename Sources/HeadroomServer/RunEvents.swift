import Foundation
import Synchronization

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
/// subscribers until the run ends.
///
/// Publishing is synchronous (under a lock), so events keep the order in which the run queue made them. Memory is
/// bounded: a log keeps its first event and its last `eventsPerRun`, and logs of the oldest finished runs are
/// dropped beyond `capacity`.
final class RunEvents: Sendable {
    private struct Log {
        var events: [RunEvent] = []
        var finished = false
        var subscribers: [UUID: AsyncStream<RunEvent>.Continuation] = [:]
    }

    private struct State {
        var logs: [String: Log] = [:]
        var finishedOrder: [String] = []
    }

    private let state = Mutex(State())
    private let capacity: Int
    private let eventsPerRun: Int

    /// An empty event store keeping the logs of at most `capacity` finished runs.
    init(capacity: Int = 256, eventsPerRun: Int = 200) {
        self.capacity = capacity
        self.eventsPerRun = eventsPerRun
    }

    /// Adds an event to run `id`'s log and sends it to its subscribers; `final` ends the log and their streams.
    func publish(_ id: String, name: String, data: String, final: Bool = false) {
        // Streams are finished outside the lock: finishing runs their termination handlers, which take it.
        let ending = state.withLock { state -> [AsyncStream<RunEvent>.Continuation] in
            var log = state.logs[id] ?? Log()
            guard !log.finished else { return [] }
            let event = RunEvent(id: (log.events.last?.id ?? 0) + 1, name: name, data: data)
            log.events.append(event)
            if log.events.count > eventsPerRun + 1 { log.events.remove(at: 1) }
            for continuation in log.subscribers.values { continuation.yield(event) }
            var ending: [AsyncStream<RunEvent>.Continuation] = []
            if final {
                ending = Array(log.subscribers.values)
                log.finished = true
                log.subscribers = [:]
                state.finishedOrder.append(id)
                if state.finishedOrder.count > capacity { state.logs[state.finishedOrder.removeFirst()] = nil }
            }
            state.logs[id] = log
            return ending
        }
        for continuation in ending { continuation.finish() }
    }

    /// The events of run `id` after `lastID`, then (while it runs) each new one; `nil` when this server has no log
    /// of the run (it ran before the server started).
    func subscribe(_ id: String, after lastID: Int) -> AsyncStream<RunEvent>? {
        let (stream, continuation) = AsyncStream<RunEvent>.makeStream(bufferingPolicy: .unbounded)
        let token = UUID()
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id, token) }
        let found = state.withLock { state -> Bool? in
            guard var log = state.logs[id] else { return nil }
            for event in log.events where event.id > lastID { continuation.yield(event) }
            guard !log.finished else { return true }
            log.subscribers[token] = continuation
            state.logs[id] = log
            return false
        }
        guard let finished = found else { return nil }
        if finished { continuation.finish() }
        return stream
    }

    private func unsubscribe(_ id: String, _ token: UUID) {
        state.withLock { _ = $0.logs[id]?.subscribers.removeValue(forKey: token) }
    }
}
