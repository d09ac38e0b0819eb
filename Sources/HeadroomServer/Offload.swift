import Dispatch

/// Runs CPU-heavy request work (compiling a scenario, rendering a report) on Dispatch's global queue instead of the
/// cooperative thread pool, so that a few heavy requests cannot stall every other request behind them.
enum Offload {
    /// `body`'s value, computed on a global queue.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: body()) }
        }
    }

    /// `body`'s value or error, computed on a global queue.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
        }
    }
}
