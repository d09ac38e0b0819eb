/// A typed identifier: an id of one kind of entity cannot be passed where another kind is expected.
///
/// `Entity` is a phantom tag (for example ``Provider``); the raw value is the id written in the scenario file.
public struct Identifier<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The id as written in the scenario file.
    public var rawValue: String

    /// Wraps a raw id.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a string literal, for tests and examples.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The raw id.
    public var description: String { rawValue }

    /// Orders ids by their raw value.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// An id that names a workload class such as `training` or `inference`.
public typealias WorkloadID = Identifier<Workload>
/// An id that names an accelerator generation.
public typealias AcceleratorID = Identifier<Accelerator>
/// An id that names a provider.
public typealias ProviderID = Identifier<Provider>
/// An id that names a region (grid or permitting area).
public typealias RegionID = Identifier<Region>
/// An id that names a campus.
public typealias CampusID = Identifier<Campus>
/// An id that names a phase within its campus.
public typealias PhaseID = Identifier<Phase>
/// An id that names a contract.
public typealias ContractID = Identifier<Contract>
/// An id that names a risk-register event.
public typealias RiskID = Identifier<Risk>
/// An id that names a budget cap.
public typealias BudgetCapID = Identifier<BudgetCap>

/// A reference to one phase of one campus, written `campus/phase` in a scenario file.
public struct PhaseReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The campus that holds the phase.
    public var campus: CampusID
    /// The phase's id within that campus.
    public var phase: PhaseID

    /// Creates a reference from its two ids.
    public init(campus: CampusID, phase: PhaseID) {
        self.campus = campus
        self.phase = phase
    }

    /// Parses `campus/phase`; `nil` unless there is exactly one `/` with text on both sides.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(campus: CampusID(String(parts[0])), phase: PhaseID(String(parts[1])))
    }

    /// `campus/phase`.
    public var description: String { "\(campus)/\(phase)" }

    /// Orders by campus, then phase.
    public static func < (lhs: PhaseReference, rhs: PhaseReference) -> Bool {
        (lhs.campus, lhs.phase) < (rhs.campus, rhs.phase)
    }
}
/// An id that names an offer.
public typealias OfferID = Identifier<Offer>
