import HeadroomModel

/// Megawatts below this (a milliwatt) are rounding noise from differencing and count as zero, so that a shortfall
/// or idle capacity of 1e-13 MW is never reported as a shortfall or widens a histogram.
let megawattEpsilon = 1e-9

extension CompiledScenario {
    /// Computes capacity, allocation, spend and totals for the path drawn into `ws`.
    ///
    /// Per-provider figures (delivered, idle, revenue per month) and per-workload shortfall are *added* to `ws`'s
    /// provider targets: the workspace's own arrays (zeroed here) for a projection, or a block's running sums in a
    /// Monte Carlo run (see ``PathWorkspace/prepareForSimulation(spend:providerFigures:)``), which saves a pass over them per path.
    /// - Complexity: O(units + months × (contracts + workloads × pools + providers + caps)).
    func evaluatePath(_ ws: PathWorkspace) {
        let k = kernel
        let m = k.months
        let cc = k.contractCount
        let wc = k.workloadCount
        let pc = k.providerCount
        let poolCount = k.poolCount
        guard let constant = ws.constant.baseAddress, let slope = ws.slope.baseAddress else { return }
        // Without spend, one pool and no awards, only total capacity matters: every curve goes into one column.
        let pooled = !ws.computesSpend && poolCount == 1 && ws.procurement == nil
        let columns = pooled ? 1 : cc
        // Capacity curves into month-major difference arrays (kept zeroed between paths: the prefix pass below
        // clears each entry as it reads it, and the last row is cleared here).
        for u in 0..<k.unitCount {
            let online = ws.online[u]
            let end = min(k.unitContractEnd[u], online + k.unitService[u])
            let c = pooled ? 0 : Int(k.unitContract[u])
            addCapacityCurve(
                constant: constant + c, slope: slope + c, months: m, megawatts: k.unitMW[u], online: online,
                ramp: k.unitRamp[u], serviceEnd: end, serviceStart: k.unitContractStart[u], stride: cc)
        }
        addAwardCurves(ws, constant: constant, slope: slope)
        if pooled && evaluatesTotalsOnly(ws) {
            evaluateTotals(ws, constant: constant, slope: slope)
            return
        }
        if ws.computesSpend && k.hasPenalties { accrueLateCredits(ws) }
        ws.runningConstant.update(repeating: 0)
        ws.runningSlope.update(repeating: 0)
        ws.capSpend.update(repeating: 0)
        ws.providerPathRevenue.update(repeating: 0)
        ws.providerPathShare.update(repeating: 0)
        ws.contractPathIdle.update(repeating: 0)
        ws.contractPathDelivered.update(repeating: 0)
        ws.contractPathCredit.update(repeating: 0)
        if !ws.isAccumulating {
            ws.providerDelivered.update(repeating: 0)
            ws.providerIdle.update(repeating: 0)
            ws.providerRevenue.update(repeating: 0)
            ws.providerShare.update(repeating: 0)
            ws.workloadShortfall.update(repeating: 0)
        }
        let deliveredTarget = ws.deliveredTarget
        let idleTarget = ws.idleTarget
        let revenueTarget = ws.revenueTarget
        let shareTarget = ws.shareTarget
        // Per contract, only delivered and idle MW-months are summed in the month loop; the contract's spend and its
        // providers' idle figures follow from them after the loop (prices are constant per contract).
        guard let pathContractIdle = ws.contractPathIdle.baseAddress,
            let pathContractDelivered = ws.contractPathDelivered.baseAddress
        else { return }
        let shortfallTarget = ws.shortfallTarget
        guard let runningConstant = ws.runningConstant.baseAddress, let runningSlope = ws.runningSlope.baseAddress,
            let delivered = ws.delivered.baseAddress, let contractSpend = ws.contractSpend.baseAddress,
            let spendNow = ws.providerSpendNow.baseAddress, let fixedPrice = k.contractFixedPrice.baseAddress,
            let usagePrice = k.contractUsagePrice.baseAddress, let contractProvider = k.contractProvider.baseAddress,
            let poolOf = k.poolOf.baseAddress, let usedFractions = ws.poolUsedFraction.baseAddress
        else { return }
        let singlePool = poolCount == 1 && wc == 1
        // Each contract its own provider, in provider order: provider figures are the contract figures.
        let contractIsProvider = k.contractIsProvider
        let computesSpend = ws.computesSpend
        let tiered = k.usageTiered
        var unserved = 0.0
        var acceleratorHours = 0.0
        var flop = 0.0
        var peak = 0.0
        var totalSpend = 0.0
        for t in 0..<m {
            let tt = Double(t)
            let row = t * cc
            var capacity = 0.0
            for c in 0..<columns {
                let a = runningConstant[c] + constant[row + c]
                let b = runningSlope[c] + slope[row + c]
                constant[row + c] = 0
                slope[row + c] = 0
                runningConstant[c] = a
                runningSlope[c] = b
                let raw = a + tt * b
                let d = raw > megawattEpsilon ? raw : 0
                delivered[row + c] = d
                capacity += d
            }
            if poolCount == 1 {
                ws.poolCapacity[0] = capacity
            } else {
                let groups = k.poolGroupStart.baseAddress.map { $0 + t * (poolCount + 1) }
                for p in 0..<poolCount {
                    var sum = 0.0
                    if let groups {
                        for i in Int(groups[p])..<Int(groups[p + 1]) {
                            sum += delivered[row + Int(k.contractsByPool[row + i])]
                        }
                    }
                    ws.poolCapacity[p] = sum
                }
            }
            var demandSum = 0.0
            var shortfall = 0.0
            if singlePool {
                let wanted = ws.demand[t]
                let served = min(wanted, capacity)
                ws.poolFree[0] = capacity - served
                ws.served[t] = served
                demandSum = wanted
                shortfall = wanted - served > megawattEpsilon ? wanted - served : 0
            } else {
                for p in 0..<poolCount { ws.poolFree[p] = ws.poolCapacity[p] }
                if let demand = ws.demand.baseAddress, let masks = k.poolMask.baseAddress,
                    let order = k.workloadOrder.baseAddress, let free = ws.poolFree.baseAddress,
                    let served = ws.served.baseAddress
                {
                    (demandSum, shortfall) = ws.allocation.serve(
                        demand: demand + t * wc, masks: masks, order: order, free: free, served: served + t * wc,
                        shortfall: shortfallTarget + t * wc)
                }
            }
            var idle = 0.0
            for p in 0..<poolCount {
                if ws.poolFree[p] <= megawattEpsilon { ws.poolFree[p] = 0 }
                idle += ws.poolFree[p]
            }
            if computesSpend {
                for p in 0..<poolCount {
                    let poolCapacity = ws.poolCapacity[p]
                    usedFractions[p] = poolCapacity > 0 ? 1 - ws.poolFree[p] / poolCapacity : 0
                }
                if tiered { assignUsageCheapestFirst(ws, month: t) }
            }
            var spend = 0.0
            if computesSpend {
                // Spend and provider figures.
                let providerRow = t * pc
                if contractIsProvider && poolCount == 1 && !k.hasPenalties && !tiered {
                    // The common fast case: one pool, no penalties, each contract its own provider — one fused pass.
                    let used = usedFractions[0]
                    let unused = 1 - used
                    for c in 0..<cc {
                        let d = delivered[row + c]
                        let cost = d * (fixedPrice[c] + usagePrice[c] * used)
                        contractSpend[row + c] = cost
                        pathContractDelivered[c] += d
                        spend += cost
                        deliveredTarget[providerRow + c] += d
                        idleTarget[providerRow + c] += d * unused
                        pathContractIdle[c] += d * unused
                        spendNow[c] = cost
                    }
                } else {
                    for p in 0..<pc { spendNow[p] = 0 }
                    for c in 0..<cc {
                        let d = delivered[row + c]
                        let pool = Int(poolOf[row + c])
                        // A pool with nothing free uses all of its contracts: tiers matter only where some is idle.
                        let usedFraction =
                            tiered && ws.poolFree[pool] > 0 ? ws.contractUsedFraction[c] : usedFractions[pool]
                        var cost = d * (fixedPrice[c] + usagePrice[c] * usedFraction)
                        if k.hasPenalties {
                            let credit = ws.lateCredit[row + c]
                            cost -= credit
                            ws.contractPathCredit[c] += credit
                        }
                        contractSpend[row + c] = cost
                        pathContractDelivered[c] += d
                        pathContractIdle[c] += d * (1 - usedFraction)
                        spend += cost
                        let p = Int(contractProvider[c])
                        deliveredTarget[providerRow + p] += d
                        idleTarget[providerRow + p] += d * (1 - usedFraction)
                        spendNow[p] += cost
                    }
                }
                // Budget caps count payments for capacity; revenue-share payments are reported apart.
                for cap in 0..<k.capCount where Int(k.capFirst[cap]) <= t && t <= Int(k.capLast[cap]) {
                    var counted = 0.0
                    for p in 0..<pc where k.capCounts[cap * pc + p] != 0 { counted += spendNow[p] }
                    ws.capSpend[cap] += counted
                }
                for s in 0..<k.shareCount where Int(k.shareFirst[s]) <= t && t <= Int(k.shareLast[s]) {
                    var servedInScope = 0.0
                    let mask = k.shareMask[s]
                    for w in 0..<wc where mask & (1 << UInt64(w)) != 0 { servedInScope += ws.served[t * wc + w] }
                    let payment = k.shareRate[s] * servedInScope
                    let receiver = Int(k.shareProvider[s])
                    spendNow[receiver] += payment
                    shareTarget[providerRow + receiver] += payment
                    ws.providerPathShare[receiver] += payment
                    spend += payment
                }
                for p in 0..<pc {
                    let revenue = spendNow[p]
                    revenueTarget[providerRow + p] += revenue
                    ws.providerPathRevenue[p] += revenue
                }
            }
            ws.demandTotal[t] = demandSum
            ws.capacityTotal[t] = capacity
            ws.shortfallTotal[t] = shortfall
            ws.idleTotal[t] = idle
            ws.spendTotal[t] = spend
            unserved += shortfall
            acceleratorHours += shortfall * k.acceleratorHoursPerMWMonth[t]
            flop += shortfall * k.flopPerMWMonth[t]
            peak = max(peak, shortfall)
            totalSpend += spend
        }
        for c in 0..<cc {
            constant[m * cc + c] = 0
            slope[m * cc + c] = 0
        }
        if singlePool {
            // One workload: its shortfall is the total.
            for t in 0..<m { shortfallTarget[t] += ws.shortfallTotal[t] }
        }
        if computesSpend {
            // Spend per contract = fixed price × delivered + use price × used (delivered − idle) − credits; idle figures
            // per provider from its contracts' idle MW-months.
            ws.providerPathIdle.update(repeating: 0)
            ws.providerPathIdlePaid.update(repeating: 0)
            ws.providerPathIdleUnpaid.update(repeating: 0)
            for c in 0..<cc {
                let idleMWMonths = pathContractIdle[c]
                let deliveredMWMonths = pathContractDelivered[c]
                ws.contractPathSpend[c] =
                    fixedPrice[c] * deliveredMWMonths + usagePrice[c] * (deliveredMWMonths - idleMWMonths)
                    - ws.contractPathCredit[c]
                let p = Int(contractProvider[c])
                ws.providerPathIdle[p] += idleMWMonths
                ws.providerPathIdlePaid[p] += fixedPrice[c] * idleMWMonths
                ws.providerPathIdleUnpaid[p] += usagePrice[c] * idleMWMonths
            }
        }
        ws.pathUnserved = unserved
        ws.pathAcceleratorHours = acceleratorHours
        ws.pathFlop = flop
        ws.pathPeakShortfall = peak
        ws.pathSpend = totalSpend
        checkInvariants(ws)
    }

