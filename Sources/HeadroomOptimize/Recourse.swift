import Dispatch
import HeadroomEngine

/// The second stage in closed form: with the lots fixed, each path's penalised unserved demand, and its
/// subgradient in the lots, from one pass over the path's months.
///
/// A month's recourse is the linear program
///     min Σ_w p_w u_w  s.t.  u_w + Σ_{g ∋ w} y_gw ≥ r_w,  Σ_w y_gw ≤ a_g,  u, y ≥ 0
/// (r: demand the signed contracts leave unserved; a_g: new MW of pool g online that month; a pool serves only the
/// workloads its mask holds then). Its dual is  max Σ_w r_w min(p_w, min_{g ∋ w} π_g) − Σ_g a_g π_g  over π ≥ 0,
/// a concave piecewise-linear function whose breakpoints lie where π_g equals some p_w, 0, or another π_g', so its
/// maximum is attained with every π_g in {0} ∪ {p_w}: the pass enumerates those (|P|^G points, G pools), which gives
/// the value (strong duality) and the shadow price π_g of new capacity in every pool, hence the subgradient
/// ∂/∂n_c = −lotMW_c · Σ_t π_g(c),t · profile_c,t. No LP is solved.
struct Recourse: Sendable {
    let samples: SampleSet
    /// Pool of each candidate.
    let pool: [Int]
    /// Masks `[g][t]`.
    let masks: [[UInt64]]
    /// Penalty per workload, USD per MW-month.
    let penalties: [Double]
    /// MW per lot per candidate.
    let lotMW: [Double]
    /// The candidate shadow prices: {0} ∪ {p_w}, ascending.
    let levels: [Double]

    init(samples: SampleSet, pool: [Int], masks: [[UInt64]], penalties: [Double], lotMW: [Double]) {
        self.samples = samples
        self.pool = pool
        self.masks = masks
        self.penalties = penalties
        self.lotMW = lotMW
        levels = Array(Set([0] + penalties)).sorted()
    }

    /// Dual points enumerated per month.
    var dualPoints: Int {
        var count = 1
        for _ in masks { count = count.multipliedReportingOverflow(by: levels.count).partialValue }
        return count
    }

    /// One path's recourse at a first stage.
    struct PathValue: Sendable {
        /// Σ p_w · unserved MW-months, USD.
        var penalty: Double
        /// Unserved MW-months (0 unless asked for).
        var unservedMWMonths: Double
        /// ∂penalty/∂lots per candidate (≤ 0).
        var gradient: [Double]
    }

