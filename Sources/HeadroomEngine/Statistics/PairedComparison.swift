import HeadroomModel

/// Two scenarios simulated on common random numbers, and the distribution of their paired differences.
public struct ComparisonResult: Sendable {
    /// Paths simulated (each path runs both scenarios with the same draws).
    public var paths: Int
    /// The seed.
    public var seed: UInt64
    /// Quantile levels of each difference.
    public var quantileLevels: [Double]
    /// Paired headline figures.
    public var figures: [PairedFigure]
    /// Months both scenarios simulate (empty when their horizons differ).
    public var months: [Month]
    /// Per common month: mean of (B − A) shortfall MW, capacity MW and spend USD.
    public var meanShortfallDifference: [Double]
    /// Mean capacity difference per common month, MW.
    public var meanCapacityDifference: [Double]
    /// Mean spend difference per common month, USD.
    public var meanSpendDifference: [Double]
}

/// One headline figure in both scenarios and its paired difference B − A.
public struct PairedFigure: Sendable, Hashable {
    /// What it measures.
    public var name: String
    /// Mean in scenario A.
    public var a: Estimate
    /// Mean in scenario B.
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
}

extension SimulationModel {
    /// Simulates `self` (A) and `other` (B) on common random numbers: path `i` of both uses the same draws for
    /// every entity they share (a phase, provider, region, risk or workload with the same id), so their paired
    /// differences carry far less noise than two independent runs (DESIGN §5.4). With
    /// `options.untilStandardError`, it stops at the first wave boundary where every paired difference's standard
    /// error is below the tolerance (absolute for probabilities, relative to the figure for magnitudes).
    public func compare(
        with other: SimulationModel, options: MonteCarloOptions, progress: ((MonteCarloProgress) -> Void)? = nil
    ) -> ComparisonResult {
        let capIDs = caps.map(\.id).filter { id in other.caps.contains { $0.id == id } }
        let names = ["P(any shortfall)", "unserved MW-months", "peak shortfall MW", "total spend USD"]
            + capIDs.map { "P(spend > \($0))" }
        let figureCount = names.count
        let sameHorizon = scenario.start == other.scenario.start && monthCount == other.monthCount
        let commonMonths = sameHorizon ? monthCount : 0
        let perFigure = 8
        let monthlyOffset = figureCount * perFigure
        let slotSize = monthlyOffset + 3 * commonMonths
        let threads = max(1, options.threads)
        let totalPaths = min(max(1, options.paths), MonteCarloOptions.maximumPaths)
        let workers = (0..<threads).map { _ in
            (PathWorkspace(model: self), PathWorkspace(model: other), [LogHistogram](repeating: LogHistogram(), count: figureCount))
        }
        let histograms = UnsafeShared(value: UnsafeMutableBufferPointer<[LogHistogram]>.allocate(capacity: threads))
        histograms.value.initialize(repeating: [])
        defer { histograms.value.deallocate() }
        let capIndexA = capIDs.compactMap { id in caps.firstIndex { $0.id == id } }
        let capIndexB = capIDs.compactMap { id in other.caps.firstIndex { $0.id == id } }
        let shared = UnsafeShared(value: workers.map { ($0.0, $0.1) })
        for w in 0..<threads { histograms.value[w] = workers[w].2 }
        let a = self
        let scheduler = WaveScheduler(totalPaths: totalPaths, threads: threads, slotSize: slotSize)
        let (totals, done) = scheduler.run(
            block: { paths, w, slot in
                let (wa, wb) = shared.value[w]
                let figuresA = UnsafeMutableBufferPointer<Double>.allocate(capacity: figureCount)
                let figuresB = UnsafeMutableBufferPointer<Double>.allocate(capacity: figureCount)
                defer {
                    figuresA.deallocate()
                    figuresB.deallocate()
                }
                for path in paths {
                    a.drawPath(.random(seed: options.seed, path: path), into: wa)
                    a.evaluatePath(wa)
                    a.headlineFigures(wa, caps: capIndexA, into: figuresA)
                    other.drawPath(.random(seed: options.seed, path: path), into: wb)
                    other.evaluatePath(wb)
                    other.headlineFigures(wb, caps: capIndexB, into: figuresB)
                    for f in 0..<figureCount {
                        let d = figuresB[f] - figuresA[f]
                        let base = f * perFigure
                        slot[base] += figuresA[f]
                        slot[base + 1] += figuresA[f] * figuresA[f]
                        slot[base + 2] += figuresB[f]
                        slot[base + 3] += figuresB[f] * figuresB[f]
                        slot[base + 4] += d
                        slot[base + 5] += d * d
                        if d > 0 { slot[base + 6] += 1 }
                        if d < 0 { slot[base + 7] += 1 }
                        histograms.value[w][f].insert(d)
                    }
                    for t in 0..<commonMonths {
                        slot[monthlyOffset + t] += wb.shortfallTotal[t] - wa.shortfallTotal[t]
                        slot[monthlyOffset + commonMonths + t] += wb.capacityTotal[t] - wa.capacityTotal[t]
                        slot[monthlyOffset + 2 * commonMonths + t] += wb.spendTotal[t] - wa.spendTotal[t]
                    }
                }
            },
            afterWave: { totals, done, _ in
                progress?(MonteCarloProgress(completed: done, total: totalPaths))
                guard let tolerance = options.untilStandardError else { return false }
                // Converged when every paired difference is known to the tolerance: absolute for the probabilities
                // (figure 0 and the caps), relative to the larger of the two means for the magnitudes.
                let n = Double(done)
                return (0..<figureCount).allSatisfy { f in
                    let base = f * perFigure
                    let d = Self.estimate(sum: totals[base + 4], squares: totals[base + 5], n: n)
                    let isProbability = f == 0 || f >= 4
                    let scale = isProbability ? 1 : max(abs(totals[base]), abs(totals[base + 2])) / n
                    return d.standardError <= tolerance * scale
                }
            })
        var merged = histograms.value[0]
        for w in 1..<threads {
            for f in 0..<figureCount { merged[f].merge(histograms.value[w][f]) }
        }
        let n = Double(done)
        let figures = (0..<figureCount).map { f -> PairedFigure in
            let base = f * perFigure
            let ea = Self.estimate(sum: totals[base], squares: totals[base + 1], n: n)
            let eb = Self.estimate(sum: totals[base + 2], squares: totals[base + 3], n: n)
            return PairedFigure(
                name: names[f], a: ea, b: eb, difference: Self.estimate(sum: totals[base + 4], squares: totals[base + 5], n: n),
                independentStandardError: (ea.standardError * ea.standardError + eb.standardError * eb.standardError).squareRoot(),
                differenceQuantiles: options.quantileLevels.map { merged[f].quantile($0) ?? 0 },
                probabilityBGreater: totals[base + 6] / n, probabilityBSmaller: totals[base + 7] / n)
        }
        return ComparisonResult(
            paths: done, seed: options.seed, quantileLevels: options.quantileLevels, figures: figures,
            months: (0..<commonMonths).map { Month(ordinal: scenario.start.ordinal + $0) },
            meanShortfallDifference: (0..<commonMonths).map { totals[monthlyOffset + $0] / n },
            meanCapacityDifference: (0..<commonMonths).map { totals[monthlyOffset + commonMonths + $0] / n },
            meanSpendDifference: (0..<commonMonths).map { totals[monthlyOffset + 2 * commonMonths + $0] / n })
    }
}

extension SimulationModel {
    /// Writes the paired figures of the path evaluated in `ws`: any shortfall (0/1), unserved MW-months, peak
    /// shortfall, total spend, then one 0/1 per cap in `caps` (exceeded or not).
    fileprivate func headlineFigures(_ ws: PathWorkspace, caps indices: [Int], into figures: UnsafeMutableBufferPointer<Double>) {
        figures[0] = ws.pathPeakShortfall > 0 ? 1 : 0
        figures[1] = ws.pathUnserved
        figures[2] = ws.pathPeakShortfall
        figures[3] = ws.pathSpend
        for (i, k) in indices.enumerated() { figures[4 + i] = ws.capSpend[k] > caps[k].usd ? 1 : 0 }
    }
}
