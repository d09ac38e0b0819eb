import HeadroomModel

extension CompiledScenario {
    /// Fills ``PathWorkspace/lateCredit`` with the late-delivery credits of the path drawn into `ws`.
    ///
    /// A unit earns its contract's penalty on the MW it delivers below plan in the months of its term from its
    /// planned first month until it reaches full capacity on its actual curve: lateness only. A unit delivered early
    /// (even one whose fixed service length then ends before plan) earns nothing; a cancelled one is late in every
    /// month of its term. Each contract's credits are then capped, in month order, at its cap share of its planned
    /// value.
    /// - Complexity: O(units × late months + months × contracts with a penalty).
    func accrueLateCredits(_ ws: PathWorkspace) {
        let k = kernel
        let m = k.months
        let cc = k.contractCount
        ws.lateCredit.update(repeating: 0)
        for u in 0..<k.unitCount {
            let c = Int(k.unitContract[u])
            let penalty = k.contractPenalty[c]
            guard penalty > 0 else { continue }
            let (mw, ramp, planned, online) = (k.unitMW[u], k.unitRamp[u], k.unitPlanned[u], ws.online[u])
            let start = k.unitContractStart[u]
            let plannedEnd = min(k.unitContractEnd[u], planned + k.unitService[u])
            let actualEnd = min(k.unitContractEnd[u], online + k.unitService[u])
            let arrival = online.isFinite ? (online + ramp).rounded(.up) : Double(m)
            let first = max(0, start, planned.rounded(.up))
            let last = min(Double(m), arrival, plannedEnd.rounded(.up))
            guard first < last else { continue }
            for t in Int(first)..<Int(last) {
                let want = ProcurementModel.curveValue(
                    megawatts: mw, online: planned, ramp: ramp, serviceEnd: plannedEnd, serviceStart: start, at: t)
                let got = ProcurementModel.curveValue(
                    megawatts: mw, online: online, ramp: ramp, serviceEnd: actualEnd, serviceStart: start, at: t)
                if want > got { ws.lateCredit[t * cc + c] += penalty * (want - got) }
            }
        }
        for c in 0..<cc where k.contractPenalty[c] > 0 {
            var left = k.contractCreditCap[c]
            for t in 0..<m {
                let credit = min(ws.lateCredit[t * cc + c], left)
                ws.lateCredit[t * cc + c] = credit
                left -= credit
            }
        }
    }
}
