import Crypto
import Foundation
import HTTPTypes
import HeadroomAnalysis
import HeadroomReport
import HeadroomStore
import Hummingbird

/// `/v1/runs…` and `/v1/audit`: queue runs of stored versions, follow them live, cancel them, read their results.
struct RunRoutes: Sendable {
    let store: ScenarioStore
    let queue: RunQueue
    let events: RunEvents
    let bodies: RequestBodies
    let work: BlockingWork
    let configuration: ServerConfiguration

    /// Adds the routes: reads to `viewers`, writes to `editors`.
    func register(viewers: RouterGroup<ServerRequestContext>, editors: RouterGroup<ServerRequestContext>) {
        viewers.get("runs") { request, _ in try listRuns(request) }
        viewers.get("runs/{id}") { _, context in try await status(context.parameters.string("id")) }
        viewers.get("runs/{id}/events") { request, context in
            try await eventStream(request, context.parameters.string("id"))
        }
        viewers.get("runs/{id}/result") { request, context in
            try await work.run { try result(request, context.parameters.string("id")) }
        }
        viewers.get("runs/{id}/report") { _, context in
            try await work.run { try report(context.parameters.string("id")) }
        }
        viewers.get("audit") { request, _ in try audit(request) }
        editors.post("runs") { request, context in try await start(request, context) }
        editors.post("runs/{id}/cancel") { _, context in
            let id = context.parameters.string("id")
            let cancelled = try queue.cancel(id, by: ScenarioRoutes.author(context))
            return Response.json(body(cancelled), status: .accepted)
        }
    }

    private func body(_ run: StoredRun, stage: String? = nil) -> RunBody {
        RunBody(run, scenario: run.scenarioID, stage: stage)
    }

    /// Queues a run: 202 with `Location`; a repeated `Idempotency-Key` with the same body returns the same run.
    private func start(_ request: Request, _ context: ServerRequestContext) async throws -> Response {
        let requested = try await bodies.json(RunRequestBody.self, request)
        let options = try RunOptions(requested, maxPaths: configuration.maxPaths)
        guard let head = try store.head(of: requested.scenario) else {
            throw APIError(.notFound, "not-found", "no scenario \(requested.scenario)")
        }
        let version = requested.version ?? head.hash
        let stored = try store.version(scenario: requested.scenario, hash: version)
        if let against = options.against { _ = try store.version(scenario: requested.scenario, hash: against) }
        let author = ScenarioRoutes.author(context)
        let key = request.headers.value(named: "idempotency-key")
        // The request as sent (scenario, version or none, options): a retry of it replays the first run.
        let requestHash = SHA256.hash(data: JSONCoding.encode(requested)).map { String(format: "%02x", $0) }.joined()
        if let key {
            guard (1...200).contains(key.count) else {
                throw APIError(.badRequest, "invalid-request", "Idempotency-Key: expected 1…200 characters")
            }
            if let earlier = try store.idempotentRun(actor: author, key: key) {
                guard earlier.requestHash == requestHash else {
                    throw APIError(.conflict, "conflict", "idempotency key '\(key)' was used for another request")
                }
                return .json(body(earlier.run), status: .ok, headers: [.location: "/v1/runs/\(earlier.run.id)"])
            }
        }
        guard queue.reserve() else {
            throw APIError(
                .serviceUnavailable, "queue-full",
                "the run queue is full (\(configuration.maxQueuedRuns) waiting); try again later",
                headers: [.retryAfter: "30"])
        }
        let id = UUID().uuidString.lowercased()
        let (store, scenario, engine) = (self.store, stored.scenarioID, configuration.engineVersion)
        let run: StoredRun
        var replayed = false
        do {
            (run, replayed) = try await work.write {
                guard let key else {
                    let run = try store.queueRun(
                        id: id, scenario: scenario, version: version, engineVersion: engine,
                        kind: options.kind.rawValue, optionsJSON: options.json, seed: options.seed,
                        paths: options.paths, author: author)
                    return (run, false)
                }
                return try store.queueRun(
                    id: id, scenario: scenario, version: version, engineVersion: engine, kind: options.kind.rawValue,
                    optionsJSON: options.json, seed: options.seed, paths: options.paths, author: author,
                    idempotencyKey: key, requestHash: requestHash)
            }
        } catch {
            queue.release()
            throw error
        }
        if replayed { queue.release() } else { queue.submit(run, reserved: true) }
        return .json(body(run), status: replayed ? .ok : .accepted, headers: [.location: "/v1/runs/\(run.id)"])
    }

    private func listRuns(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let limit = query["limit"].flatMap { Int($0) }.map { min(max($0, 1), 1000) } ?? 100
        let runs = try store.runSummaries(
            scenario: query["scenario"].map(String.init), version: query["version"].map(String.init), limit: limit)
        return .json(["runs": runs.map { body($0) }])
    }

