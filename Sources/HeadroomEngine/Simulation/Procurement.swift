import HeadroomModel
import RealModule

/// One path's procurement decisions: the awards made at each review, reused from path to path.
final class ProcurementState {
    /// Awards made on this path, in the order they were made.
    private(set) var awardCount = 0
    /// Per award: provider index, review month index, IT MW, actual and expected (median lead time) online month.
    let awardProvider: UnsafeMutableBufferPointer<Int32>
    let awardMonth: UnsafeMutableBufferPointer<Int32>
    let awardMW: UnsafeMutableBufferPointer<Double>
    let awardOnline: UnsafeMutableBufferPointer<Double>
    let awardExpectedOnline: UnsafeMutableBufferPointer<Double>
    /// Per provider: this path's yearly appetite, MW awarded in the current calendar year and in all.
    let appetite: UnsafeMutableBufferPointer<Double>
    let awardedThisYear: UnsafeMutableBufferPointer<Double>
    let awardedTotal: UnsafeMutableBufferPointer<Double>
    /// The largest single request of the path's reviews, MW.
    var largestRequestMW = 0.0
    /// The largest part of one request that no provider could take, MW.
    var largestUnplacedMW = 0.0

    init(model: ProcurementModel, providers: Int) {
        awardProvider = zeroedBuffer(model.maximumAwards)
        awardMonth = zeroedBuffer(model.maximumAwards)
        awardMW = zeroedBuffer(model.maximumAwards)
        awardOnline = zeroedBuffer(model.maximumAwards)
        awardExpectedOnline = zeroedBuffer(model.maximumAwards)
        appetite = zeroedBuffer(providers)
        awardedThisYear = zeroedBuffer(providers)
        awardedTotal = zeroedBuffer(providers)
    }

    deinit {
        awardProvider.deallocate()
        awardMonth.deallocate()
        awardMW.deallocate()
        awardOnline.deallocate()
        awardExpectedOnline.deallocate()
        appetite.deallocate()
        awardedThisYear.deallocate()
        awardedTotal.deallocate()
    }

    /// Forgets the previous path's awards.
    func reset() {
        awardCount = 0
        largestRequestMW = 0
        largestUnplacedMW = 0
        awardedTotal.update(repeating: 0)
        awardedThisYear.update(repeating: 0)
    }

    /// Records an award.
    func record(provider: Int, month: Int, megawatts: Double, online: Double, expectedOnline: Double) {
        guard awardCount < awardMW.count else { return }
        awardProvider[awardCount] = Int32(provider)
        awardMonth[awardCount] = Int32(month)
        awardMW[awardCount] = megawatts
        awardOnline[awardCount] = online
        awardExpectedOnline[awardCount] = expectedOnline
        awardedThisYear[provider] += megawatts
        awardedTotal[provider] += megawatts
        awardCount += 1
    }
}

/// An award a dynamic run made on one path, for inspection and tests.
public struct Award: Sendable, Hashable {
    /// The provider awarded.
    public var provider: ProviderID
    /// The review month index it was made in.
    public var month: Int
    /// IT MW awarded.
    public var megawatts: Double
    /// The month index it comes online (lead time drawn on the path).
    public var online: Double

    /// Creates an award.
    public init(provider: ProviderID, month: Int, megawatts: Double, online: Double) {
        self.provider = provider
        self.month = month
        self.megawatts = megawatts
        self.online = online
    }
}

