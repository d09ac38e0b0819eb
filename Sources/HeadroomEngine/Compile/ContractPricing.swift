import HeadroomModel

/// A contract's price converted to USD per IT MW-month, with the figures it was derived from.
public struct ContractPricing: Sendable, Hashable, Codable {
    /// USD per IT MW-month.
    public var usdPerMWMonth: Double
    /// The equivalent USD per accelerator-hour, when the covered capacity names accelerators.
    public var usdPerAcceleratorHour: Double?
    /// MW-months planned within the term (planned dates, ramps, no delays).
    public var plannedMWMonths: Double
    /// The contract's value at that price over the planned MW-months.
    public var plannedValueUSD: Double
    /// Whether the price was derived from a stated total value.
    public var derivedFromTotalValue: Bool

    /// Creates the value from its parts.
    public init(
        usdPerMWMonth: Double, usdPerAcceleratorHour: Double?, plannedMWMonths: Double, plannedValueUSD: Double,
        derivedFromTotalValue: Bool
    ) {
        self.usdPerMWMonth = usdPerMWMonth
        self.usdPerAcceleratorHour = usdPerAcceleratorHour
        self.plannedMWMonths = plannedMWMonths
        self.plannedValueUSD = plannedValueUSD
        self.derivedFromTotalValue = derivedFromTotalValue
    }
}

extension ContractPricing {
    /// Converts `contract`'s price, given the units it covers and the accelerators they use.
    ///
    /// - Per MW-month: as stated.
    /// - Per accelerator-hour: × (10⁶ / IT watts per accelerator) × 730.5 hours, with the MW-weighted watts of the
    ///   covered units.
    /// - Total value: value ÷ planned MW-months of the covered units over the contract's term: from its `signed`
    ///   month (the horizon's start when it has none) through its end. A term signed before the horizon counts its
    ///   months before the horizon too, so the horizon sees only its share of the value.
    static func derive(
        contract: Contract, units: [CapacityUnit], accelerators: [Accelerator], startOrdinal: Int, horizonEnd: Int
    ) throws(EngineError) -> ContractPricing {
        let endIndex = contract.end.map { $0.ordinal - startOrdinal } ?? horizonEnd
        let termStart = contract.signed.map { $0.ordinal - startOrdinal } ?? 0
        var plannedMWMonths = 0.0
        var weightedWatts = 0.0
        var wattsWeight = 0.0
        for unit in units {
            plannedMWMonths += plannedMegawattMonths(unit, fromIndex: termStart, throughIndex: endIndex)
            if let a = unit.index.accelerator, accelerators.indices.contains(a) {
                weightedWatts += unit.megawatts * accelerators[a].itWattsPerAccelerator
                wattsWeight += unit.megawatts
            }
        }
        let watts: Double? = wattsWeight > 0 ? weightedWatts / wattsWeight : nil
        let hourFactor: Double? = watts.flatMap { $0 > 0 ? 1_000_000 / $0 * hoursPerMonth : nil }
        let perMWMonth: Double
        switch contract.price {
        case .perMWMonth(let p):
            perMWMonth = p
        case .perAcceleratorHour(let h):
            guard let hourFactor else {
                throw EngineError(
                    .invalidValue, path: "contracts.\(contract.id).price",
                    "contract \(contract.id): a price per accelerator-hour needs accelerators on its capacity")
            }
            perMWMonth = h * hourFactor
        case .totalValue(let value):
            guard plannedMWMonths > 0 else {
                throw EngineError(
                    .invalidValue, path: "contracts.\(contract.id).total_value_usd",
                    "contract \(contract.id): a total value needs planned capacity between its signed month and its end"
                )
            }
            perMWMonth = value / plannedMWMonths
        }
        guard perMWMonth.isFinite, perMWMonth >= 0 else {
            throw EngineError(
                .invalidValue, path: "contracts.\(contract.id).price",
                "contract \(contract.id): price must be a finite number ≥ 0")
        }
        var derivedFromTotal = false
        if case .totalValue = contract.price { derivedFromTotal = true }
        return ContractPricing(
            usdPerMWMonth: perMWMonth, usdPerAcceleratorHour: hourFactor.map { perMWMonth / $0 },
            plannedMWMonths: plannedMWMonths, plannedValueUSD: perMWMonth * plannedMWMonths,
            derivedFromTotalValue: derivedFromTotal)
    }

    /// MW-months a unit delivers on plan (no delay) in month indices `fromIndex...throughIndex` (either may lie
    /// outside the horizon).
    static func plannedMegawattMonths(_ unit: CapacityUnit, fromIndex: Int, throughIndex: Int) -> Double {
        let from = max(Int(unit.plannedIndex.rounded(.down)) - 1, fromIndex)
        let through = min(throughIndex, from + 12 * 200)
        guard through >= from else { return 0 }
        let months = through - from + 1
        let online = unit.plannedIndex - Double(from)
        let curve = CapacityCurve(
            megawatts: unit.megawatts, online: online, ramp: unit.rampMonths,
            serviceEnd: unit.serviceMonths.map { online + $0 } ?? Double(months))
        return summedCapacity([curve], months: months).reduce(0, +)
    }
}
