extension CompiledScenario {
    /// Whether ``evaluateTotals(_:constant:slope:)`` can evaluate paths in `ws`: one workload in one pool, no spend,
    /// no provider figures and no procurement, so that only monthly totals matter.
    func evaluatesTotalsOnly(_ ws: PathWorkspace) -> Bool {
        !ws.computesSpend && kernel.poolCount == 1 && kernel.workloadCount == 1 && ws.procurement == nil
    }

    /// The path kernel's month loop when only totals matter (see ``evaluatesTotalsOnly(_:)``): every capacity curve
    /// was added to contract column 0, so capacity is one running sum, and serving the one workload is one `min`.
    ///
    /// It computes exactly what ``evaluatePath(_:)`` computes in that case, in the same order, with fewer loads.
    func evaluateTotals(
        _ ws: PathWorkspace, constant: UnsafeMutablePointer<Double>, slope: UnsafeMutablePointer<Double>
    ) {
        let k = kernel
        let m = k.months
        let cc = k.contractCount
        guard let demand = ws.demand.baseAddress, let served = ws.served.baseAddress,
            let demandTotal = ws.demandTotal.baseAddress, let capacityTotal = ws.capacityTotal.baseAddress,
            let shortfallTotal = ws.shortfallTotal.baseAddress, let idleTotal = ws.idleTotal.baseAddress,
            let spendTotal = ws.spendTotal.baseAddress, let hours = k.acceleratorHoursPerMWMonth.baseAddress,
            let flops = k.flopPerMWMonth.baseAddress
        else { return }
        let shortfallTarget = ws.shortfallTarget
        var a = 0.0
        var b = 0.0
        var unserved = 0.0
        var acceleratorHours = 0.0
        var flop = 0.0
        var peak = 0.0
        for t in 0..<m {
            let row = t * cc
            a += constant[row]
            b += slope[row]
            constant[row] = 0
            slope[row] = 0
            let raw = a + Double(t) * b
            let capacity = raw > megawattEpsilon ? raw : 0
            let wanted = demand[t]
            let taken = min(wanted, capacity)
            let gap = wanted - taken
            let shortfall = gap > megawattEpsilon ? gap : 0
            let free = capacity - taken
            let idle = free <= megawattEpsilon ? 0 : free
            served[t] = taken
            demandTotal[t] = wanted
            capacityTotal[t] = capacity
            shortfallTotal[t] = shortfall
            idleTotal[t] = idle
            spendTotal[t] = 0
            shortfallTarget[t] += shortfall
            unserved += shortfall
            acceleratorHours += shortfall * hours[t]
            flop += shortfall * flops[t]
            peak = max(peak, shortfall)
        }
        for c in 0..<cc {
            constant[m * cc + c] = 0
            slope[m * cc + c] = 0
        }
        ws.pathUnserved = unserved
        ws.pathAcceleratorHours = acceleratorHours
        ws.pathFlop = flop
        ws.pathPeakShortfall = peak
        ws.pathSpend = 0
        checkInvariants(ws)
    }
}