extension CompiledScenario {
    /// Runs the policy's reviews on the path drawn into `ws` (DESIGN §6), recording its awards.
    ///
    /// Each review at month t reads only what the buyer has observed by then: demand up to t, and which units and
    /// earlier awards are online by t. Nothing of the path's future enters a decision; a test changes demand after t
    /// and checks that every award up to t is unchanged.
    /// - Parameters:
    ///   - ws: the path's workspace, with its draws.
    ///   - pathKey: the path's random key, or `nil` for a deterministic projection.
    ///   - basis: the central value a deterministic projection takes for appetites and lead times.
    func procure(_ ws: PathWorkspace, pathKey: UInt64?, basis: DeterministicBasis = .median) {
        guard let pm = procurement, let state = ws.procurement else { return }
        let k = kernel
        let m = k.months
        let wc = k.workloadCount
        state.reset()
        for p in pm.askOrder {
            if let pathKey {
                var stream = SplitMix64(pathKey: pathKey, streamKey: pm.appetiteStream[p])
                state.appetite[p] = max(0, k.sample(pm.appetiteSampler[p], score: stream.nextNormal()))
            } else {
                state.appetite[p] = basis == .median ? pm.medianAppetiteMW[p] : pm.modeAppetiteMW[p]
            }
        }
        let (g, pl, _, _) = loadings
        let leadIdiosyncratic = max(0, 1 - g * g - pl * pl).squareRoot()
        var year = Int32.min
        for t in pm.reviewMonths {
            if pm.yearOfMonth[t] != year {
                year = pm.yearOfMonth[t]
                state.awardedThisYear.update(repeating: 0)
            }
            let target = min(t + pm.horizonMonths, m - 1)
            let ahead = target - t
            guard ahead > 0 else { continue }
            let forecast = forecastDemand(ws, at: t, ahead: ahead, model: pm, workloads: wc)
            let expected = expectedCapacity(ws, state: state, at: target, knownBy: t, model: pm)
            var remaining = min(forecast * (1 + pm.targetHeadroom) - expected, Double.greatestFiniteMagnitude)
            guard remaining >= pm.minimumRequestMW, remaining > megawattEpsilon else { continue }
            state.largestRequestMW = max(state.largestRequestMW, remaining)
            let rightInForce = pm.structure != .rightOfFirstRefusal || pm.rightWindow.contains(t)
            // Two passes: first the offers expected by the forecast's month (and a holder whose right is in force,
            // whatever its lead time), then, for what is left, those that arrive later but within the horizon.
            let due = Double(t + pm.horizonMonths)
            for pass in 0..<2 where remaining > megawattEpsilon {
                for p in rightInForce ? pm.askOrder : pm.orderWithoutRight {
                    let priority = rightInForce && p == pm.holder && pm.structure != .open
                    let take = min(remaining, state.appetite[p] - state.awardedThisYear[p])
                    guard take > megawattEpsilon else { continue }
                    let wait =
                        pm.structure == .rightOfFirstRefusal && rightInForce && p != pm.holder
                        ? pm.responseWindowMonths : 0
                    let expectedOnline = Double(t) + wait + pm.centralLeadTime(p, basis: basis)
                    // Capacity that cannot arrive within the simulated horizon is not worth buying.
                    guard expectedOnline < Double(m) else { continue }
                    guard (expectedOnline <= due || priority) == (pass == 0) else { continue }
                    let lead: Double
                    if let pathKey {
                        var stream = SplitMix64(
                            pathKey: pathKey, streamKey: SplitMix64.mix(pm.leadTimeStream[p] &+ UInt64(t)))
                        let x =
                            g * ws.globalFactor + pl * ws.providerFactor[p] + leadIdiosyncratic * stream.nextNormal()
                        lead = max(0, k.sample(pm.leadTimeSampler[p], score: x))
                    } else {
                        lead = pm.centralLeadTime(p, basis: basis)
                    }
                    state.record(
                        provider: p, month: t, megawatts: take, online: Double(t) + wait + lead,
                        expectedOnline: expectedOnline)
                    remaining -= take
                    if remaining <= megawattEpsilon { break }
                }
            }
            if remaining > megawattEpsilon { state.largestUnplacedMW = max(state.largestUnplacedMW, remaining) }
        }
    }

