import HeadroomEngine
import HeadroomModel

/// The paths an optimization is solved (or a plan judged) on: per path, the demand the signed contracts leave
/// unserved, their spend, and when each candidate would come online; with each candidate's price and the caps'
/// windows, everything the two stages need.
///
/// Layout is flat and path-major (`residual[(s * months + t) * workloads + w]`, `online[s * candidates + c]`), so
/// a pass over the paths reads contiguous memory.
public struct SampleSet: Sendable {
    /// Paths S.
    public let paths: Int
    /// Months T.
    public let months: Int
    /// Workloads W.
    public let workloads: Int
    /// Candidates C.
    public let candidates: Int
    /// The paths drawn, in order.
    let draws: [PathDraws]
    /// Unserved MW after the signed contracts, `[(s * months + t) * workloads + w]`.
    let residual: [Double]
    /// Online month index per path and candidate, `[s * candidates + c]`.
    let online: [Double]
    /// Signed spend per path, USD.
    let signedSpend: [Double]
    /// Demand per path, MW-months.
    let demandMWMonths: [Double]
    /// Signed spend per path and kept cap, `[s * caps + k]`, USD.
    let signedCapSpend: [Double]
    /// Per candidate: its delivery curve.
    let curves: [DeliveryCurve]
    /// Per candidate: USD per MW-month.
    let price: [Double]
    /// Per candidate and kept cap: whether its provider's spend counts in the cap.
    let countsInCap: [[Bool]]
    /// Per kept cap: its window of month indices.
    let capWindows: [ClosedRange<Int>]

    /// Draws the samples of `draws` for `world`, for the kept caps `caps` (ids of the scenario's budget caps).
    /// - Throws: ``OptimizationError`` when the engine cannot compile the signed world or the probe.
    public init(world: PlanningWorld, draws: [PathDraws], caps: [BudgetCapID], threads: Int) throws(OptimizationError) {
        self.init(source: try SampleSource(world: world, caps: caps), draws: draws, threads: threads)
    }

    /// Draws the samples of `draws` from a compiled source.
    init(source: SampleSource, draws: [PathDraws], threads: Int) {
        let base = source.base
        let probe = source.probe
        let unitIndices = source.unitIndices
        let samples = Simulator(base).recourseSamples(
            draws, probe: Simulator(probe), candidateUnits: unitIndices, threads: threads)
        self.draws = draws
        paths = samples.count
        months = base.monthCount
        workloads = base.workloads.count
        candidates = unitIndices.count
        residual = samples.flatMap(\.residualMW)
        online = samples.flatMap(\.candidateOnline)
        signedSpend = samples.map(\.spendUSD)
        demandMWMonths = samples.map(\.demandMWMonths)
        signedCapSpend = samples.flatMap { sample in source.capIndex.map { sample.capSpendUSD[$0] } }
        capWindows = source.capWindows
        curves = source.curves
        price = source.price
        countsInCap = source.countsInCap
    }

    /// The random paths `range` of `seed`.
    public static func random(seed: UInt64, paths range: Range<Int>) -> [PathDraws] {
        range.map { PathDraws.random(seed: seed, path: $0) }
    }

    /// Kept caps.
    var capCount: Int { capWindows.count }

    /// Writes candidate delivery profiles (MW per MW) of path `s` into `profiles[c * months + t]`.
    func fillProfiles(path s: Int, into profiles: UnsafeMutableBufferPointer<Double>) {
        for c in 0..<candidates {
            let slice = UnsafeMutableBufferPointer(rebasing: profiles[(c * months)..<((c + 1) * months)])
            curves[c].fill(online: online[s * candidates + c], into: slice)
        }
    }

    /// Per candidate, per lot MW: spend over the horizon and in each kept cap on path `s`, from its profile.
    func spendPerMW(
        path s: Int, profiles: UnsafeMutableBufferPointer<Double>, total: inout [Double], inCaps: inout [Double]
    ) {
        let k = capCount
        for c in 0..<candidates {
            var sum = 0.0
            for t in 0..<months { sum += profiles[c * months + t] }
            total[c] = sum * price[c]
            for j in 0..<k {
                var window = 0.0
                if countsInCap[c][j] {
                    for t in capWindows[j] where t < months { window += profiles[c * months + t] }
                }
                inCaps[c * k + j] = window * price[c]
            }
        }
    }
}

/// The compiled signed world and probe a sample set is drawn from, compiled once for any number of draws.
struct SampleSource: Sendable {
    let base: CompiledScenario
    let probe: CompiledScenario
    let unitIndices: [Int]
    let capIndex: [Int]
    let capWindows: [ClosedRange<Int>]
    let curves: [DeliveryCurve]
    let price: [Double]
    let countsInCap: [[Bool]]

    init(world: PlanningWorld, caps: [BudgetCapID]) throws(OptimizationError) {
        base = try Self.compile(world.base, what: "the signed contracts")
        probe = try Self.compile(world.probeScenario, what: "the offers as contracts")
        var units: [Int] = []
        for candidate in world.candidates {
            guard let u = probe.unitIndex(named: candidate.unitName) else {
                throw OptimizationError(.solver, "the engine has no unit \(candidate.unitName)")
            }
            units.append(u)
        }
        unitIndices = units
        let base = base
        capIndex = caps.compactMap { id in base.caps.firstIndex { $0.id == id } }
        capWindows = capIndex.map { base.caps[$0].firstIndex...max(base.caps[$0].firstIndex, base.caps[$0].lastIndex) }
        let probe = probe
        curves = units.map { probe.deliveryCurve(unit: $0) }
        price = world.candidates.map { candidate in
            probe.contracts.first { $0.id == candidate.contract }?.pricing.usdPerMWMonth ?? 0
        }
        let budget = world.scenario.budget.caps
        countsInCap = world.candidates.map { candidate in
            caps.map { id in
                guard let cap = budget.first(where: { $0.id == id }) else { return false }
                return cap.providers?.contains(candidate.provider) ?? true
            }
        }
    }

    private static func compile(_ scenario: Scenario, what: String) throws(OptimizationError) -> CompiledScenario {
        do {
            return try CompiledScenario(scenario: scenario)
        } catch {
            throw OptimizationError(.invalidInput, path: error.path, "\(what): \(error.message)")
        }
    }
}
