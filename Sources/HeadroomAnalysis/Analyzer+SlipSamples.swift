import HeadroomEngine
import HeadroomModel

/// One capacity unit's predictive slips on the engine's paths, with what the scenario plans for it.
public struct UnitSlipSamples: Sendable, Hashable {
    /// The month the scenario plans it to start coming online.
    public var planned: Month
    /// Its own delay distribution (before the risks that hit it).
    public var delay: Distribution
    /// Its slip after `planned` on each path, in months; `+infinity` where a risk cancels it.
    public var slips: [Double]

    /// Creates the samples of one unit.
    public init(planned: Month, delay: Distribution, slips: [Double]) {
        self.planned = planned
        self.delay = delay
        self.slips = slips
    }
}

extension Analyzer {
    /// Each signed capacity unit's predictive slip, in months after its planned month, on `paths` paths of `seed`:
    /// its own delay and the risk delays that hit it, on the copula; `+infinity` on paths where a risk cancels it.
    ///
    /// The very draws every analysis sees (``Simulator/pathSamples(seed:paths:)``), keyed by unit name
    /// (`campus/phase`, `contract#block-N`), for back-tests against observed slips. `delays` replaces the delay
    /// distribution of the named campus phases first (a leave-one-out refit): each unit's delay is drawn from its
    /// own normal score, so the replaced unit keeps its common random numbers and the others do not move.
    /// - Parameters:
    ///   - input: The scenario.
    ///   - paths: Paths to draw (at least 1).
    ///   - seed: The random seed.
    ///   - delays: Delay distributions to use instead of the scenario's, by `campus/phase`.
    /// - Returns: Each unit's samples by name.
    /// - Throws: ``AnalysisError`` when the scenario does not read or cannot run, `paths` is not positive, or a
    ///   unit in `delays` is not a campus phase of the scenario.
    public static func slipSamples(
        _ input: ScenarioInput, paths: Int, seed: UInt64, delays: [String: Distribution] = [:]
    ) throws(AnalysisError) -> [String: UnitSlipSamples] {
        guard paths >= 1 else { throw .request("paths: must be at least 1") }
        var (scenario, file) = try read(input)
        for (name, delay) in delays.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let c = scenario.campuses.firstIndex(where: { $0.id.rawValue == parts[0] }),
                let p = scenario.campuses[c].phases.firstIndex(where: { $0.id.rawValue == parts[1] })
            else { throw .request("delays: '\(name)' is not a campus phase (campus/phase) of the scenario") }
            scenario.campuses[c].phases[p].delayMonths = delay
        }
        let model = try compile(scenario, file: file, structure: nil)
        let samples = Simulator(model).pathSamples(seed: seed, paths: 0..<paths)
        let origin = scenario.start.ordinal
        var slips: [String: UnitSlipSamples] = [:]
        for (u, unit) in model.units.enumerated() {
            slips[unit.name] = UnitSlipSamples(
                planned: Month(ordinal: origin + Int(unit.plannedIndex.rounded(.down))), delay: unit.delay,
                slips: samples.map { $0.onlineMonth[u] - unit.plannedIndex })
        }
        return slips
    }
}