    /// Total demand forecast `ahead` months after month `t` from demand observed up to `t`.
    ///
    /// The plan's growth (the median demand curve, known a priori) corrected by how much faster or slower than the
    /// plan the path has grown over the last `lookback` observed months: `D(t) · M(t+h)/M(t) · exp(e · h)`, with
    /// `e = [ln D(t)/D(t−n) − ln M(t)/M(t−n)] / n`. Exact for exponential demand with an uncertain rate; for anchored
    /// demand it follows the widening band.
    private func forecastDemand(
        _ ws: PathWorkspace, at t: Int, ahead: Int, model pm: ProcurementModel, workloads wc: Int
    )
        -> Double
    {
        var now = 0.0
        for w in 0..<wc { now += ws.demand[t * wc + w] }
        let prior = pm.priorDemand
        guard now > 0, prior[t] > 0, prior[t + ahead] > 0 else { return now }
        var planGrowth = Double.log(prior[t + ahead] / prior[t])
        let span = min(pm.lookbackMonths, t)
        if span > 0 {
            var then = 0.0
            for w in 0..<wc { then += ws.demand[(t - span) * wc + w] }
            if then > 0 && prior[t - span] > 0 {
                let excess = (Double.log(now / then) - Double.log(prior[t] / prior[t - span])) / Double(span)
                planGrowth += excess * Double(ahead)
            }
        }
        let forecast = now * Double.exp(planGrowth)
        return forecast.isFinite ? forecast : Double.greatestFiniteMagnitude
    }

    /// The capacity the buyer expects at month `s`, knowing only which units and awards are online by `t`.
    ///
    /// Signed units online by `t`: on their actual curve; not yet: at their planned month plus their median delay,
    /// or month `t + 1` once that has passed. Capacity bought at earlier reviews counts in full from the month it is
    /// online (or expected: its central lead time, or `t + 1` once that has passed) while its term lasts, ramping or
    /// not, so a gap is never bought twice and capacity that comes too late never hides one.
    private func expectedCapacity(
        _ ws: PathWorkspace, state: ProcurementState, at s: Int, knownBy t: Int, model pm: ProcurementModel
    ) -> Double {
        let k = kernel
        let now = Double(t)
        var total = 0.0
        for u in 0..<k.unitCount {
            let actual = ws.online[u]
            let online = actual <= now ? actual : max(k.unitPlanned[u] + pm.unitMedianDelay[u], now + 1)
            total += ProcurementModel.curveValue(
                megawatts: k.unitMW[u], online: online, ramp: k.unitRamp[u],
                serviceEnd: min(k.unitContractEnd[u], online + k.unitService[u]),
                serviceStart: k.unitContractStart[u], at: s)
        }
        for a in 0..<state.awardCount {
            // Capacity on order counts in full (an inventory position) from when it is expected, ramping or not,
            // until its term ends.
            let actual = state.awardOnline[a]
            let online = actual <= now ? actual : max(state.awardExpectedOnline[a], now + 1)
            if Double(s) >= online.rounded(.up) && Double(s) < (online + pm.termMonths).rounded(.up) {
                total += state.awardMW[a]
            }
        }
        return total
    }

    /// Adds the path's awards to the difference arrays of their providers' policy contracts.
    func addAwardCurves(
        _ ws: PathWorkspace, constant: UnsafeMutablePointer<Double>, slope: UnsafeMutablePointer<Double>
    ) {
        guard let pm = procurement, let state = ws.procurement else { return }
        let k = kernel
        for a in 0..<state.awardCount {
            guard let c = pm.contractOfProvider[Int(state.awardProvider[a])] else { continue }
            let online = state.awardOnline[a]
            addCapacityCurve(
                constant: constant + c, slope: slope + c, months: k.months, megawatts: state.awardMW[a], online: online,
                ramp: pm.rampMonths, serviceEnd: online + pm.termMonths, stride: k.contractCount)
        }
    }

    /// The awards a dynamic run makes on the path `draws` picks (see ``Simulator/awards(_:)``).
    func awards(_ draws: PathDraws) -> [Award] {
        let ws = PathWorkspace(model: self)
        drawPath(draws, into: ws)
        return awards(in: ws)
    }

    /// The awards recorded on the path drawn into `ws`.
    func awards(in ws: PathWorkspace) -> [Award] {
        guard let state = ws.procurement else { return [] }
        return (0..<state.awardCount).map { a in
            Award(
                provider: providers[Int(state.awardProvider[a])], month: Int(state.awardMonth[a]),
                megawatts: state.awardMW[a], online: state.awardOnline[a])
        }
    }
}
