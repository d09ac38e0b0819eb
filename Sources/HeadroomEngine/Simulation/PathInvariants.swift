/// The path kernel's invariants, checked after every evaluated path in checked builds (debug, or built with
/// `HEADROOM_CHECKED=1`; see `Package.swift`) and compiled away otherwise.
///
/// Per month: capacity, demand, shortfall and idle capacity are finite and never negative; the shortfall never
/// exceeds demand; what is served plus what stands idle is the capacity (MW conserved). Per path: unserved
/// MW-months are the sum of the monthly shortfalls and, when spend is computed, the months' spend adds up to the
/// path's, the providers' receipts add up to it, and so do the contracts' payments plus the revenue shares (money
/// conserved). A violation stops the process with the invariant, the month and the values.
extension CompiledScenario {
    /// In a checked build, stops the process if the path evaluated in `ws` violates an invariant.
    @inline(__always)
    func checkInvariants(_ ws: PathWorkspace) {
        #if HEADROOM_CHECKED
        if let violation = invariantViolation(ws) { preconditionFailure("path invariant violated: \(violation)") }
        #endif
    }

    /// The first invariant the path evaluated in `ws` violates, described with its month and values; `nil` if none.
    func invariantViolation(_ ws: PathWorkspace) -> String? {
        func near(_ a: Double, _ b: Double, scale: Double) -> Bool {
            abs(a - b) <= 1e-7 * max(1, abs(scale))
        }
        var unserved = 0.0
        var spend = 0.0
        for t in 0..<monthCount {
            let capacity = ws.capacityTotal[t]
            let demand = ws.demandTotal[t]
            let shortfall = ws.shortfallTotal[t]
            let idle = ws.idleTotal[t]
            for (name, value) in [("capacity", capacity), ("demand", demand), ("shortfall", shortfall), ("idle", idle)]
            where !(value.isFinite && value >= 0) {
                return "\(name) at month \(t) is \(value)"
            }
            guard shortfall <= demand * (1 + 1e-12) + megawattEpsilon else {
                return "shortfall \(shortfall) above demand \(demand) at month \(t)"
            }
            let served = demand - shortfall
            guard near(served + idle, capacity, scale: capacity + demand) else {
                return "served \(served) + idle \(idle) ≠ capacity \(capacity) at month \(t)"
            }
            unserved += shortfall
            spend += ws.spendTotal[t]
        }
        guard near(unserved, ws.pathUnserved, scale: unserved) else {
            return "unserved MW-months \(ws.pathUnserved) ≠ Σ monthly shortfall \(unserved)"
        }
        guard ws.computesSpend else { return nil }
        let scale = abs(spend) + abs(ws.pathSpend)
        guard near(spend, ws.pathSpend, scale: scale) else { return "path spend \(ws.pathSpend) ≠ Σ monthly \(spend)" }
        let receipts = ws.providerPathRevenue.reduce(0, +)
        guard near(receipts, ws.pathSpend, scale: scale) else {
            return "providers' receipts \(receipts) ≠ path spend \(ws.pathSpend)"
        }
        let payments = ws.contractPathSpend.reduce(0, +) + ws.providerPathShare.reduce(0, +)
        guard near(payments, ws.pathSpend, scale: scale) else {
            return "contracts' payments + revenue shares \(payments) ≠ path spend \(ws.pathSpend)"
        }
        return nil
    }
}
