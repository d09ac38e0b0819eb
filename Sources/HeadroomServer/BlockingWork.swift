import NIOPosix
import ServiceLifecycle

/// Blocking and CPU-heavy request work on threads of its own (swift-nio's `NIOThreadPool`): CPU-heavy work
/// (compiling a scenario to validate it, rendering a report) on one pool, the store's writes (which wait for
/// SQLite's single writer and its fsync) on a one-thread pool of their own, so that a write never waits behind
/// validations.
///
/// Neither the cooperative pool that runs the run queue nor Dispatch's global queues (on Linux they share
/// libdispatch's worker threads, where a run's paths compute) wait behind such work, so a burst of validations
/// cannot stall the run queue or the requests that only read.
struct BlockingWork: Sendable {
    /// The threads of CPU-heavy work.
    let pool: NIOThreadPool
    /// The thread of the store's writes.
    let writer: NIOThreadPool

    /// Started pools: `threads` threads for CPU-heavy work, one for writes.
    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        writer = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        writer.start()
    }

    /// `body`'s value or error, computed on the CPU pool.
    /// - Throws: `body`'s error, or `CancellationError` when the task is cancelled before the work starts.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    /// `body`'s value or error, computed on the write thread.
    /// - Throws: `body`'s error, or `CancellationError` when the task is cancelled before the work starts.
    func write<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await writer.runIfActive(body)
    }
}

/// Shuts a ``BlockingWork`` pool down when the application shuts down.
struct BlockingWorkService: Service {
    let work: BlockingWork

    func run() async throws {
        try? await gracefulShutdown()
        try await work.pool.shutdownGracefully()
        try await work.writer.shutdownGracefully()
    }
}
