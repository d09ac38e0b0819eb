import HeadroomModel

/// Two scenarios (or deal structures) simulated on common random numbers, and the distribution of their paired
/// differences.
public struct ComparisonResult: Sendable, Hashable, Codable {
    /// Paths simulated (each path runs both variants with the same draws).
    public var paths: Int
    /// The seed.
    public var seed: UInt64
    /// Quantile levels of each difference.
    public var quantileLevels: [Double]
    /// Paired headline figures.
    public var figures: [PairedFigure]
    /// Months both variants simulate (empty when their horizons differ).
    public var months: [Month]
    /// Mean shortfall difference (B − A) per common month, MW.
    public var meanShortfallDifference: [Double]
    /// Mean capacity difference per common month, MW.
    public var meanCapacityDifference: [Double]
    /// Mean spend difference per common month, USD.
    public var meanSpendDifference: [Double]

    /// The figure of `kind`, if compared.
    public func figure(_ kind: PairedFigure.Kind) -> PairedFigure? {
        figures.first { $0.kind == kind }
    }

    /// Creates the value from its parts.
    public init(
        paths: Int, seed: UInt64, quantileLevels: [Double], figures: [PairedFigure], months: [Month],
        meanShortfallDifference: [Double], meanCapacityDifference: [Double], meanSpendDifference: [Double]
    ) {
        self.paths = paths
        self.seed = seed
        self.quantileLevels = quantileLevels
        self.figures = figures
        self.months = months
        self.meanShortfallDifference = meanShortfallDifference
        self.meanCapacityDifference = meanCapacityDifference
        self.meanSpendDifference = meanSpendDifference
    }
}

/// One headline figure in both variants and its paired difference B − A.
public struct PairedFigure: Sendable, Hashable, Codable {
    /// Which figure is compared.
    public enum Kind: Sendable, Hashable, Codable {
        /// Whether some month has unserved demand (a probability).
        case anyShortfall
        /// Unserved MW-months over the horizon.
        case unservedMWMonths
        /// The largest monthly shortfall, MW.
        case peakShortfallMW
        /// Total spend over the horizon, USD.
        case totalSpendUSD
        /// Whether a budget cap is exceeded (a probability).
        case capExceeded(BudgetCapID)

        /// Whether the figure is a probability (its differences are absolute, shown as percentages).
        public var isProbability: Bool {
            switch self {
            case .anyShortfall, .capExceeded: true
            case .unservedMWMonths, .peakShortfallMW, .totalSpendUSD: false
            }
        }

        /// The label tables show.
        public var label: String {
            switch self {
            case .anyShortfall: "P(any shortfall)"
            case .unservedMWMonths: "unserved MW-months"
            case .peakShortfallMW: "peak shortfall MW"
            case .totalSpendUSD: "total spend USD"
            case .capExceeded(let cap): "P(spend > \(cap))"
            }
        }
    }

    /// Which figure this is.
    public var kind: Kind
    /// Mean in variant A.
    public var a: Estimate
    /// Mean in variant B.
    public var b: Estimate
    /// Mean paired difference B − A, with its standard error from the paired differences.
    public var difference: Estimate
    /// The standard error the difference would have from two independent runs of the same size.
    public var independentStandardError: Double
    /// Quantiles of the per-path difference, at the result's levels.
    public var differenceQuantiles: [Double]
    /// Share of paths where B is larger than A.
    public var probabilityBGreater: Double
    /// Share of paths where B is smaller than A.
    public var probabilityBSmaller: Double

    /// The label tables show (see ``Kind/label``).
    public var name: String { kind.label }

    /// Creates the value from its parts.
    public init(
        kind: Kind, a: Estimate, b: Estimate, difference: Estimate, independentStandardError: Double,
        differenceQuantiles: [Double], probabilityBGreater: Double, probabilityBSmaller: Double
    ) {
        self.kind = kind
        self.a = a
        self.b = b
        self.difference = difference
        self.independentStandardError = independentStandardError
        self.differenceQuantiles = differenceQuantiles
        self.probabilityBGreater = probabilityBGreater
        self.probabilityBSmaller = probabilityBSmaller
    }
}