    private func status(_ id: String) async throws -> Response {
        .json(body(try store.run(id), stage: queue.stage(of: id)))
    }

    /// Server-sent events: every status change and progress step, replayed after `Last-Event-ID`, ending when the
    /// run ends.
    private func eventStream(_ request: Request, _ id: String) async throws -> Response {
        let run = try store.run(id)
        let lastID = request.headers.value(named: "last-event-id").flatMap { Int($0) } ?? 0
        let stream: AsyncStream<RunEvent>
        if let live = events.subscribe(id, after: lastID) {
            stream = live
        } else {
            // A run from before this server started: its stored status is the one event.
            let (replay, continuation) = AsyncStream<RunEvent>.makeStream()
            if lastID < 1 { continuation.yield(RunEvent(id: 1, name: "status", data: body(run).json)) }
            continuation.finish()
            stream = replay
        }
        let headers: HTTPFields = [
            .contentType: "text/event-stream", .cacheControl: "no-cache",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                for await chunk in Self.withKeepAlive(stream) { try await writer.write(ByteBuffer(string: chunk)) }
                try await writer.finish(nil)
            })
    }

    /// The events as `text/event-stream` chunks, with a `: keep-alive` comment after every 15 s of silence (so
    /// that proxies keep the stream open and a client that left is noticed).
    static func withKeepAlive(_ events: AsyncStream<RunEvent>, every interval: Duration = .seconds(15))
        -> AsyncStream<String>
    {
        let (chunks, sink) = AsyncStream<String>.makeStream()
        let forward = Task {
            for await event in events { sink.yield(event.wire) }
            sink.finish()
        }
        let ping = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if !Task.isCancelled { sink.yield(": keep-alive\n\n") }
            }
        }
        sink.onTermination = { _ in
            forward.cancel()
            ping.cancel()
        }
        return chunks
    }

    /// The finished run's analysis, decoded.
    private func finishedRun(_ id: String) throws -> (StoredRun, String) {
        let run = try store.run(id)
        guard run.status == .succeeded, let json = run.resultJSON else {
            throw APIError(
                .conflict, "not-finished",
                "run \(id) is \(run.status.rawValue)\(run.error.map { ": \($0)" } ?? ""); results come once it succeeds"
            )
        }
        return (run, json)
    }

    private func decoded(_ json: String) throws -> AnalysisRun {
        do {
            return try ResultCoding.decode(json)
        } catch {
            throw APIError(.internalServerError, "corrupt-result", "the stored result does not decode: \(error)")
        }
    }

    /// `?format=json` (the analysis run as stored) or `csv` (the table the CLI's `--format csv` writes).
    private func result(_ request: Request, _ id: String) throws -> Response {
        let (_, json) = try finishedRun(id)
        let format =
            request.uri.queryParameters["format"].map(String.init)
            ?? (request.headers[.accept]?.contains("text/csv") == true ? "csv" : "json")
        switch format {
        case "json":
            return .text(json, contentType: "application/json; charset=utf-8")
        case "csv":
            let run = try decoded(json)
            let csv: String? =
                switch run.outcome {
                case .report(let outcome): SimulationReport(result: outcome.simulation).csv()
                case .comparison: ComparisonReport(run: run)?.csv()
                case .optimization: OptimizationReport(run: run)?.csv()
                default: nil
                }
            guard let csv else { throw APIError(.notFound, "not-found", "run \(id) has no CSV table") }
            return .text(
                csv, contentType: "text/csv; charset=utf-8",
                headers: [.contentDisposition: "attachment; filename=\"run-\(id.prefix(8)).csv\""])
        default:
            throw APIError(.badRequest, "invalid-request", "format: expected json or csv, got '\(format)'")
        }
    }

    /// The self-contained HTML report of a `simulate` run.
    private func report(_ id: String) throws -> Response {
        let (stored, json) = try finishedRun(id)
        guard let report = HTMLReport(run: try decoded(json), version: configuration.engineVersion) else {
            throw APIError(
                .conflict, "no-report", "run \(id) is a \(stored.kind) run; the HTML report is of simulate runs")
        }
        return .text(report.html(), contentType: "text/html; charset=utf-8")
    }

    private func audit(_ request: Request) throws -> Response {
        let limit = request.uri.queryParameters["limit"].flatMap { Int($0) }.map { min(max($0, 1), 1000) } ?? 100
        return .json(["entries": try store.audit(limit: limit)])
    }
}

extension HTTPFields {
    /// The value of the header whose lowercase name is `name` (headers Hummingbird has no constant for).
    func value(named name: String) -> String? {
        first { $0.name.canonicalName == name }?.value
    }
}
