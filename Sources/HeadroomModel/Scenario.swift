/// A whole planning world: time horizon, entities, contracts, demand, risks and budget.
///
/// Pure data. Reading and writing files is `HeadroomScenario`'s job; sampling and simulation are
/// `HeadroomEngine`'s.
public struct Scenario: Hashable, Sendable {
    /// The scenario's name.
    public var name: String
    /// A free-text description.
    public var description: String?
    /// The first simulated month.
    public var start: Month
    /// The last simulated month (inclusive).
    public var end: Month
    /// Annual discount rate for present values; `nil` means none.
    public var discountRate: Double?
    /// Workload classes.
    public var workloads: [Workload]
    /// Accelerator generations.
    public var accelerators: [Accelerator]
    /// Providers.
    public var providers: [Provider]
    /// Regions.
    public var regions: [Region]
    /// Campuses with their phases.
    public var campuses: [Campus]
    /// Contracts.
    public var contracts: [Contract]
    /// Scenario-level clauses.
    public var clauses: Clauses
    /// Demand, one entry per workload.
    public var demand: [Demand]
    /// The risk register.
    public var risks: [Risk]
    /// Delay correlation loadings.
    public var correlation: Correlation
    /// Budget caps.
    public var budget: Budget
    /// The procurement policy, if any.
    public var policy: Policy?
    /// Offers the buyer may still sign (the optimizer's decisions; simulations ignore them).
    public var offers: [Offer]
    /// The optimizer's settings, if the scenario carries any.
    public var optimization: OptimizationSettings?

    /// Creates a scenario.
    public init(
        name: String, description: String? = nil, start: Month, end: Month, discountRate: Double? = nil,
        workloads: [Workload], accelerators: [Accelerator] = [], providers: [Provider], regions: [Region] = [],
        campuses: [Campus] = [], contracts: [Contract] = [], clauses: Clauses = .none, demand: [Demand],
        risks: [Risk] = [], correlation: Correlation = .independent, budget: Budget = Budget(), policy: Policy? = nil,
        offers: [Offer] = [], optimization: OptimizationSettings? = nil
    ) {
        self.name = name
        self.description = description
        self.start = start
        self.end = end
        self.discountRate = discountRate
        self.workloads = workloads
        self.accelerators = accelerators
        self.providers = providers
        self.regions = regions
        self.campuses = campuses
        self.contracts = contracts
        self.clauses = clauses
        self.demand = demand
        self.risks = risks
        self.correlation = correlation
        self.budget = budget
        self.policy = policy
        self.offers = offers
        self.optimization = optimization
    }

    /// Number of simulated months, `end − start + 1`.
    public var monthCount: Int { end.months(since: start) + 1 }

    /// The accelerator with the given id.
    public func accelerator(_ id: AcceleratorID) -> Accelerator? { accelerators.first { $0.id == id } }
    /// The provider with the given id.
    public func provider(_ id: ProviderID) -> Provider? { providers.first { $0.id == id } }
    /// The offer with the given id.
    public func offer(_ id: OfferID) -> Offer? { offers.first { $0.id == id } }
    /// The campus with the given id.
    public func campus(_ id: CampusID) -> Campus? { campuses.first { $0.id == id } }
}
