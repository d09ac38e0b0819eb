import Dispatch
import HeadroomModel

/// What a two-stage optimizer needs of one path: the demand the signed contracts leave unserved, what they cost,
/// and when each candidate unit (capacity not yet signed) would come online on this path.
///
/// The signed world is the simulator's own scenario; the candidates are units of a *probe*: the same scenario with
/// candidate contracts added. Draws are keyed by entity name, so every signed unit, demand curve and risk event
/// draws the same on both, and a candidate draws what the same contract draws once it is written into a scenario
/// and simulated (same seed, same path).
public struct RecourseSample: Sendable, Hashable {
    /// The path index, or `nil` for a deterministic path.
    public var path: Int?
    /// Per month and workload (`residualMW[t * workloads + w]`): demand the signed capacity leaves unserved, MW.
    public var residualMW: [Double]
    /// Per budget cap (in ``CompiledScenario/caps`` order): the signed contracts' spend counted in its window, USD.
    public var capSpendUSD: [Double]
    /// The signed contracts' spend over the horizon (revenue shares included), USD.
    public var spendUSD: Double
    /// Per candidate unit (in the order asked for): its fractional online month index, `+infinity` when a risk
    /// event cancels it.
    public var candidateOnline: [Double]
    /// Demand over the horizon, MW-months.
    public var demandMWMonths: Double

    /// Creates a sample.
    public init(
        path: Int?, residualMW: [Double], capSpendUSD: [Double], spendUSD: Double, candidateOnline: [Double],
        demandMWMonths: Double = 0
    ) {
        self.path = path
        self.demandMWMonths = demandMWMonths
        self.residualMW = residualMW
        self.capSpendUSD = capSpendUSD
        self.spendUSD = spendUSD
        self.candidateOnline = candidateOnline
    }
}

/// The delivered-capacity curve of one unit per MW, as the engine counts it: a linear ramp from its online month,
/// then flat, within its contract's term and its service months.
public struct DeliveryCurve: Sendable, Hashable {
    /// Months from first power to full capacity.
    public let rampMonths: Double
    /// Months of service from first power, or `+infinity`.
    public let serviceMonths: Double
    /// The month index its contract's term ends (exclusive), or `+infinity`.
    public let contractEnd: Double
    /// The first month index its contract's term counts.
    public let contractStart: Double
    /// Months in the horizon.
    public let months: Int

    /// The curve's pieces with the unit online at month index `online`.
    ///
    /// Exactly the ranges the engine's kernel counts (``curvePieces(online:ramp:serviceEnd:serviceStart:months:)``):
    /// a ramp `(t − online) / rampMonths` for `t` in `rampStart..<rampEnd`, then 1 for `t` in `flatStart..<end`;
    /// nothing elsewhere. Empty ranges when the unit never serves in the horizon.
    public func pieces(online: Double) -> (rampStart: Int, rampEnd: Int, flatStart: Int, end: Int) {
        curvePieces(
            online: online, ramp: rampMonths, serviceEnd: min(contractEnd, online + serviceMonths),
            serviceStart: contractStart, months: months)
    }

    /// Writes the delivered MW per MW of capacity for months `0..<months` into `out` (at least `months` entries),
    /// with the unit online at month index `online` (`+infinity`: never), from ``pieces(online:)``.
    public func fill(online: Double, into out: UnsafeMutableBufferPointer<Double>) {
        guard out.count >= months else { return }
        for t in 0..<months { out[t] = 0 }
        let piece = pieces(online: online)
        if piece.rampStart < piece.rampEnd {
            for t in piece.rampStart..<piece.rampEnd { out[t] = (Double(t) - online) / rampMonths }
        }
        if piece.flatStart < piece.end {
            for t in piece.flatStart..<piece.end { out[t] = 1 }
        }
    }
}

extension CompiledScenario {
    /// The delivery curve of unit `unit` (an index into ``units``).
    public func deliveryCurve(unit u: Int) -> DeliveryCurve {
        DeliveryCurve(
            rampMonths: units[u].rampMonths, serviceMonths: units[u].serviceMonths ?? .infinity,
            contractEnd: unitContractEnd[u], contractStart: unitContractStart[u], months: monthCount)
    }

    /// The index of the unit named `name` (`campus/phase` or `contract#block-N`), if any.
    public func unitIndex(named name: String) -> Int? {
        units.firstIndex { $0.name == name }
    }
}

extension Simulator {
    /// The recourse samples of `draws`: per path, the demand the signed contracts leave unserved, their spend, and
    /// when `probe`'s units `candidateUnits` come online.
    ///
    /// Runs across `threads` cores in fixed chunks; the result does not depend on the number of threads.
    /// - Parameters:
    ///   - draws: the paths (random or deterministic), in order.
    ///   - probe: this simulator's scenario with the candidate contracts added, compiled static.
    ///   - candidateUnits: indices into `probe.compiled.units` of the candidates.
    ///   - threads: cores to use.
    /// - Returns: one sample per draw, in order.
    /// - Complexity: O(draws × (units + months × (contracts + workloads × pools))).
    public func recourseSamples(
        _ draws: [PathDraws], probe: Simulator, candidateUnits: [Int], threads: Int = 1
    ) -> [RecourseSample] {
        let model = compiled
        let probeModel = probe.compiled
        let wc = model.workloads.count
        let m = model.monthCount
        let chunk = 64
        let chunks = (draws.count + chunk - 1) / chunk
        let lanes = max(1, min(threads, chunks))
        let results = IndexedSlots<RecourseSample>(count: draws.count)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let ws = PathWorkspace(model: model)
            let probeWS = PathWorkspace(model: probeModel)
            var c = lane
            while c < chunks {
                for i in (c * chunk)..<min(draws.count, (c + 1) * chunk) {
                    model.drawPath(draws[i], into: ws)
                    model.evaluatePath(ws)
                    probeModel.drawPath(draws[i], into: probeWS)
                    var residual = [Double](repeating: 0, count: m * wc)
                    var demand = 0.0
                    for t in 0..<m {
                        for w in 0..<wc {
                            demand += ws.demand[t * wc + w]
                            let left = ws.demand[t * wc + w] - ws.served[t * wc + w]
                            residual[t * wc + w] = left > megawattEpsilon ? left : 0
                        }
                    }
                    let path: Int?
                    if case .random(_, let p) = draws[i] { path = p } else { path = nil }
                    results.store(
                        i,
                        RecourseSample(
                            path: path, residualMW: residual, capSpendUSD: Array(ws.capSpend), spendUSD: ws.pathSpend,
                            candidateOnline: candidateUnits.map { probeWS.online[$0] }, demandMWMonths: demand))
                }
                c += lanes
            }
        }
        return results.values
    }
}
