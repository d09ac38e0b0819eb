import HeadroomModel

/// The deterministic "plan of record": every distribution at its median (or mode), month by month.
public struct Projection: Sendable, Hashable, Codable {
    /// The months projected, in order.
    public var months: [Month]
    /// The basis used.
    public var basis: DeterministicBasis
    /// Named series, each one value per month (MW, or USD for spend).
    public var demand: [Series]
    /// Served MW per workload.
    public var served: [Series]
    /// Unserved MW per workload.
    public var shortfall: [Series]
    /// Delivered IT MW per provider.
    public var capacityByProvider: [Series]
    /// Delivered IT MW per campus (blocks are grouped under their contract id).
    public var capacityByCampus: [Series]
    /// Delivered IT MW per eligibility pool (the set of workloads it may serve, such as `inference+training`).
    public var capacityByEligibility: [Series]
    /// Idle IT MW per provider.
    public var idleByProvider: [Series]
    /// Spend per provider, USD per month (contracts plus revenue shares).
    public var spendByProvider: [Series]
    /// Spend per contract, USD per month.
    public var spendByContract: [Series]
    /// Per budget cap: cumulative spend counted so far in its window, USD.
    public var cumulativeSpendByCap: [Series]
    /// The caps' limits, USD, in the same order.
    public var capLimits: [Double]
    /// Totals: demand, capacity, served, shortfall, idle (MW) and spend (USD) per month.
    public var totals: Totals

    /// A named series of monthly values.
    public struct Series: Sendable, Hashable, Codable {
        /// What the series measures (a provider, a contract, a workload…).
        public var name: String
        /// One value per month.
        public var values: [Double]

        /// Creates a series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Monthly totals.
    public struct Totals: Sendable, Hashable, Codable {
        /// Demand, MW.
        public var demand: [Double]
        /// Delivered contracted capacity, MW.
        public var capacity: [Double]
        /// Served demand, MW.
        public var served: [Double]
        /// Unserved demand, MW.
        public var shortfall: [Double]
        /// Delivered capacity not used, MW.
        public var idle: [Double]
        /// Spend, USD.
        public var spend: [Double]
        /// Cumulative spend from the start of the horizon, USD.
        public var cumulativeSpend: [Double]

        /// Creates the value from its parts.
        public init(
            demand: [Double], capacity: [Double], served: [Double], shortfall: [Double], idle: [Double],
            spend: [Double], cumulativeSpend: [Double]
        ) {
            self.demand = demand
            self.capacity = capacity
            self.served = served
            self.shortfall = shortfall
            self.idle = idle
            self.spend = spend
            self.cumulativeSpend = cumulativeSpend
        }
    }

