import HeadroomModel

/// Runs a ``CompiledScenario``: its deterministic projection, its Monte Carlo simulation, joint runs of several
/// variants on common random numbers, and the raw draws of single paths.
///
/// A simulator holds nothing but the compiled scenario (immutable and shared), so it is cheap to copy and safe to
/// use from any thread; every run allocates its own workspaces.
public struct Simulator: Sendable {
    /// The scenario it runs.
    public let compiled: CompiledScenario

    /// Creates a simulator of `compiled`.
    public init(_ compiled: CompiledScenario) {
        self.compiled = compiled
    }

    /// Projects the scenario deterministically with every distribution at its median (or mode).
    ///
    /// Uses the same path kernel as the Monte Carlo, so a projection is exactly one path with central draws.
    /// - Complexity: O(units × months + months × (contracts + workloads × pools + providers + caps)).
    public func project(basis: DeterministicBasis = .median) -> Projection {
        compiled.project(basis: basis)
    }

    /// The draws of paths `paths` for `seed`, the very draws every analysis sees.
    ///
    /// Each sample holds each unit's delay and online month, each workload's monthly demand, which risks occurred
    /// and, in a dynamic run, each provider's appetite and lead times (what the optimizer consumes). Path `i` here
    /// is path `i` of ``simulate(_:control:)`` with the same seed.
    /// - Parameters:
    ///   - seed: the run's seed.
    ///   - paths: the path indices.
    /// - Returns: one sample per path, in order.
    /// - Complexity: O(paths × (units + workloads × months + providers × reviews)).
    public func pathSamples(seed: UInt64, paths: Range<Int>) -> [PathSample] {
        compiled.pathSamples(seed: seed, paths: paths)
    }

    /// The awards a dynamic run makes on path `path` under `seed` (or on the deterministic path), for inspection.
    /// - Returns: the awards in the order they are made; none for a static run.
    public func awards(_ draws: PathDraws) -> [Award] {
        compiled.awards(draws)
    }

    /// Turns merged family states (of one run, or of shards of it merged in block order) into a
    /// ``MonteCarloResult`` that holds those families only.
    /// - Parameters:
    ///   - states: one merged state per family accumulated.
    ///   - statistics: the selection the states were accumulated for.
    ///   - paths: paths the states cover.
    ///   - options: the run's options (quantile levels, drivers to report).
    /// - Returns: the result.
    public func summarise(
        _ states: [AccumulatorState], statistics: StatisticsSelection, paths: Int, options: MonteCarloOptions
    ) -> MonteCarloResult {
        compiled.summarise(states, statistics: statistics, paths: paths, options: options)
    }
}