    /// Assigns each pool's usage in month `t` to its contracts cheapest per used MW first (take-or-pay capacity,
    /// already paid for, before pay-per-use), pro rata among contracts at the same price, into
    /// ``PathWorkspace/contractUsedFraction``; pools with nothing free are skipped (all their capacity is used).
    /// - Complexity: O(contracts).
    @inline(__always)
    private func assignUsageCheapestFirst(_ ws: PathWorkspace, month t: Int) {
        let k = kernel
        let cc = k.contractCount
        let row = t * cc
        guard let groups = k.poolGroupStart.baseAddress.map({ $0 + t * (k.poolCount + 1) }),
            let order = k.contractsByPool.baseAddress.map({ $0 + row }), let price = k.contractUsagePrice.baseAddress,
            let delivered = ws.delivered.baseAddress.map({ $0 + row })
        else { return }
        for p in 0..<k.poolCount where ws.poolFree[p] > 0 {
            var remaining = max(0, ws.poolCapacity[p] - ws.poolFree[p])
            var i = Int(groups[p])
            let end = Int(groups[p + 1])
            while i < end {
                let tierPrice = price[Int(order[i])]
                var j = i
                var tierMW = 0.0
                while j < end && price[Int(order[j])] == tierPrice {
                    tierMW += delivered[Int(order[j])]
                    j += 1
                }
                let take = min(remaining, tierMW)
                let fraction = tierMW > 0 ? take / tierMW : 0
                for x in i..<j { ws.contractUsedFraction[Int(order[x])] = fraction }
                remaining -= take
                i = j
            }
        }
    }
}
