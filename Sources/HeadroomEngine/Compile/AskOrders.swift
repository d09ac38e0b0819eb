import HeadroomModel

/// The providers a scenario's policy can ask for new capacity and the order each deal structure asks them in, read
/// from the scenario with the same rules as a dynamic run's compiled policy, without compiling it.
public struct AskOrders: Sendable, Hashable {
    /// Providers that state an appetite, a price and a lead time, in scenario order.
    public let askable: [ProviderID]
    /// Per deal structure that can run (`rofr` needs a holder; `exclusive` an askable holder): the providers in the
    /// order they are asked.
    public let orders: [Policy.Structure: [ProviderID]]

    /// The ask orders of `scenario`'s policy; none without a policy.
    public init(_ scenario: Scenario) {
        guard let policy = scenario.policy else {
            askable = []
            orders = [:]
            return
        }
        let providers = scenario.providers
        let askable = providers.indices.filter { ProcurementModel.isAskable(providers[$0]) }
        let price = providers.map { $0.newCapacityPriceUSDPerMWMonth ?? 0 }
        let lead = providers.map { provider in provider.leadTimeMonths.map { max(0, $0.median) } ?? .infinity }
        let holder = policy.resolvedHolder(in: scenario).flatMap { id in providers.firstIndex { $0.id == id } }
        var orders: [Policy.Structure: [ProviderID]] = [:]
        for structure in Policy.Structure.allCases {
            switch structure {
            case .open: break
            case .rightOfFirstRefusal: if holder == nil { continue }
            case .exclusive: if holder.map({ !askable.contains($0) }) ?? true { continue }
            }
            orders[structure] = ProcurementModel.askOrder(
                structure: structure, holder: holder, askable: askable, price: price, leadTime: lead,
                horizon: max(1, policy.horizonMonths)
            ).map { providers[$0].id }
        }
        self.askable = askable.map { providers[$0].id }
        self.orders = orders
    }
}
