import HeadroomModel

/// How one pair of a joint run accumulates its paired differences: the figures both variants have (budget caps
/// matched by id), and per figure eight sums: A, A², B, B², B − A, (B − A)², paths with B > A, paths with B < A.
struct PairPlan: Sendable {
    static let sumsPerFigure = 8
    let pair: VariantPair
    let kinds: [PairedFigure.Kind]
    /// Per compared figure, its index among A's and B's per-path figures.
    let figureA: [Int]
    let figureB: [Int]
    let strideA: Int
    let strideB: Int
    /// Months both variants simulate (0 when their horizons differ) and the first of them.
    let commonMonths: Int
    let start: Month

    init(a: CompiledScenario, b: CompiledScenario, pair: VariantPair) {
        self.pair = pair
        let kindsA = PathFigures.kinds(a)
        let kindsB = PathFigures.kinds(b)
        var kinds: [PairedFigure.Kind] = []
        var figureA: [Int] = []
        var figureB: [Int] = []
        for (i, kind) in kindsA.enumerated() {
            guard let j = kindsB.firstIndex(of: kind) else { continue }
            kinds.append(kind)
            figureA.append(i)
            figureB.append(j)
        }
        self.kinds = kinds
        self.figureA = figureA
        self.figureB = figureB
        strideA = kindsA.count
        strideB = kindsB.count
        let sameHorizon = a.start == b.start && a.monthCount == b.monthCount
        commonMonths = sameHorizon ? a.monthCount : 0
        start = a.start
    }

    /// Sums this pair adds to a slot.
    var slotSize: Int { kinds.count * Self.sumsPerFigure }

    /// Differences within this share of the larger figure count as ties (0): two variants that serve a path alike
    /// can still add its months in another order, and rounding must not count as "B greater" or move a quantile.
    static let tieTolerance = 1e-9

    /// `y − x`, or 0 when the two differ only by rounding (see ``tieTolerance``).
    @inline(__always)
    static func difference(_ x: Double, _ y: Double) -> Double {
        let d = y - x
        return abs(d) <= tieTolerance * max(abs(x), abs(y)) ? 0 : d
    }

    /// Adds the differences of a block's `paths` paths, read from both variants' per-path figures.
    func accumulate(
        paths: Int, a: UnsafeMutableBufferPointer<Double>, b: UnsafeMutableBufferPointer<Double>,
        into slot: UnsafeMutableBufferPointer<Double>, histograms: inout [LogHistogram]
    ) {
        for f in kinds.indices {
            let base = f * Self.sumsPerFigure
            for i in 0..<paths {
                let x = a[i * strideA + figureA[f]]
                let y = b[i * strideB + figureB[f]]
                let d = Self.difference(x, y)
                slot[base] += x
                slot[base + 1] += x * x
                slot[base + 2] += y
                slot[base + 3] += y * y
                slot[base + 4] += d
                slot[base + 5] += d * d
                if d > 0 { slot[base + 6] += 1 }
                if d < 0 { slot[base + 7] += 1 }
                histograms[f].insert(d)
            }
        }
    }

    /// Whether every paired difference's standard error is under `tolerance`: absolute for probabilities,
    /// relative to the larger of the two means for magnitudes.
    func converged(_ totals: [Double], offset: Int, paths: Int, tolerance: Double) -> Bool {
        let n = Double(paths)
        return kinds.indices.allSatisfy { f in
            let base = offset + f * Self.sumsPerFigure
            let d = CompiledScenario.estimate(sum: totals[base + 4], squares: totals[base + 5], n: n)
            let scale = kinds[f].isProbability ? 1 : max(abs(totals[base]), abs(totals[base + 2])) / n
            return d.standardError <= tolerance * scale
        }
    }

    /// The comparison, from the merged sums, difference histograms and both variants' monthly sums.
    func summarise(
        _ totals: [Double], offset: Int, histograms: [LogHistogram], paths: Int, options: MonteCarloOptions,
        monthlySums: (MonthlyMetric) -> (a: ArraySlice<Double>, b: ArraySlice<Double>)
    ) -> ComparisonResult {
        let n = Double(paths)
        let figures = kinds.indices.map { f -> PairedFigure in
            let base = offset + f * Self.sumsPerFigure
            let ea = CompiledScenario.estimate(sum: totals[base], squares: totals[base + 1], n: n)
            let eb = CompiledScenario.estimate(sum: totals[base + 2], squares: totals[base + 3], n: n)
            return PairedFigure(
                kind: kinds[f], a: ea, b: eb,
                difference: CompiledScenario.estimate(sum: totals[base + 4], squares: totals[base + 5], n: n),
                independentStandardError: (ea.standardError * ea.standardError + eb.standardError * eb.standardError)
                    .squareRoot(),
                differenceQuantiles: options.quantileLevels.map { histograms[f].quantile($0) ?? 0 },
                probabilityBGreater: totals[base + 6] / n, probabilityBSmaller: totals[base + 7] / n)
        }
        func meanDifference(_ metric: MonthlyMetric) -> [Double] {
            guard commonMonths > 0 else { return [] }
            let (a, b) = monthlySums(metric)
            return zip(a, b).map { ($1 - $0) / n }
        }
        return ComparisonResult(
            paths: paths, seed: options.seed, quantileLevels: options.quantileLevels, figures: figures,
            months: (0..<commonMonths).map { start.adding(months: $0) },
            meanShortfallDifference: meanDifference(.shortfall), meanCapacityDifference: meanDifference(.capacity),
            meanSpendDifference: meanDifference(.spend))
    }
}
