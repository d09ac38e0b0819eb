/// What kind of supplier a provider is; reports group by it.
public enum ProviderKind: String, Hashable, Sendable, CaseIterable {
    /// A hyperscale cloud (often the incumbent).
    case hyperscaler
    /// Another general-purpose cloud.
    case cloud
    /// A GPU-specialised cloud.
    case neocloud
    /// The buyer's own campuses.
    case `self`
}

/// A supplier of capacity: a cloud, a neocloud, or the buyer itself.
public struct Provider: Hashable, Sendable {
    /// The provider's id.
    public var id: ProviderID
    /// A readable name.
    public var name: String?
    /// What kind of supplier it is.
    public var kind: ProviderKind
    /// The most new IT MW a year it will take on for this buyer (used by procurement runs).
    public var appetiteMWPerYear: Distribution?
    /// Its price for new capacity, USD per IT MW-month (used by procurement runs).
    public var newCapacityPriceUSDPerMWMonth: Double?
    /// Months from request to planned delivery of new capacity (used by procurement runs).
    public var leadTimeMonths: Distribution?

    /// Creates a provider.
    public init(
        id: ProviderID, name: String? = nil, kind: ProviderKind, appetiteMWPerYear: Distribution? = nil,
        newCapacityPriceUSDPerMWMonth: Double? = nil, leadTimeMonths: Distribution? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.appetiteMWPerYear = appetiteMWPerYear
        self.newCapacityPriceUSDPerMWMonth = newCapacityPriceUSDPerMWMonth
        self.leadTimeMonths = leadTimeMonths
    }
}

/// A grid or permitting area; phases in one region share a correlated delay factor.
public struct Region: Hashable, Sendable {
    /// The region's id.
    public var id: RegionID
    /// A readable name.
    public var name: String?

    /// Creates a region.
    public init(id: RegionID, name: String? = nil) {
        self.id = id
        self.name = name
    }
}
