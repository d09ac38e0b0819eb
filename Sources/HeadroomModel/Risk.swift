/// A risk-register event: with some probability it hits a target and delays (or cancels) its phases.
public struct Risk: Hashable, Sendable {
    /// The risk's id.
    public var id: RiskID
    /// A readable description.
    public var name: String?
    /// Probability the event happens on a path, in `[0, 1]`.
    public var probability: Double
    /// What it hits.
    public var target: Target
    /// What it does to every phase it hits.
    public var effect: Effect

    /// Creates a risk.
    public init(id: RiskID, name: String? = nil, probability: Double, target: Target, effect: Effect) {
        self.id = id
        self.name = name
        self.probability = probability
        self.target = target
        self.effect = effect
    }

    /// What a risk event hits.
    public enum Target: Hashable, Sendable {
        /// Every phase and block.
        case all
        /// The phases of one campus.
        case campus(CampusID)
        /// One phase.
        case phase(PhaseReference)
        /// Every phase and block of one provider.
        case provider(ProviderID)
        /// Every phase and block in one region.
        case region(RegionID)
        /// Every block of one contract and every phase it covers.
        case contract(ContractID)
    }

    /// What a risk event does.
    public enum Effect: Hashable, Sendable {
        /// Adds a delay in months (drawn once per event, shared by every phase it hits).
        case delay(Distribution)
        /// The capacity never arrives (a deal that falls through).
        case cancel
    }
}

/// Factor loadings of the Gaussian copula that correlates phase delays.
///
/// `x = g·Z_global + p·Z_provider + r·Z_region + sqrt(1 − g² − p² − r²)·ε`; two phases of one provider in one
/// region have normal-space correlation `g² + p² + r²`.
public struct Correlation: Hashable, Sendable {
    /// Loading on the factor every phase shares.
    public var global: Double
    /// Loading on the provider's factor.
    public var provider: Double
    /// Loading on the region's factor.
    public var region: Double

    /// Creates loadings.
    public init(global: Double = 0, provider: Double = 0, region: Double = 0) {
        self.global = global
        self.provider = provider
        self.region = region
    }

    /// Independent delays.
    public static let independent = Correlation()

    /// The idiosyncratic loading `sqrt(1 − g² − p² − r²)`, or `nil` when the loadings are infeasible.
    public var idiosyncratic: Double? {
        let rest = 1 - global * global - provider * provider - region * region
        return rest >= -1e-12 ? max(0, rest).squareRoot() : nil
    }
}
