import Foundation
import HeadroomStore
import Hummingbird
import Logging
import NIOCore

/// Builds the Headroom server: the one function `headroom serve` and the tests share.
///
/// At start it marks runs a dead server left `running` as interrupted, and queues again the runs it left waiting.
/// - Parameters:
///   - configuration: where to listen and the limits.
///   - store: the scenarios, versions, runs and keys.
///   - logger: the server's log.
///   - onServerRunning: called with the bound address once the server listens.
/// - Returns: the application, ready to `runService()` (or to test).
/// - Throws: ``ServerStartError`` for bad settings, or a non-loopback address with no API key.
public func buildApplication(
    configuration: ServerConfiguration, store: ScenarioStore, logger: Logger,
    onServerRunning: @escaping @Sendable (String) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    if let problem = configuration.problems.first { throw ServerStartError(message: problem) }
    let hasKeys: Bool
    do {
        hasKeys = try store.hasActiveAPIKeys()
    } catch {
        throw ServerStartError(message: "cannot read the store: \(error)")
    }
    guard hasKeys || ServerConfiguration.isLoopback(configuration.host) else {
        throw ServerStartError(
            message: "refusing to listen on \(configuration.host) without API keys: create one with "
                + "`headroom keys add NAME --role editor`, or bind 127.0.0.1")
    }
    let metrics = ServerMetrics()
    let events = RunEvents()
    let work = BlockingWork(threads: max(2, ProcessInfo.processInfo.activeProcessorCount))
    let queue = RunQueue(
        store: store, configuration: configuration, events: events, metrics: metrics, work: work, logger: logger)
    do {
        let interrupted = try store.markInterruptedRuns()
        if interrupted > 0 {
            logger.warning("marked \(interrupted) run(s) left running by an earlier server interrupted")
        }
        // Oldest first, without their results (only queued runs matter, and they have none).
        for run in try store.runSummaries(limit: .max).reversed() where run.status == .queued {
            queue.submit(run, reserved: false)
        }
    } catch {
        throw ServerStartError(message: "cannot recover the store's runs: \(error)")
    }
    let router = buildRouter(
        configuration: configuration, store: store, queue: queue, events: events, metrics: metrics, work: work)
    return Application(
        router: router,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "headroom"),
        services: [BlockingWorkService(work: work)],
        onServerRunning: { channel in
            await onServerRunning(channel.localAddress.map { "\($0)" } ?? "\(configuration.host):\(configuration.port)")
        },
        logger: logger)
}

/// Why the server would not start.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// The routes: health, metrics, the OpenAPI document and the dashboard open to all; `/v1` behind the keys.
func buildRouter(
    configuration: ServerConfiguration, store: ScenarioStore, queue: RunQueue, events: RunEvents,
    metrics: ServerMetrics, work: BlockingWork
) -> Router<ServerRequestContext> {
    let router = Router(context: ServerRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.get("health") { _, _ -> Response in
        let counts = queue.counts
        let database = store.isReachable() ? "ok" : "failing"
        return Response.json(
            HealthBody(
                status: database == "ok" ? "ok" : "degraded", database: database, runsRunning: counts.running,
                runsQueued: counts.queued, version: configuration.engineVersion),
            status: database == "ok" ? .ok : .serviceUnavailable)
    }
    router.get("metrics") { _, _ in
        Response.text(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
    router.get("openapi.json") { _, _ in
        Response.text(OpenAPIDocument.json, contentType: "application/json; charset=utf-8")
    }
    Dashboard.register(on: router)
    let bodies = RequestBodies(limit: configuration.maxBodyBytes)
    let v1 = router.group("v1").add(
        middleware: APIKeyAuthenticator(
            store: store, allowAnonymous: ServerConfiguration.isLoopback(configuration.host)))
    let viewers = v1.group().add(middleware: RequireRole(role: .viewer))
    let editors = v1.group().add(middleware: RequireRole(role: .editor))
    ScenarioRoutes(store: store, bodies: bodies, work: work).register(viewers: viewers, editors: editors)
    RunRoutes(
        store: store, queue: queue, events: events, bodies: bodies, work: work, configuration: configuration
    )
    .register(viewers: viewers, editors: editors)
    return router
}
