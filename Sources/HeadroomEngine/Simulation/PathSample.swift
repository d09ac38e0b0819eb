import HeadroomModel

/// One Monte Carlo path's draws, as an optimizer or an external check consumes them: when every capacity unit comes
/// online, demand per workload and month, which risk events happened, and, for a dynamic run, each askable
/// provider's appetite and the lead time an award would have at each review.
///
/// The draws are those every analysis sees for the same seed and path (common random numbers), so a plan evaluated
/// on samples is evaluated on the same paths as `simulate`, `compare` and `structures`.
public struct PathSample: Sendable, Hashable, Codable {
    /// The path index.
    public var path: Int
    /// Per capacity unit (in ``CompiledScenario/units`` order): the (fractional) month index it comes online,
    /// `+infinity` when a risk event cancels it.
    public var onlineMonth: [Double]
    /// Per capacity unit: its total delay in months (copula draw plus risk delays).
    public var delayMonths: [Double]
    /// Per workload (in ``CompiledScenario/workloads`` order), per month: demand, IT MW.
    public var demandMW: [[Double]]
    /// Per risk-register event (in scenario order): whether it happened.
    public var riskOccurred: [Bool]
    /// Per provider (in ``CompiledScenario/providers`` order): its appetite on this path, MW per year; `nil` for a
    /// provider the policy cannot ask, and empty for a static run.
    public var appetiteMW: [Double?]
    /// Per provider, per review month (``ProcurementModel/reviewMonths``): the lead time, months, of capacity
    /// awarded at that review; `nil` for a provider the policy cannot ask, and empty for a static run.
    public var leadTimeMonths: [[Double]?]

    /// Creates a sample.
    public init(
        path: Int, onlineMonth: [Double], delayMonths: [Double], demandMW: [[Double]], riskOccurred: [Bool],
        appetiteMW: [Double?], leadTimeMonths: [[Double]?]
    ) {
        self.path = path
        self.onlineMonth = onlineMonth
        self.delayMonths = delayMonths
        self.demandMW = demandMW
        self.riskOccurred = riskOccurred
        self.appetiteMW = appetiteMW
        self.leadTimeMonths = leadTimeMonths
    }
}

extension CompiledScenario {
    /// The draws of paths `paths` for `seed` (see ``Simulator/pathSamples(seed:paths:)``).
    func pathSamples(seed: UInt64, paths: Range<Int>) -> [PathSample] {
        let ws = PathWorkspace(model: self)
        return paths.map { path in
            drawPath(.random(seed: seed, path: path), into: ws)
            return sample(ws, seed: seed, path: path)
        }
    }

    /// The sample of the path drawn into `ws`.
    private func sample(_ ws: PathWorkspace, seed: UInt64, path: Int) -> PathSample {
        let k = kernel
        let m = monthCount
        let wc = workloads.count
        var appetite: [Double?] = []
        var leads: [[Double]?] = []
        if let pm = procurement {
            let pathKey = SplitMix64.pathKey(seed: seed, path: path)
            let (g, pl, _, _) = loadings
            let idiosyncratic = max(0, 1 - g * g - pl * pl).squareRoot()
            appetite = providers.indices.map { p in
                guard pm.contractOfProvider[p] != nil else { return nil }
                // The same stream as the policy's draw (Procurement.procure), also for providers never asked.
                var stream = SplitMix64(pathKey: pathKey, streamKey: pm.appetiteStream[p])
                return max(0, k.sample(pm.appetiteSampler[p], score: stream.nextNormal()))
            }
            leads = providers.indices.map { p in
                guard pm.contractOfProvider[p] != nil else { return nil }
                return pm.reviewMonths.map { t in
                    // The same stream and copula factor as an award made at review t (Procurement.procure).
                    var stream = SplitMix64(
                        pathKey: pathKey, streamKey: SplitMix64.mix(pm.leadTimeStream[p] &+ UInt64(t)))
                    let x = g * ws.globalFactor + pl * ws.providerFactor[p] + idiosyncratic * stream.nextNormal()
                    return max(0, k.sample(pm.leadTimeSampler[p], score: x))
                }
            }
        }
        return PathSample(
            path: path, onlineMonth: Array(ws.online), delayMonths: Array(ws.delay),
            demandMW: (0..<wc).map { w in (0..<m).map { ws.demand[$0 * wc + w] } },
            riskOccurred: (0..<risks.count).map { ws.riskOccurred[$0] != 0 }, appetiteMW: appetite,
            leadTimeMonths: leads)
    }
}