    /// Every path's recourse value at `lots`.
    ///
    /// `lots` holds one value per candidate and may be fractional. The subgradient comes with `gradients` (Benders'
    /// passes), the unserved MW-months with `unserved` (reports). Runs across `threads` cores; the result does not
    /// depend on `threads`.
    func evaluate(lots: [Double], threads: Int, gradients: Bool = true, unserved: Bool = false) -> [PathValue] {
        let s = samples.paths
        let out = IndexedSlots<PathValue>(count: s)
        let lanes = max(1, min(threads, s))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var scratch = Scratch(samples: samples, pools: masks.count)
            var path = lane
            while path < s {
                out.store(
                    path,
                    evaluate(path: path, lots: lots, gradients: gradients, unserved: unserved, scratch: &scratch))
                path += lanes
            }
        }
        return out.values
    }

    /// Per-lane working memory.
    struct Scratch {
        /// New MW per pool and month, `[g * months + t]`.
        var poolMW: [Double]
        var capacity: [Double]
        /// Shadow prices per pool and month, `[g * months + t]`.
        var prices: [Double]
        /// Prefix sums of the prices, `[g * (months + 1) + t]`: Σ_{u<t} π_u and Σ_{u<t} u · π_u.
        var sum0: [Double]
        var sum1: [Double]
        var best: [Double]
        var trial: [Int]

        init(samples: SampleSet, pools: Int) {
            let m = samples.months
            poolMW = [Double](repeating: 0, count: max(1, pools * m))
            capacity = [Double](repeating: 0, count: max(1, pools))
            prices = [Double](repeating: 0, count: max(1, pools * m))
            sum0 = [Double](repeating: 0, count: max(1, pools * (m + 1)))
            sum1 = sum0
            best = [Double](repeating: 0, count: max(1, pools))
            trial = [Int](repeating: 0, count: max(1, pools))
        }
    }

    /// Path `s`'s recourse at `lots`.
    ///
    /// Each candidate's delivery is a ramp then a plateau (``DeliveryCurve/pieces(online:)``), so new MW per pool
    /// and month is summed over the candidates taken only, and each candidate's subgradient Σ_t π_t · d_t comes from
    /// prefix sums of π and t · π in O(1): O(months × pools + candidates) per path, whatever the number of
    /// candidates not taken.
    func evaluate(path s: Int, lots: [Double], gradients: Bool, unserved measures: Bool, scratch: inout Scratch)
        -> PathValue
    {
        let m = samples.months
        let wc = samples.workloads
        let cc = samples.candidates
        let gc = masks.count
        for i in 0..<(gc * m) {
            scratch.poolMW[i] = 0
            scratch.prices[i] = 0
        }
        for c in 0..<cc where lots[c] != 0 {
            let online = samples.online[s * cc + c]
            let piece = samples.curves[c].pieces(online: online)
            let mw = lotMW[c] * lots[c]
            let base = pool[c] * m
            let ramp = samples.curves[c].rampMonths
            if piece.rampStart < piece.rampEnd {
                for t in piece.rampStart..<piece.rampEnd {
                    scratch.poolMW[base + t] += mw * (Double(t) - online) / ramp
                }
            }
            if piece.flatStart < piece.end {
                for t in piece.flatStart..<piece.end { scratch.poolMW[base + t] += mw }
            }
        }
        var penalty = 0.0
        var unserved = 0.0
        let residualBase = s * m * wc
        for t in 0..<m {
            var any = false
            for w in 0..<wc where samples.residual[residualBase + t * wc + w] > 0 { any = true }
            guard any else { continue }
            for g in 0..<gc { scratch.capacity[g] = scratch.poolMW[g * m + t] }
            penalty += monthValue(residualAt: residualBase + t * wc, month: t, scratch: &scratch)
            if measures { unserved += unservedMW(residualAt: residualBase + t * wc, month: t, scratch: scratch) }
            for g in 0..<gc { scratch.prices[g * m + t] = scratch.best[g] }
        }
        var gradient: [Double] = []
        if gradients {
            for g in 0..<gc {
                var a = 0.0
                var b = 0.0
                let row = g * (m + 1)
                scratch.sum0[row] = 0
                scratch.sum1[row] = 0
                for t in 0..<m {
                    let price = scratch.prices[g * m + t]
                    a += price
                    b += Double(t) * price
                    scratch.sum0[row + t + 1] = a
                    scratch.sum1[row + t + 1] = b
                }
            }
            gradient = [Double](repeating: 0, count: cc)
            for c in 0..<cc {
                let online = samples.online[s * cc + c]
                let piece = samples.curves[c].pieces(online: online)
                let row = pool[c] * (m + 1)
                var sum = scratch.sum0[row + piece.end] - scratch.sum0[row + piece.flatStart]
                if piece.rampStart < piece.rampEnd {
                    let s0 = scratch.sum0[row + piece.rampEnd] - scratch.sum0[row + piece.rampStart]
                    let s1 = scratch.sum1[row + piece.rampEnd] - scratch.sum1[row + piece.rampStart]
                    sum += (s1 - online * s0) / samples.curves[c].rampMonths
                }
                gradient[c] = -lotMW[c] * sum
            }
        }
        return PathValue(penalty: penalty, unservedMWMonths: unserved, gradient: gradient)
    }

    /// The month's dual maximum: its value, with the maximising prices in `scratch.best`.
    private func monthValue(residualAt offset: Int, month t: Int, scratch: inout Scratch) -> Double {
        let wc = samples.workloads
        let gc = masks.count
        let levelCount = levels.count
        var bestValue = -Double.infinity
        for g in 0..<gc { scratch.trial[g] = 0 }
        while true {
            var value = 0.0
            for g in 0..<gc { value -= scratch.capacity[g] * levels[scratch.trial[g]] }
            for w in 0..<wc {
                let r = samples.residual[offset + w]
                guard r > 0 else { continue }
                var mu = penalties[w]
                let bit: UInt64 = 1 << UInt64(w)
                for g in 0..<gc where masks[g][t] & bit != 0 { mu = min(mu, levels[scratch.trial[g]]) }
                value += r * mu
            }
            if bestValue == -.infinity || value > bestValue + 1e-9 * max(1, abs(bestValue)) {
                bestValue = value
                for g in 0..<gc { scratch.best[g] = levels[scratch.trial[g]] }
            }
            // Next point of the grid (odometer order, so the first maximum found is the smallest prices).
            var g = 0
            while g < gc {
                scratch.trial[g] += 1
                if scratch.trial[g] < levelCount { break }
                scratch.trial[g] = 0
                g += 1
            }
            if g == gc { break }
        }
        return bestValue
    }

    /// Unserved MW in the month with the pools' capacity in `scratch.capacity`.
    ///
    /// The total residual less the most the new pools can serve, a maximum flow found as its minimum cut over the 2^G subsets of pools (G ≤ 16: the dual grid
    /// is at most 65,536 points). Every optimum of the recourse LP serves a maximum flow (its penalties are
    /// positive), so this is the optimum's unserved MW.
    private func unservedMW(residualAt offset: Int, month t: Int, scratch: Scratch) -> Double {
        let wc = samples.workloads
        let gc = masks.count
        var total = 0.0
        var present: UInt64 = 0
        for w in 0..<wc where samples.residual[offset + w] > 0 {
            total += samples.residual[offset + w]
            present |= 1 << UInt64(w)
        }
        // Max flow = min over pool subsets B of (Σ_{g∈B} a_g + Σ residual of workloads no pool outside B serves).
        var best = Double.infinity
        for subset in 0..<(1 << gc) {
            var cut = 0.0
            var reachable: UInt64 = 0
            for g in 0..<gc {
                if subset & (1 << g) != 0 { cut += scratch.capacity[g] } else { reachable |= masks[g][t] }
            }
            for w in 0..<wc where present & (1 << UInt64(w)) != 0 && reachable & (1 << UInt64(w)) != 0 {
                cut += samples.residual[offset + w]
            }
            best = min(best, cut)
        }
        return max(0, total - best)
    }
}
