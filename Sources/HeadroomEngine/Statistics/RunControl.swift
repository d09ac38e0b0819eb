/// How a caller follows and stops a long run: a progress callback after every wave and a stop check before the next.
///
/// Both are called on the thread that runs the waves (never inside a worker), once per wave of
/// ``MonteCarloOptions/waveBlocks`` blocks, so a stopped run ends within one wave and keeps every path it completed.
public struct RunControl: Sendable {
    /// Called after each wave with the paths completed so far.
    public var progress: @Sendable (MonteCarloProgress) -> Void
    /// Returns `true` when the run should stop at the end of the current wave.
    public var shouldStop: @Sendable () -> Bool

    /// Creates a control from a progress callback and a stop check (by default: no progress, never stop).
    public init(
        progress: @escaping @Sendable (MonteCarloProgress) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) {
        self.progress = progress
        self.shouldStop = shouldStop
    }

    /// No progress reports and no stopping.
    public static let none = RunControl()
}

/// Why a run ended before its requested number of paths, if it did.
public enum RunEnding: String, Sendable, Hashable, Codable {
    /// Every requested path was simulated.
    case completed
    /// Every headline standard error fell under the requested tolerance (`untilStandardError`).
    case converged
    /// The caller stopped it (``RunControl/shouldStop``); its statistics cover the paths completed.
    case stopped
}
