/// Minimises a function of a few variables without derivatives (Nelder and Mead's simplex, with the standard
/// reflection 1, expansion 2, contraction ½ and shrink ½ coefficients).
///
/// Used for maximum-likelihood fits of two or three parameters, where it is robust to the flat ridges and
/// boundaries that censored likelihoods have. Deterministic: the same start gives the same path.
struct NelderMead {
    /// Stop when the simplex's values differ by less than this (absolute).
    var tolerance = 1e-10
    /// Stop after this many function evaluations.
    var maximumEvaluations = 20_000

    /// Minimises `f` from `start`.
    /// - Parameters:
    ///   - start: the first vertex.
    ///   - step: the initial simplex's extent along each axis.
    ///   - f: the function; a non-finite value counts as +infinity.
    /// - Returns: the best point found, its value, and the evaluations used.
    func minimise(from start: [Double], step: Double = 0.5, _ f: ([Double]) -> Double) -> (
        point: [Double], value: Double, evaluations: Int
    ) {
        let n = start.count
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        var simplex = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += step
            simplex.append(vertex)
        }
        var values = simplex.map(value)
        while evaluations < maximumEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            guard let best = values.first, let worst = values.last else { break }
            if worst - best <= tolerance * (1 + abs(best)) && worst.isFinite { break }
            var centroid = [Double](repeating: 0, count: n)
            for vertex in simplex.dropLast() {
                for i in 0..<n { centroid[i] += vertex[i] / Double(n) }
            }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let reflectedValue = value(reflected)
            if reflectedValue < values[0] {
                let expanded = along(-2)
                let expandedValue = value(expanded)
                (simplex[n], values[n]) =
                    expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
            } else if reflectedValue < values[n - 1] {
                (simplex[n], values[n]) = (reflected, reflectedValue)
            } else {
                let outside = reflectedValue < values[n]
                let contracted = along(outside ? -0.5 : 0.5)
                let contractedValue = value(contracted)
                if contractedValue < min(reflectedValue, values[n]) {
                    (simplex[n], values[n]) = (contracted, contractedValue)
                } else {
                    for k in 1...n {
                        simplex[k] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) }
                        values[k] = value(simplex[k])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] } ?? 0
        return (simplex[best], values[best], evaluations)
    }
}
