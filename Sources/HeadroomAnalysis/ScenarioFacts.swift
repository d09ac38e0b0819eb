import HeadroomEngine
import HeadroomModel
import HeadroomScenario

/// What reports need to know about a scenario beyond its statistics, keyed by ids: the scenario itself, its capacity
/// units, its contracts' converted prices, planned capacity, caps that reach past the horizon, and the offers a
/// dynamic run can buy with the order each deal structure asks them in.
///
/// Built by the analysis layer from the compiled scenario, so no front end ever reads compiled indices.
public struct ScenarioFacts: Sendable, Hashable {
    /// The scenario as read.
    public var scenario: Scenario
    /// The simulated months, in order.
    public var months: [Month]
    /// Capacity units (contracted phases and blocks), in engine order.
    public var units: [UnitFacts]
    /// Signed contracts, in scenario order, with their converted prices.
    public var contracts: [ContractFacts]
    /// Contracted IT MW per provider per month on plan (no delays), every provider in scenario order.
    public var plannedCapacityByProvider: [ProviderSeries]
    /// Budget caps whose window reaches beyond the horizon (spend there is not counted).
    public var truncatedCaps: [BudgetCapID]
    /// The providers a dynamic run can ask for new capacity (empty without a policy).
    public var offers: [OfferFacts]
    /// The holder of the rights (ROFR or exclusivity), if any.
    public var holder: ProviderID?

    /// Creates facts.
    public init(
        scenario: Scenario, months: [Month], units: [UnitFacts], contracts: [ContractFacts],
        plannedCapacityByProvider: [ProviderSeries], truncatedCaps: [BudgetCapID], offers: [OfferFacts],
        holder: ProviderID?
    ) {
        self.scenario = scenario
        self.months = months
        self.units = units
        self.contracts = contracts
        self.plannedCapacityByProvider = plannedCapacityByProvider
        self.truncatedCaps = truncatedCaps
        self.offers = offers
        self.holder = holder
    }

    /// Phases no contract covers (they do not count as capacity), as `campus/phase`.
    public var uncontractedPhases: [String] {
        let covered = Set(units.map(\.name))
        return scenario.campuses.flatMap { campus in
            campus.phases.map { "\(campus.id)/\($0.id)" }.filter { !covered.contains($0) }
        }
    }

    /// The month through which reports sum spend by provider by default: the end of the first budget cap over all
    /// providers, if any.
    public var defaultSpendThrough: Month? {
        scenario.budget.caps.first { $0.providers == nil }?.through
    }
}

/// One capacity unit: a contracted campus phase or a contract block.
public struct UnitFacts: Sendable, Hashable, Codable {
    /// `campus/phase` or `contract#block-N`.
    public var name: String
    /// The provider that delivers it.
    public var provider: ProviderID
    /// The contract that covers it.
    public var contract: ContractID
    /// IT MW.
    public var megawatts: Double
    /// Planned online month, as a (fractional) index from the scenario start.
    public var plannedIndex: Double

    /// Creates unit facts.
    public init(name: String, provider: ProviderID, contract: ContractID, megawatts: Double, plannedIndex: Double) {
        self.name = name
        self.provider = provider
        self.contract = contract
        self.megawatts = megawatts
        self.plannedIndex = plannedIndex
    }
}

/// A signed contract's price as converted by the engine.
public struct ContractFacts: Sendable, Hashable, Codable {
    /// The contract's id.
    public var id: ContractID
    /// Its provider.
    public var provider: ProviderID
    /// The converted price and planned value.
    public var pricing: ContractPricing
    /// Fraction paid whether used or not, in [0, 1].
    public var takeOrPayFraction: Double

    /// Creates contract facts.
    public init(id: ContractID, provider: ProviderID, pricing: ContractPricing, takeOrPayFraction: Double) {
        self.id = id
        self.provider = provider
        self.pricing = pricing
        self.takeOrPayFraction = takeOrPayFraction
    }

    /// The take-or-pay minimum over the planned MW-months of the term, USD.
    public var plannedTakeOrPayMinimumUSD: Double { pricing.plannedValueUSD * takeOrPayFraction }
}

/// A provider's monthly series.
public struct ProviderSeries: Sendable, Hashable, Codable {
    /// The provider.
    public var provider: ProviderID
    /// One value per month.
    public var values: [Double]

    /// Creates a series.
    public init(provider: ProviderID, values: [Double]) {
        self.provider = provider
        self.values = values
    }
}