    /// Creates the value from its parts.
    public init(
        months: [Month], basis: DeterministicBasis, demand: [Series], served: [Series], shortfall: [Series],
        capacityByProvider: [Series], capacityByCampus: [Series], capacityByEligibility: [Series],
        idleByProvider: [Series], spendByProvider: [Series], spendByContract: [Series], cumulativeSpendByCap: [Series],
        capLimits: [Double], totals: Totals
    ) {
        self.months = months
        self.basis = basis
        self.demand = demand
        self.served = served
        self.shortfall = shortfall
        self.capacityByProvider = capacityByProvider
        self.capacityByCampus = capacityByCampus
        self.capacityByEligibility = capacityByEligibility
        self.idleByProvider = idleByProvider
        self.spendByProvider = spendByProvider
        self.spendByContract = spendByContract
        self.cumulativeSpendByCap = cumulativeSpendByCap
        self.capLimits = capLimits
        self.totals = totals
    }
}

extension CompiledScenario {
    /// The projection on the central path (see ``Simulator/project(basis:)``).
    func project(basis: DeterministicBasis = .median) -> Projection {
        let ws = PathWorkspace(model: self)
        drawPath(.deterministic(basis), into: ws)
        evaluatePath(ws)
        let m = monthCount
        let origin = start.ordinal
        func column(_ buffer: UnsafeMutableBufferPointer<Double>, _ index: Int, _ stride: Int) -> [Double] {
            (0..<m).map { buffer[$0 * stride + index] }
        }
        let wc = workloads.count
        let pc = providers.count
        let cc = contracts.count
        let demandSeries = workloads.indices.map {
            Projection.Series(name: workloads[$0].rawValue, values: column(ws.demand, $0, wc))
        }
        let servedSeries = workloads.indices.map {
            Projection.Series(name: workloads[$0].rawValue, values: column(ws.served, $0, wc))
        }
        let shortfallSeries = zip(demandSeries, servedSeries).map { d, s in
            Projection.Series(name: d.name, values: zip(d.values, s.values).map { max(0, $0 - $1) })
        }
        // Campus capacity from unit curves with this path's online months.
        var campusNames: [String] = []
        var campusUnits: [String: [Int]] = [:]
        for (u, unit) in units.enumerated() {
            let name = unit.campus?.rawValue ?? unit.contract.rawValue
            if campusUnits[name] == nil { campusNames.append(name) }
            campusUnits[name, default: []].append(u)
        }
        let capacityByCampus = campusNames.map { name in
            Projection.Series(name: name, values: Self.curve(units: campusUnits[name] ?? [], model: self, ws: ws))
        }
        var poolSeries = poolMasks.map { mask in
            Projection.Series(
                name: workloads.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { workloads[$0].rawValue }
                    .joined(separator: "+").ifEmpty("none"),
                values: [Double](repeating: 0, count: m))
        }
        for t in 0..<m {
            for c in 0..<cc {
                poolSeries[Int(poolOfContract[t * cc + c])].values[t] += ws.delivered[t * cc + c]
            }
        }
        var cumulative = 0.0
        let cumulativeSpend = (0..<m).map { t -> Double in
            cumulative += ws.spendTotal[t]
            return cumulative
        }
        let capSeries = caps.map { cap in
            var running = 0.0
            let values = (0..<m).map { t -> Double in
                if cap.firstIndex <= t && t <= cap.lastIndex {
                    // Caps count payments for capacity, not revenue share (as in the Monte Carlo).
                    for p in 0..<pc where cap.countsProvider[p] {
                        running += ws.providerRevenue[t * pc + p] - ws.providerShare[t * pc + p]
                    }
                }
                return running
            }
            return Projection.Series(name: cap.id.rawValue, values: values)
        }
        return Projection(
            months: (0..<m).map { Month(ordinal: origin + $0) }, basis: basis, demand: demandSeries,
            served: servedSeries, shortfall: shortfallSeries,
            capacityByProvider: providers.indices.map {
                .init(name: providers[$0].rawValue, values: column(ws.providerDelivered, $0, pc))
            },
            capacityByCampus: capacityByCampus, capacityByEligibility: poolSeries,
            idleByProvider: providers.indices.map {
                .init(name: providers[$0].rawValue, values: column(ws.providerIdle, $0, pc))
            },
            spendByProvider: providers.indices.map {
                .init(name: providers[$0].rawValue, values: column(ws.providerRevenue, $0, pc))
            },
            spendByContract: contracts.indices.map {
                .init(name: contracts[$0].id.rawValue, values: column(ws.contractSpend, $0, cc))
            },
            cumulativeSpendByCap: capSeries, capLimits: caps.map(\.usd),
            totals: .init(
                demand: Array(ws.demandTotal), capacity: Array(ws.capacityTotal),
                served: (0..<m).map { ws.demandTotal[$0] - ws.shortfallTotal[$0] }, shortfall: Array(ws.shortfallTotal),
                idle: Array(ws.idleTotal), spend: Array(ws.spendTotal), cumulativeSpend: cumulativeSpend))
    }

    /// Delivered MW per month of some units, with the online months drawn into `ws`.
    static func curve(units indices: [Int], model: CompiledScenario, ws: PathWorkspace) -> [Double] {
        summedCapacity(
            indices.map { u in
                let unit = model.units[u]
                let online = ws.online[u]
                return CapacityCurve(
                    megawatts: unit.megawatts, online: online, ramp: unit.rampMonths,
                    serviceEnd: min(model.unitContractEnd[u], unit.serviceMonths.map { online + $0 } ?? .infinity),
                    serviceStart: model.unitContractStart[u])
            }, months: model.monthCount)
    }
}

extension String {
    /// `replacement` when the string is empty.
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
