import Hummingbird
import Prometheus

/// The server's metrics in its own Prometheus registry (no process-wide metrics system): requests by route and
/// status, their latency, runs by kind and final status, and the run queue's depth.
public struct ServerMetrics: Sendable {
    /// The registry `/metrics` exports.
    let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    /// A registry with no samples yet.
    public init() {}

    /// Counts a finished request and records its latency.
    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "headroom", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests by method, route and status."),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeValueHistogram(
            descriptor: .init(
                namespace: "headroom", metricName: "http_request_duration", unitName: "seconds",
                helpText: "HTTP request latency until the response head, by route."),
            labels: [("route", route)], buckets: Self.latencyBuckets
        ).record(seconds)
    }

    /// Counts a run that ended with `status`.
    func recordRunEnded(kind: String, status: String, seconds: Double) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "headroom", metricName: "runs", unitName: "total",
                helpText: "Runs that ended, by kind and final status."),
            labels: [("kind", kind), ("status", status)]
        ).increment()
        registry.makeValueHistogram(
            descriptor: .init(
                namespace: "headroom", metricName: "run_duration", unitName: "seconds",
                helpText: "Run time from start to end, by kind."),
            labels: [("kind", kind)], buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900]
        ).record(seconds)
    }

    /// Sets the run queue's gauges.
    func recordQueue(running: Int, queued: Int) {
        registry.makeGauge(
            descriptor: .init(
                namespace: "headroom", metricName: "runs_running", unitName: "count", helpText: "Runs executing now.")
        ).set(to: Double(running))
        registry.makeGauge(
            descriptor: .init(
                namespace: "headroom", metricName: "runs_queued", unitName: "count",
                helpText: "Runs waiting for a slot.")
        ).set(to: Double(queued))
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> String { registry.emitToString() }
}

/// Records every request's route, status and latency in ``ServerMetrics``.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        metrics.recordRequest(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
            status: response.status.code, seconds: seconds)
        return response
    }
}