/// A provider a dynamic run can ask for new capacity.
public struct OfferFacts: Sendable, Hashable, Codable {
    /// The provider.
    public var provider: ProviderID
    /// Median appetite, MW per year.
    public var medianAppetiteMW: Double
    /// Price of new capacity, USD per IT MW-month.
    public var priceUSDPerMWMonth: Double
    /// Median lead time, months.
    public var medianLeadTimeMonths: Double
    /// Its 1-based place in each structure's asking order: `nil` when never asked, absent when the structure cannot
    /// run (no holder).
    public var askPosition: [Policy.Structure: Int?]

    /// Creates offer facts.
    public init(
        provider: ProviderID, medianAppetiteMW: Double, priceUSDPerMWMonth: Double, medianLeadTimeMonths: Double,
        askPosition: [Policy.Structure: Int?]
    ) {
        self.provider = provider
        self.medianAppetiteMW = medianAppetiteMW
        self.priceUSDPerMWMonth = priceUSDPerMWMonth
        self.medianLeadTimeMonths = medianLeadTimeMonths
        self.askPosition = askPosition
    }
}

extension ScenarioFacts {
    /// The facts of `model`, compiled from `scenario` as a static run.
    init(model: CompiledScenario, scenario: Scenario) {
        let providers = model.providers
        let offers = Self.offers(scenario)
        let planned = model.plannedCapacityByProvider()
        self.init(
            scenario: scenario, months: (0..<model.monthCount).map { scenario.start.adding(months: $0) },
            units: model.units.map { unit in
                UnitFacts(
                    name: unit.name, provider: unit.provider, contract: unit.contract,
                    megawatts: unit.megawatts, plannedIndex: unit.plannedIndex)
            },
            contracts: model.contracts.map { terms in
                ContractFacts(
                    id: terms.id, provider: terms.provider, pricing: terms.pricing,
                    takeOrPayFraction: terms.takeOrPay)
            },
            plannedCapacityByProvider: providers.indices.map {
                ProviderSeries(provider: providers[$0], values: planned[$0])
            },
            truncatedCaps: model.caps.filter(\.truncated).map(\.id), offers: offers,
            holder: scenario.policy?.resolvedHolder(in: scenario))
    }
}

extension ScenarioFacts {
    /// The providers the policy can ask, with the order each structure asks them in, read from the scenario (the
    /// same prices, median lead times and rules as a dynamic run's compiled policy).
    static func offers(_ scenario: Scenario) -> [OfferFacts] {
        let asks = AskOrders(scenario)
        return asks.askable.compactMap { id in
            guard let provider = scenario.providers.first(where: { $0.id == id }) else { return nil }
            var positions: [Policy.Structure: Int?] = [:]
            for (structure, order) in asks.orders {
                positions[structure] = .some(order.firstIndex(of: id).map { $0 + 1 })
            }
            return OfferFacts(
                provider: id, medianAppetiteMW: provider.appetiteMWPerYear.map { max(0, $0.median) } ?? 0,
                priceUSDPerMWMonth: provider.newCapacityPriceUSDPerMWMonth ?? 0,
                medianLeadTimeMonths: provider.leadTimeMonths.map { max(0, $0.median) } ?? .infinity,
                askPosition: positions)
        }
    }
}

extension ScenarioFacts: Codable {
    private enum CodingKeys: String, CodingKey {
        case scenarioYAML = "scenario_yaml"
        case months, units, contracts
        case plannedCapacityByProvider = "planned_capacity_by_provider"
        case truncatedCaps = "truncated_caps"
        case offers, holder
    }

    /// Decodes the facts; the scenario is read back from its YAML text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .scenarioYAML)
        do {
            scenario = try ScenarioReader.parse(text, file: "scenario_yaml")
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .scenarioYAML, in: container, debugDescription: "the scenario does not read: \(error)")
        }
        months = try container.decode([Month].self, forKey: .months)
        units = try container.decode([UnitFacts].self, forKey: .units)
        contracts = try container.decode([ContractFacts].self, forKey: .contracts)
        plannedCapacityByProvider = try container.decode([ProviderSeries].self, forKey: .plannedCapacityByProvider)
        truncatedCaps = try container.decode([BudgetCapID].self, forKey: .truncatedCaps)
        offers = try container.decode([OfferFacts].self, forKey: .offers)
        holder = try container.decodeIfPresent(ProviderID.self, forKey: .holder)
    }

    /// Encodes the facts, with the scenario as the YAML that ``ScenarioWriter`` writes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ScenarioWriter.yaml(scenario), forKey: .scenarioYAML)
        try container.encode(months, forKey: .months)
        try container.encode(units, forKey: .units)
        try container.encode(contracts, forKey: .contracts)
        try container.encode(plannedCapacityByProvider, forKey: .plannedCapacityByProvider)
        try container.encode(truncatedCaps, forKey: .truncatedCaps)
        try container.encode(offers, forKey: .offers)
        try container.encodeIfPresent(holder, forKey: .holder)
    }
}
