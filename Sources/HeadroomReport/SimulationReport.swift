import HeadroomEngine
import HeadroomModel

/// Renders a ``MonteCarloResult`` as tables, JSON or CSV.
public struct SimulationReport: Sendable {
    /// The result.
    public var result: MonteCarloResult
    /// Reporting period for the monthly table (MW figures at each period's last month; spend summed).
    public var period: Period
    /// Wall-clock seconds the run took, if measured by the caller.
    public var seconds: Double?

    /// Creates a report.
    public init(result: MonteCarloResult, period: Period = .year, seconds: Double? = nil) {
        self.result = result
        self.period = period
        self.seconds = seconds
    }

    /// The name of a quantile level: `p10`, `p2.5`, `p99.9` (at most three decimals, trailing zeros dropped).
    static func levelName(_ q: Double) -> String {
        var text = Format.grouped(q * 100, decimals: 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return "p" + text
    }

    private func levelName(_ q: Double) -> String { Self.levelName(q) }

    /// Headline figures with their standard errors.
    public func headlineTable() -> TextTable {
        let h = result.headlineFigures
        func row(_ name: String, _ e: Estimate, _ format: (Double) -> String) -> [String] {
            [name, format(e.value), "± " + format(e.standardError)]
        }
        var rows: [[String]] = []
        if result.has(.unserved) {
            rows.append(
                row("P(any shortfall in horizon)", h.probabilityOfAnyShortfall) { Format.percent($0, decimals: 2) })
            rows.append(
                row("expected unserved MW-months", h.expectedUnservedMWMonths) { Format.grouped($0, decimals: 1) })
            if let hours = h.expectedUnservedAcceleratorHours {
                rows.append(row("expected unserved accelerator-hours", hours, Format.scientific))
            }
            if let flop = h.expectedUnservedFLOP {
                rows.append(row("expected unserved BF16 FLOP", flop, Format.scientific))
            }
            rows.append([
                "unserved MW-months P10 / P50 / P90", quantiles(result.unservedQuantiles, Format.megawatts), "",
            ])
            rows.append(
                row("expected peak shortfall MW", h.expectedPeakShortfallMW) { Format.grouped($0, decimals: 1) })
        }
        if result.has(.spend) {
            rows.append(row("expected total spend", result.spendEstimate) { Format.usd($0) })
            rows.append(["total spend P10 / P50 / P90", quantiles(result.spendQuantiles, Format.usd), ""])
        }
        for cap in result.caps {
            rows.append([
                "spend in \(cap.id) P50 / P90",
                Format.usd(cap.spendQuantiles.p50) + " / " + Format.usd(cap.spendQuantiles.p90), "",
            ])
            rows.append(
                row(
                    "P(spend > \(cap.id) \(Format.usd(cap.usd)))" + (cap.truncated ? " *" : ""), cap.probabilityExceeded
                ) {
                    Format.percent($0, decimals: 2)
                })
        }
        return TextTable(
            title:
                "Headline (\(Format.grouped(Double(result.paths))) paths, seed \(result.seed); ± one standard error)",
            headers: ["figure", "estimate", "standard error"], rows: rows)
    }

    private func quantiles(_ q: PathQuantiles, _ format: (Double) -> String) -> String {
        [q.p10, q.p50, q.p90].map(format).joined(separator: " / ")
    }

    /// Month-by-month distribution, one row per period (MW at the period's last month, mean spend summed); only
    /// the metrics the run kept.
    public func monthlyTable() -> TextTable {
        let groups = period.groups(result.months)
        let levels = result.quantileLevels
        var headers = ["period"]
        var columns: [(Int, [Int]) -> String] = []
        func column(_ header: String, _ value: @escaping (Int, [Int]) -> String) {
            headers.append(header)
            columns.append(value)
        }
        if let demand = result.demand { column("demand mean") { t, _ in Format.megawatts(demand.mean[t]) } }
        if let capacity = result.capacity {
            for (k, q) in levels.enumerated() where k < capacity.quantiles.count {
                column("capacity \(levelName(q))") { t, _ in Format.megawatts(capacity.quantiles[k][t]) }
            }
            if capacity.quantiles.isEmpty { column("capacity mean") { t, _ in Format.megawatts(capacity.mean[t]) } }
        }
        if let shortfall = result.shortfall {
            column("shortfall mean") { t, _ in Format.megawatts(shortfall.mean[t]) }
            for (k, q) in levels.enumerated() where k < shortfall.quantiles.count {
                column("shortfall \(levelName(q))") { t, _ in Format.megawatts(shortfall.quantiles[k][t]) }
            }
        }
        if let probabilities = result.shortfallProbability {
            column("P(shortfall)") { t, _ in Format.percent(probabilities[t]) }
        }
        if let idle = result.idle { column("idle mean") { t, _ in Format.megawatts(idle.mean[t]) } }
        if let spend = result.spend {
            column("spend mean") { _, months in Format.usd(Aggregation.sum.apply(spend.mean, months)) }
        }
        let rows = groups.map { g -> [String] in
            let t = g.indices[g.indices.count - 1]
            return [g.label] + columns.map { $0(t, g.indices) }
        }
        return TextTable(
            title:
                "By \(period.rawValue): IT MW at the period's last month; spend is the expected total over the period",
            headers: headers, rows: rows)
    }

    /// Online months of phases and blocks.
    public func phasesTable(origin: Month) -> TextTable {
        func month(_ index: Double) -> String {
            guard index.isFinite else { return index > 0 ? "never" : "-" }
            return Self.firstFullMonth(index, origin: origin).description
        }
        let rows = result.phases.sorted { ($0.planned, $0.name) < ($1.planned, $1.name) }.map { p in
            [
                p.name, month(p.planned), month(p.p50), month(p.p80), month(p.p90),
                Format.grouped(p.meanDelay, decimals: 1), Format.percent(p.probabilityCancelled),
            ]
        }
        return TextTable(
            title: "Phases: first full month online (planned and simulated quantiles)",
            headers: ["phase", "planned", "P50", "P80", "P90", "mean delay (months)", "P(cancelled)"], rows: rows)
    }

    /// The first whole month at or after a fractional month index counted from `origin`.
    ///
    /// Histogram interpolation may put a point mass a hair above its value, so a thousandth of a month counts as on time.
    static func firstFullMonth(_ index: Double, origin: Month) -> Month {
        let whole = Int(max(-1e6, min(1e6, index - 1e-3)).rounded(.up))
        return Month(ordinal: origin.ordinal + whole)
    }

    /// The tornado: inputs most rank-correlated with total unserved demand.
    public func driversTable() -> TextTable {
        let rows = result.drivers.map { d -> [String] in
            let width = Int((abs(d.rankCorrelation) * 30).rounded())
            let bar = String(repeating: d.rankCorrelation >= 0 ? "+" : "-", count: width)
            return [d.name, d.kind.rawValue, Format.grouped(d.rankCorrelation, decimals: 3), bar]
        }
        return TextTable(
            title:
                "Drivers of unserved demand (Spearman ρ with total unserved MW-months, \(Format.grouped(Double(result.driverSamplePaths))) paths)",
            headers: ["input", "kind", "ρ", ""], rows: rows)
    }

    /// Every table the run has statistics for, for a terminal.
    public func text(origin: Month) -> String {
        var parts: [String] = []
        if result.has(.unserved) || result.has(.spend) || result.has(.caps) { parts.append(headlineTable().rendered()) }
        if result.has(.monthly) { parts.append(monthlyTable().rendered()) }
        if result.has(.phases) { parts.append(phasesTable(origin: origin).rendered()) }
        let exposure = ExposureReport(result: result)
        if result.has(.providers) {
            parts.append(exposure.yearlyTable().rendered())
            parts.append(exposure.table().rendered())
        }
        if result.has(.contracts) { parts.append(exposure.contractsTable().rendered()) }
        if let procurement = result.procurement, let structure = result.structure {
            parts.append(
                TextTable.wrap(
                    "Policy under \(structure.rawValue): largest single request \(Format.megawatts(procurement.largestRequestMW.value)) MW on "
                        + "average; P(a request not fully placed) \(Format.percent(procurement.probabilityUnplaced)), "
                        + "largest unplaced part \(Format.megawatts(procurement.meanLargestUnplacedMW)) MW on average",
                    width: TextTable.terminalWidth
                ).joined(separator: "\n") + "\n")
        }
        if !result.drivers.isEmpty { parts.append(driversTable().rendered()) }
        if !result.riskFrequencies.isEmpty {
            parts.append(
                TextTable(
                    title: "Risk events: how often they happened", headers: ["risk", "frequency"],
                    rows: result.riskFrequencies.map { [$0.name, Format.percent($0.value, decimals: 2)] }
                ).rendered())
        }
        if result.caps.contains(where: \.truncated) {
            parts.append("* the cap's window reaches beyond the horizon: spend there is not counted\n")
        }
        if let seconds {
            parts.append("\(Format.grouped(Double(result.paths))) paths in \(Format.grouped(seconds, decimals: 2)) s\n")
        }
        return parts.joined(separator: "\n")
    }
}
