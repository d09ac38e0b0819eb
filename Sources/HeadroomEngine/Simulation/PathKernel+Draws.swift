import HeadroomModel
import RealModule

/// How a path's uncertain quantities are chosen.
public enum PathDraws: Sendable, Hashable {
    /// Random draws of path `path` under `seed` (counter-based: reproducible at any thread count).
    case random(seed: UInt64, path: Int)
    /// Every distribution at its median or its mode; a risk event happens when its probability exceeds ½.
    case deterministic(DeterministicBasis)
}

/// Which central value a deterministic projection uses.
public enum DeterministicBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every distribution at its median.
    case median
    /// Every distribution at its mode.
    case mode
}

extension CompiledScenario {
    /// Draws a path's delays, risk events and demand into `ws`, then, in a dynamic run, makes the policy's awards.
    func drawPath(_ draws: PathDraws, into ws: PathWorkspace) {
        switch draws {
        case .random(let seed, let path):
            drawRandom(seed: seed, path: path, into: ws)
        case .deterministic(let basis):
            drawDeterministic(basis, into: ws)
        }
    }

    private func drawRandom(seed: UInt64, path: Int, into ws: PathWorkspace) {
        let k = kernel
        let pathKey = SplitMix64.pathKey(seed: seed, path: path)
        var globalStream = SplitMix64(pathKey: pathKey, streamKey: k.globalStream)
        let zGlobal = globalStream.nextNormal()
        ws.globalFactor = zGlobal
        for p in 0..<k.providerCount {
            var stream = SplitMix64(pathKey: pathKey, streamKey: k.providerStream[p])
            ws.providerFactor[p] = stream.nextNormal()
        }
        for r in 0..<k.regionCount {
            var stream = SplitMix64(pathKey: pathKey, streamKey: k.regionStream[r])
            ws.regionFactor[r] = stream.nextNormal()
        }
        let (g, pl, rl, _) = loadings
        for u in 0..<k.unitCount {
            let d: Double
            if k.samplerKind[u] == 0 {
                d = k.samplerFirst[u]
            } else {
                var stream = SplitMix64(pathKey: pathKey, streamKey: k.unitStream[u])
                var x =
                    g * zGlobal + pl * ws.providerFactor[Int(k.unitProvider[u])] + k.unitIdiosyncratic[u]
                    * stream.nextNormal()
                let region = Int(k.unitRegion[u])
                if region >= 0 { x += rl * ws.regionFactor[region] }
                d = k.sample(u, score: x)
            }
            ws.delay[u] = d
            ws.online[u] = k.unitPlanned[u] + d
        }
        for r in 0..<k.riskCount {
            var occurs = SplitMix64(pathKey: pathKey, streamKey: k.riskOccursStream[r])
            let happened = occurs.nextOpenUnit() < k.riskProbability[r]
            ws.riskOccurred[r] = happened ? 1 : 0
            guard happened else { continue }
            var delayStream = SplitMix64(pathKey: pathKey, streamKey: k.riskDelayStream[r])
            applyRisk(r, added: k.sample(k.riskSamplerBase + r, score: delayStream.nextNormal()), ws: ws)
        }
        for w in 0..<k.workloadCount {
            var stream = SplitMix64(pathKey: pathKey, streamKey: k.demandStream[w])
            let z = stream.nextNormal()
            ws.demandScore[w] = z
            fillDemand(w, score: z, rate: k.sample(k.demandSamplerBase + w, score: z), ws: ws)
        }
        procure(ws, pathKey: pathKey)
    }

    private func drawDeterministic(_ basis: DeterministicBasis, into ws: PathWorkspace) {
        ws.globalFactor = 0
        for p in 0..<providers.count { ws.providerFactor[p] = 0 }
        for r in 0..<regions.count { ws.regionFactor[r] = 0 }
        for (u, unit) in units.enumerated() {
            let d = basis == .median ? unit.delay.median : unit.delay.mode
            ws.delay[u] = d
            ws.online[u] = unit.plannedIndex + d
        }
        for (k, risk) in risks.enumerated() {
            let happened = risk.probability > 0.5
            ws.riskOccurred[k] = happened ? 1 : 0
            guard happened else { continue }
            let added = risk.delay.map { basis == .median ? $0.median : $0.mode } ?? 0
            applyRisk(k, added: added, ws: ws)
        }
        for w in workloads.indices {
            let rate = demandGrowth[w].map { basis == .median ? $0.median : $0.mode } ?? 0
            fillDemand(w, score: 0, rate: rate, ws: ws)
        }
        procure(ws, pathKey: nil, basis: basis)
    }

    private func applyRisk(_ r: Int, added: Double, ws: PathWorkspace) {
        let k = kernel
        let cancels = k.riskCancels[r] != 0
        for i in Int(k.riskUnitStart[r])..<Int(k.riskUnitStart[r + 1]) {
            let u = Int(k.riskUnits[i])
            if cancels {
                ws.online[u] = .infinity
            } else {
                ws.delay[u] += added
                ws.online[u] += added
            }
        }
    }

    /// Fills workload `w`'s demand for every month from its standard normal draw `z` (anchors) or its growth rate.
    private func fillDemand(_ w: Int, score z: Double, rate: Double, ws: PathWorkspace) {
        let k = kernel
        let m = k.months
        let stride = k.workloadCount
        switch k.demandKind[w] {
        case 1:
            let monthly = Double.exp(rate / 12)
            var level = k.demandInitial[w] * Double.exp(rate * (0 - k.demandStartIndex[w]) / 12)
            // No demand before the workload's start: the curve is not extrapolated backwards.
            let start = k.demandStartIndex[w]
            for t in 0..<m {
                let value = Double(t) < start ? 0 : level
                ws.demand[t * stride + w] = value.isFinite ? value : Double.greatestFiniteMagnitude
                level *= monthly
            }
        case 2:
            for t in 0..<m {
                let sigma = k.anchorSigma[w * m + t]
                let scale = sigma == 0 || z == 0 ? 1 : Double.exp(sigma * z)
                ws.demand[t * stride + w] = min(k.anchorMedian[w * m + t] * scale, Double.greatestFiniteMagnitude)
            }
        default:
            for t in 0..<m { ws.demand[t * stride + w] = 0 }
        }
    }
}
