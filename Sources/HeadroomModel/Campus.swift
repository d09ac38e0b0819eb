/// A datacenter campus: one provider's site in one region, delivered in phases.
public struct Campus: Hashable, Sendable {
    /// The campus's id.
    public var id: CampusID
    /// A readable name.
    public var name: String?
    /// The provider that operates it and sells its capacity.
    public var provider: ProviderID
    /// The region whose correlated delay factor its phases share.
    public var region: RegionID?
    /// Power usage effectiveness: facility MW = IT MW × PUE.
    public var pue: Double
    /// The phases (buildings, halls) in delivery order.
    public var phases: [Phase]

    /// Creates a campus.
    public init(
        id: CampusID, name: String? = nil, provider: ProviderID, region: RegionID? = nil, pue: Double = 1.2,
        phases: [Phase]
    ) {
        self.id = id
        self.name = name
        self.provider = provider
        self.region = region
        self.pue = pue
        self.phases = phases
    }
}

/// The power basis a figure was written on.
public enum PowerBasis: String, Hashable, Sendable, CaseIterable {
    /// Critical IT load: what the accelerators, hosts and network draw.
    case it
    /// IT load × PUE: what the facility draws.
    case facility
}

/// One deliverable block of a campus: MW on a planned month, ramping up, with an uncertain delay.
public struct Phase: Hashable, Sendable {
    /// The phase's id within its campus.
    public var id: PhaseID
    /// Capacity as written, in `basis` MW.
    public var megawatts: Double
    /// The basis `megawatts` was written on; facility MW are divided by the campus PUE.
    public var basis: PowerBasis
    /// The accelerator generation it is fitted with.
    public var accelerator: AcceleratorID?
    /// The planned month it starts to come online.
    public var plannedOnline: Month
    /// Months from first power to full capacity (0: all at once).
    public var rampMonths: Double
    /// Delay in months added to the planned month (fractional months allowed; negative means early).
    public var delayMonths: Distribution

    /// Creates a phase.
    public init(
        id: PhaseID, megawatts: Double, basis: PowerBasis = .it, accelerator: AcceleratorID? = nil,
        plannedOnline: Month, rampMonths: Double = 0, delayMonths: Distribution = .fixed(0)
    ) {
        self.id = id
        self.megawatts = megawatts
        self.basis = basis
        self.accelerator = accelerator
        self.plannedOnline = plannedOnline
        self.rampMonths = rampMonths
        self.delayMonths = delayMonths
    }

    /// IT megawatts, converting facility MW with the campus's PUE.
    public func itMegawatts(pue: Double) -> Double {
        switch basis {
        case .it: megawatts
        case .facility: pue > 0 ? megawatts / pue : 0
        }
    }
}
