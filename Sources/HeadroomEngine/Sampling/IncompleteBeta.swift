import RealModule

/// The regularized incomplete beta function and its inverse: the CDF and quantile of Beta(a, b).
enum IncompleteBeta {
    /// `log B(a, b)`.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
    }

    /// I_x(a, b) by Lentz's continued fraction (Numerical Recipes `betai`), accurate to about 1e-14.
    static func regularized(x: Double, a: Double, b: Double, logBeta lb: Double? = nil) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = -(lb ?? logBeta(a, b)) + a * Double.log(x) + b * Double.log(1 - x)
        let front = Double.exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    /// The x with I_x(a, b) = p, by safeguarded Newton steps inside a shrinking bracket.
    ///
    /// `start` is a first guess (a neighbouring solution makes tabulation converge in two or three steps) and
    /// `bracket` bounds the answer when known.
    static func inverse(
        p: Double, a: Double, b: Double, start: Double? = nil, bracket: (Double, Double) = (0, 1)
    ) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var (lo, hi) = bracket
        var x = start.map { min(max($0, lo), hi) } ?? a / (a + b)
        if !(x > lo && x < hi) { x = 0.5 * (lo + hi) }
        let logBeta = logBeta(a, b)
        for _ in 0..<200 {
            let f = regularized(x: x, a: a, b: b, logBeta: logBeta) - p
            if f == 0 { return x }
            if f < 0 { lo = x } else { hi = x }
            let logDensity = (a - 1) * Double.log(x) + (b - 1) * Double.log(1 - x) - logBeta
            var next = x - f / Double.exp(logDensity)
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            // Newton converges quadratically: once a step is below 1e-12 of x, the next iterate is exact to
            // about 1e-24, so a further step would only confirm it.
            if abs(next - x) <= 1e-12 * max(x, 1e-300) || hi - lo <= 1e-16 { return next }
            x = next
        }
        return x
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...400 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 3e-16 { break }
        }
        return h
    }
}
