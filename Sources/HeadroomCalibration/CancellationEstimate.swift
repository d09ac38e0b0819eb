/// The probability that a phase falls through, from the share of observed phases that did, with a Wilson 95%
/// interval (honest with few observations, never outside [0, 1]).
public struct CancellationEstimate: Sendable, Hashable, Codable {
    /// Phases that fell through.
    public var cancelled: Int
    /// Phases observed (slipped, pending or cancelled).
    public var total: Int
    /// The estimate, cancelled ÷ total.
    public var probability: Double
    /// The Wilson interval's lower end.
    public var lower: Double
    /// Its upper end.
    public var upper: Double

    /// The estimate from the outcomes of `observations`.
    public init(_ observations: [SlipObservation]) {
        total = observations.count
        cancelled = observations.filter { $0.outcome == .cancelled }.count
        let n = Double(total)
        let z = 1.959_963_984_540_054
        guard total > 0 else {
            (probability, lower, upper) = (0, 0, 1)
            return
        }
        let p = Double(cancelled) / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        probability = p
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }
}
