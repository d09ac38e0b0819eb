import HeadroomEngine
import HeadroomModel

extension Analyzer {
    /// Each signed capacity unit's predictive slip, in months after its planned month, on `paths` paths of `seed`:
    /// its own delay and the risk delays that hit it, on the copula; `+infinity` on paths where a risk cancels it.
    ///
    /// The very draws every analysis sees (``Simulator/pathSamples(seed:paths:)``), keyed by unit name
    /// (`campus/phase`, `contract#block-N`), for back-tests against observed slips.
    /// - Throws: ``AnalysisError`` when the scenario does not read or cannot run, or `paths` is not positive.
    public static func slipSamples(_ input: ScenarioInput, paths: Int, seed: UInt64) throws(AnalysisError)
        -> [String: [Double]]
    {
        guard paths >= 1 else { throw .request("paths: must be at least 1") }
        let (scenario, file) = try read(input)
        let model = try compile(scenario, file: file, structure: nil)
        let samples = Simulator(model).pathSamples(seed: seed, paths: 0..<paths)
        var slips: [String: [Double]] = [:]
        for (u, unit) in model.units.enumerated() {
            slips[unit.name] = samples.map { $0.onlineMonth[u] - unit.plannedIndex }
        }
        return slips
    }
}
