import HeadroomModel
import RealModule

extension CompiledScenario {
    static func compileDemand(_ growth: Demand.Growth, origin: Int, months: Int) throws(EngineError) -> DemandModel {
        switch growth {
        case .exponential(let start, let initial, let rate):
            guard initial.isFinite, initial >= 0, rate.parameterProblems.isEmpty else {
                throw EngineError(.invalidValue, path: "demand", "demand: initial MW and growth must be finite")
            }
            return .exponential(startIndex: Double(start.ordinal - origin), initialMW: initial)
        case .anchors(let anchors):
            let sorted = anchors.sorted { $0.month < $1.month }
            guard let first = sorted.first, let last = sorted.last,
                sorted.allSatisfy({
                    $0.megawatts > 0 && $0.megawatts.isFinite && $0.logSigma >= 0 && $0.logSigma.isFinite
                })
            else { throw EngineError(.invalidValue, path: "demand", "demand: anchors need MW > 0 and log_sigma ≥ 0") }
            var median = [Double](repeating: 0, count: months)
            var sigma = [Double](repeating: 0, count: months)
            for t in 0..<months {
                let ordinal = origin + t
                if ordinal <= first.month.ordinal {
                    median[t] = first.megawatts
                    sigma[t] = first.logSigma
                } else if ordinal >= last.month.ordinal {
                    median[t] = last.megawatts
                    sigma[t] = last.logSigma
                } else if let k = sorted.firstIndex(where: { $0.month.ordinal >= ordinal }), k > 0 {
                    let a = sorted[k - 1]
                    let b = sorted[k]
                    let w = Double(ordinal - a.month.ordinal) / Double(b.month.ordinal - a.month.ordinal)
                    median[t] =
                        w == 0
                        ? a.megawatts : Double.exp((1 - w) * Double.log(a.megawatts) + w * Double.log(b.megawatts))
                    sigma[t] = (1 - w) * a.logSigma + w * b.logSigma
                }
            }
            return .anchors(median: median, sigma: sigma)
        }
    }
}

extension CompiledScenario {
    /// Contracted IT MW per provider per month on plan (no delays, no risk events).
    public func plannedCapacityByProvider() -> [[Double]] {
        providers.indices.map { p in
            summedCapacity(
                units.indices.filter { units[$0].index.provider == p }.map { u in
                    let unit = units[u]
                    return CapacityCurve(
                        megawatts: unit.megawatts, online: unit.plannedIndex, ramp: unit.rampMonths,
                        serviceEnd: min(
                            unitContractEnd[u], unit.serviceMonths.map { unit.plannedIndex + $0 } ?? .infinity),
                        serviceStart: unitContractStart[u])
                }, months: monthCount)
        }
    }
}
