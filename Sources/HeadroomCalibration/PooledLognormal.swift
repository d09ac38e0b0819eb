import RealModule

/// Lognormal delays with partial pooling across groups: each group's log-median is drawn from a common normal,
/// `ln m_g ~ N(μ, τ²)`, with one spread σ for every slip, so that a group with two observations borrows strength
/// from the others while a well-observed group keeps its own median.
///
/// μ, τ and σ maximise the marginal likelihood (each group's median integrated out by 32-point Gauss–Hermite
/// quadrature, censored slips contributing their survival probability); each group's median is then the
/// exponential of its posterior mean log-median (empirical Bayes).
public struct PooledLognormalFit: Sendable, Hashable {
    /// One group's estimate.
    public struct Group: Sendable, Hashable {
        /// The group's label.
        public var name: String
        /// Its exactly observed slips.
        public var observed: Int
        /// Its right-censored slips.
        public var censored: Int
        /// Its pooled median (months).
        public var median: Double
        /// The median its own slips alone give (their geometric mean), `nil` without an observed slip.
        public var ownMedian: Double?
    }

    /// The median of the group medians, e^μ.
    public var median: Double
    /// The spread of the group log-medians, τ.
    public var groupSpread: Double
    /// The spread of slips within a group, σ.
    public var sigma: Double
    /// The maximised marginal log-likelihood.
    public var logLikelihood: Double
    /// The groups, in order of first appearance.
    public var groups: [Group]

    /// Fits the pooled model to `observations` grouped by their `key` label (observations without it form the
    /// group "(none)"); cancellations are left out.
    /// - Throws: ``CalibrationError`` without observed slips, or with an observed slip ≤ 0.
    public static func fit(_ observations: [SlipObservation], groupedBy key: String) throws(CalibrationError)
        -> PooledLognormalFit
    {
        var names: [String] = []
        var exact: [String: [Double]] = [:]
        var atLeast: [String: [Double]] = [:]
        for observation in observations {
            let name = observation.groups[key] ?? "(none)"
            switch observation.outcome {
            case .slipped(let months):
                guard months > 0 else { throw CalibrationError("lognormal needs every observed slip > 0 months") }
                exact[name, default: []].append(Double.log(months))
            case .pending(let months): atLeast[name, default: []].append(months)
            case .cancelled: continue
            }
            if !names.contains(name) { names.append(name) }
        }
        let allLogs = exact.values.flatMap { $0 }
        guard !allLogs.isEmpty else { throw CalibrationError("no observed slip to fit (only pending or cancelled)") }
        let (nodes, weights) = GaussHermite.rule
        /// ln ∫ Π f · φ dμ_g for one group, and the posterior mean of μ_g.
        func group(_ name: String, mu: Double, tau: Double, sigma: Double) -> (logL: Double, mean: Double) {
            var terms: [Double] = []
            var values: [Double] = []
            for (t, w) in zip(nodes, weights) {
                let m = mu + 2.0.squareRoot() * tau * t
                var logL = Double.log(w / Double.pi.squareRoot())
                for y in exact[name] ?? [] {
                    let z = (y - m) / sigma
                    logL += -y - Double.log(sigma) - 0.5 * Double.log(2 * Double.pi) - 0.5 * z * z
                }
                for c in atLeast[name] ?? [] where c > 0 {
                    logL += Double.log(0.5 * Double.erfc((Double.log(c) - m) / sigma / 2.0.squareRoot()))
                }
                terms.append(logL)
                values.append(m)
            }
            let top = terms.max() ?? 0
            let scaled = terms.map { Double.exp($0 - top) }
            let total = scaled.reduce(0, +)
            return (top + Double.log(total), zip(scaled, values).map { $0 * $1 }.reduce(0, +) / total)
        }
        func logLikelihood(_ p: [Double]) -> Double {
            let (mu, tau, sigma) = (p[0], Double.exp(p[1]), Double.exp(p[2]))
            return names.map { group($0, mu: mu, tau: tau, sigma: sigma).logL }.reduce(0, +)
        }
        let mean = allLogs.reduce(0, +) / Double(allLogs.count)
        let sd = (allLogs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, allLogs.count - 1)))
            .squareRoot()
        let optimum = NelderMead().minimise(from: [mean, Double.log(max(0.5 * sd, 0.05)), Double.log(max(sd, 0.1))]) {
            -logLikelihood($0)
        }
        let (mu, tau, sigma) = (optimum.point[0], Double.exp(optimum.point[1]), Double.exp(optimum.point[2]))
        let groups = names.map { name -> Group in
            let own = exact[name].map { $0.reduce(0, +) / Double($0.count) }
            return Group(
                name: name, observed: exact[name]?.count ?? 0, censored: atLeast[name]?.count ?? 0,
                median: Double.exp(group(name, mu: mu, tau: tau, sigma: sigma).mean), ownMedian: own.map(Double.exp))
        }
        return PooledLognormalFit(
            median: Double.exp(mu), groupSpread: tau, sigma: sigma, logLikelihood: -optimum.value, groups: groups)
    }
}

/// Gauss–Hermite quadrature: ∫ e^(−t²) g(t) dt ≈ Σ wₖ g(tₖ).
enum GaussHermite {
    /// The 32-point rule (nodes by Newton's method on the orthonormal Hermite recurrence, as in Numerical Recipes'
    /// `gauher`).
    static let rule: (nodes: [Double], weights: [Double]) = nodes(32)

    static func nodes(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        let pim4 = 1 / Double.pow(Double.pi, 0.25)
        var z = 0.0
        for i in 0..<((n + 1) / 2) {
            switch i {
            case 0: z = (Double(2 * n + 1)).squareRoot() - 1.85575 * Double.pow(Double(2 * n + 1), -0.16667)
            case 1: z -= 1.14 * Double.pow(Double(n), 0.426) / z
            case 2: z = 1.86 * z - 0.86 * x[0]
            case 3: z = 1.91 * z - 0.91 * x[1]
            default: z = 2 * z - x[i - 2]
            }
            var derivative = 0.0
            for _ in 0..<100 {
                var p1 = pim4
                var p2 = 0.0
                for j in 0..<n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * (2.0 / Double(j + 1)).squareRoot() * p2 - (Double(j) / Double(j + 1)).squareRoot() * p3
                }
                derivative = (2 * Double(n)).squareRoot() * p2
                let previous = z
                z = previous - p1 / derivative
                if abs(z - previous) <= 3e-14 { break }
            }
            x[i] = z
            x[n - 1 - i] = -z
            w[i] = 2 / (derivative * derivative)
            w[n - 1 - i] = w[i]
        }
        return (x, w)
    }
}
