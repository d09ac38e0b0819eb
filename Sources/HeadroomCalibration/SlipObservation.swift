import HeadroomModel

/// One phase's schedule slip, as evidence for a delay distribution.
public struct SlipObservation: Sendable, Hashable, Codable {
    /// What happened to the phase by the as-of date.
    public enum Outcome: Sendable, Hashable, Codable {
        /// It came online this many months after plan (negative: early).
        case slipped(months: Double)
        /// Not online at the as-of date, already this many months after plan: it slips at least so far
        /// (a right-censored observation).
        case pending(atLeastMonths: Double)
        /// The deal fell through or the project stopped: evidence for a cancellation probability, not a delay.
        case cancelled
    }

    /// The phase, as the data names it (`campus/phase`).
    public var name: String
    /// What happened.
    public var outcome: Outcome
    /// Group labels (provider kind, region, first of its kind…) for partial pooling.
    public var groups: [String: String]
    /// The month the phase was planned to come online, when the data gives it (a back-test pairs it with the
    /// scenario's plan only when the two agree).
    public var planned: Month?

    /// Creates an observation.
    public init(name: String, outcome: Outcome, groups: [String: String] = [:], planned: Month? = nil) {
        self.name = name
        self.outcome = outcome
        self.groups = groups
        self.planned = planned
    }
}

/// A fitted parameter with its standard error (from the observed information), when the fit is interior.
public struct FittedParameter: Sendable, Hashable, Codable {
    /// The parameter's name in scenario syntax (`median`, `sigma`, `min`, `mode`, `max`).
    public var name: String
    /// Its maximum-likelihood value.
    public var value: Double
    /// Its standard error; `nil` when the maximum lies on a boundary or the information is singular.
    public var standardError: Double?

    /// Creates a fitted parameter.
    public init(name: String, value: Double, standardError: Double?) {
        self.name = name
        self.value = value
        self.standardError = standardError
    }
}

/// Why a fit could not be made.
public struct CalibrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for a person.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
