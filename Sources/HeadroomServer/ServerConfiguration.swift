import Foundation

/// How a Headroom server listens, where it keeps its store, and the limits it holds runs and requests to.
public struct ServerConfiguration: Sendable, Hashable {
    /// The address to bind (`127.0.0.1` by default; any other address needs API keys).
    public var host: String
    /// The port to bind (0: any free port).
    public var port: Int
    /// Runs executed at once; the rest wait in the queue.
    public var maxConcurrentRuns: Int
    /// Runs that may wait in the queue; more are refused with 503.
    public var maxQueuedRuns: Int
    /// A run still going after this many seconds is stopped and marked failed.
    public var runTimeLimit: Double
    /// The largest request body accepted, in bytes (larger: 413).
    public var maxBodyBytes: Int
    /// The most Monte Carlo paths one run may ask for.
    public var maxPaths: Int
    /// Worker threads per run (`nil`: every core).
    public var threadsPerRun: Int?
    /// The engine version runs are pinned to.
    public var engineVersion: String

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxConcurrentRuns: Int = 1, maxQueuedRuns: Int = 64,
        runTimeLimit: Double = 900, maxBodyBytes: Int = 1 << 20, maxPaths: Int = 2_000_000,
        threadsPerRun: Int? = nil, engineVersion: String
    ) {
        self.host = host
        self.port = port
        self.maxConcurrentRuns = maxConcurrentRuns
        self.maxQueuedRuns = maxQueuedRuns
        self.runTimeLimit = runTimeLimit
        self.maxBodyBytes = maxBodyBytes
        self.maxPaths = maxPaths
        self.threadsPerRun = threadsPerRun
        self.engineVersion = engineVersion
    }

    /// Problems with these settings, each naming the setting (empty when the server can start).
    public var problems: [String] {
        var problems: [String] = []
        if !(0...65_535).contains(port) { problems.append("port: expected 0…65535, got \(port)") }
        if maxConcurrentRuns < 1 { problems.append("max-concurrent-runs: expected ≥ 1, got \(maxConcurrentRuns)") }
        if maxQueuedRuns < 0 { problems.append("max-queued-runs: expected ≥ 0, got \(maxQueuedRuns)") }
        if !(runTimeLimit > 0 && runTimeLimit.isFinite) {
            problems.append("run-time-limit: expected a positive number of seconds, got \(runTimeLimit)")
        }
        if maxBodyBytes < 1024 { problems.append("max-body-bytes: expected ≥ 1024, got \(maxBodyBytes)") }
        if maxPaths < 1 { problems.append("max-paths: expected ≥ 1, got \(maxPaths)") }
        return problems
    }

    /// Whether `host` is a loopback address (`localhost`, `127.0.0.0/8`, `::1`), where a server may run open.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
