import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

/// The self-contained HTML report: headline figures with their uncertainty, charts (inline SVG), the deal-structure
/// comparison, provider exposure, contract economics and the assumptions, in one file that opens from disk.
///
/// The page is well-formed XML (XHTML serialisation of HTML5), uses no network resource, and prints in greyscale.
public struct HTMLReport: Sendable {
    /// The static Monte Carlo run of the scenario's signed contracts.
    public var result: MonteCarloResult
    /// The scenario's facts (for the assumptions and the contracts' prices).
    public var facts: ScenarioFacts
    /// The deal structures on common random numbers, when the scenario has a policy.
    public var structures: StructuresReport?
    /// The product version shown in the footer.
    public var version: String
    /// Sources to credit (for example Epoch AI's data), one line each.
    public var attributions: [String]

    /// Creates a report.
    public init(
        result: MonteCarloResult, facts: ScenarioFacts, structures: StructuresReport? = nil, version: String,
        attributions: [String] = []
    ) {
        self.result = result
        self.facts = facts
        self.structures = structures
        self.version = version
        self.attributions = attributions
    }

    /// The report of a ``ReportOutcome`` run, or `nil` for another kind of analysis.
    public init?(run: AnalysisRun, version: String, attributions: [String] = []) {
        guard case .report(let outcome) = run.outcome else { return nil }
        self.init(
            result: outcome.simulation, facts: run.facts,
            structures: outcome.structures.map {
                StructuresReport(outcome: $0, holder: run.facts.holder, through: run.facts.defaultSpendThrough)
            },
            version: version, attributions: attributions)
    }

    /// The quantile series at `level` (the nearest level computed).
    private func quantile(_ statistic: MonthlyStatistic, _ level: Double) -> [Double] {
        let levels = result.quantileLevels
        guard let k = levels.indices.min(by: { abs(levels[$0] - level) < abs(levels[$1] - level) }) else {
            return statistic.mean
        }
        return statistic.quantiles[k]
    }

    /// A `<table>` from a text table: the first column a row header, the others right-aligned numbers.
    static func table(_ table: TextTable, caption: String? = nil) -> String {
        let head = SVG.element(
            "thead", [], SVG.element("tr", [], table.headers.map { SVG.text("th", [], $0) }.joined()))
        let body = SVG.element(
            "tbody", [],
            table.rows.map { row in
                SVG.element(
                    "tr", [],
                    row.enumerated().map { i, cell in
                        i == 0
                            ? SVG.text("th", [("scope", "row")], cell)
                            : SVG.text("td", isNumeric(cell) ? [] : [("class", "text")], cell)
                    }.joined())
            }.joined())
        let captionText = caption ?? table.title
        return SVG.element(
            "div", [("class", "table-wrap")],
            SVG.element("table", [], (captionText.map { SVG.text("caption", [], $0) } ?? "") + head + body))
    }

    /// Whether a cell reads as a number (right-aligned) rather than text (left-aligned).
    static func isNumeric(_ cell: String) -> Bool {
        guard let first = cell.first else { return true }
        return "0123456789$-+±−.∞".contains(first) || cell == "n/a"
    }

    /// A headline card: a figure, its range and its standard error.
    private func card(_ label: String, _ value: String, _ detail: String) -> String {
        SVG.element(
            "div", [("class", "card")],
            SVG.text("div", [("class", "card-label")], label) + SVG.text("div", [("class", "card-value")], value)
                + SVG.text("div", [("class", "card-detail")], detail))
    }

    private func section(_ id: String, _ title: String, _ lead: String?, _ content: String) -> String {
        SVG.element(
            "section", [("id", id)],
            SVG.text("h2", [], title) + (lead.map { SVG.text("p", [("class", "lead")], $0) } ?? "") + content)
    }

    private func headline() -> String {
        let h = result.headlineFigures
        let u = result.unservedQuantiles
        let s = result.spendQuantiles
        var cards = [
            card(
                "P(some month short)", Format.percent(h.probabilityOfAnyShortfall.value),
                "± \(Format.percent(h.probabilityOfAnyShortfall.standardError, decimals: 2)) SE"),
            card(
                "unserved demand, MW-months", Format.grouped(h.expectedUnservedMWMonths.value),
                "P50 \(Format.grouped(u.p50)); P10–P90 \(Format.grouped(u.p10))–\(Format.grouped(u.p90)); "
                    + "± \(Format.grouped(h.expectedUnservedMWMonths.standardError)) SE"),
            card(
                "largest monthly shortfall, MW", Format.grouped(h.expectedPeakShortfallMW.value),
                "expected; ± \(Format.grouped(h.expectedPeakShortfallMW.standardError)) SE"),
            card(
                "total spend \(result.months.first?.description ?? "")–\(result.months.last?.description ?? "")",
                Format.usd(result.spendEstimate.value),
                "P50 \(Format.usd(s.p50)); P10–P90 \(Format.usd(s.p10))–\(Format.usd(s.p90)); "
                    + "± \(Format.usd(result.spendEstimate.standardError)) SE"),
        ]
        for cap in result.caps {
            cards.append(
                card(
                    "P(spend > \(cap.id) \(Format.usd(cap.usd)))", Format.percent(cap.probabilityExceeded.value),
                    "spend P50 \(Format.usd(cap.spendQuantiles.p50)), P90 \(Format.usd(cap.spendQuantiles.p90))"
                        + (cap.truncated ? "; window beyond horizon" : "")))
        }
        return section(
            "headline", "Headline",
            "Expected values (means) over \(Format.grouped(Double(result.paths))) correlated paths, with medians (P50), "
                + "P10–P90 ranges and standard errors (SE). "
                + "Power is IT MW (critical IT load); money is nominal USD; budget caps count payments for capacity.",
            SVG.element("div", [("class", "cards")], cards.joined()))
    }

    /// Plain-language findings read off the figures: when shortfall becomes likely, what drives it, which caps are
    /// at risk, and what the deal structures change.
    func findings() -> [String] {
        var out: [String] = []
        let p = result.probabilities
        // The first month from which P(shortfall) stays above one half.
        if let t = p.indices.first(where: { t in p[t...].allSatisfy { $0 > 0.5 } }), let month = result.months[safe: t]
        {
            out.append(
                "A shortfall becomes more likely than not from \(month) and stays so: by \(result.months.last?.description ?? "") "
                    + "the median shortfall is \(Format.grouped((quantile(result.shortfallStatistic, 0.5).last ?? 0) / 1000, decimals: 1)) GW."
            )
        } else if let peak = p.indices.max(by: { p[$0] < p[$1] }), let month = result.months[safe: peak] {
            out.append("P(shortfall) peaks at \(Format.percent(p[peak])) in \(month).")
        }
        if let top = result.drivers.first, abs(top.rankCorrelation) >= 0.1 {
            out.append(
                "The strongest driver of unserved demand is \(top.name) (Spearman ρ \(Format.grouped(top.rankCorrelation, decimals: 2)))"
                    + (result.drivers.dropFirst().first.map { ", then \($0.name)" } ?? "") + ".")
        }
        for cap in result.caps where cap.probabilityExceeded.value >= 0.5 {
            out.append(
                "Budget \(cap.id) (\(Format.usd(cap.usd))) is exceeded with probability \(Format.percent(cap.probabilityExceeded.value)); "
                    + "median spend in its window \(Format.usd(cap.spendQuantiles.p50)).")
        }
        if let structures, let base = structures.runs.first {
            for run in structures.runs.dropFirst() {
                let unserved =
                    run.result.headlineFigures.expectedUnservedMWMonths.value
                    - base.result.headlineFigures.expectedUnservedMWMonths.value
                let spend = run.result.spendEstimate.value - base.result.spendEstimate.value
                out.append(
                    "Under \(run.structure.rawValue) rather than \(base.structure.rawValue): "
                        + "\(unserved >= 0 ? "+" : "")\(Format.grouped(unserved)) expected unserved MW-months and "
                        + "\(spend >= 0 ? "+" : "")\(Format.usd(spend)) expected spend.")
            }
        }
        return out
    }

    private func capacitySection() -> String {
        let fan = Charts.fan(
            months: result.months,
            demand: (
                quantile(result.demandStatistic, 0.1), quantile(result.demandStatistic, 0.5),
                quantile(result.demandStatistic, 0.9)
            ),
            capacity: (
                quantile(result.capacityStatistic, 0.1), quantile(result.capacityStatistic, 0.5),
                quantile(result.capacityStatistic, 0.9)
            ))
        let probability = Charts.probability(months: result.months, values: result.probabilities)
        return section(
            "capacity", "Will capacity keep up with demand?",
            "Delivered contracted capacity against demand, month by month (bands: 10th to 90th percentile over paths; "
                + "lines: medians). Below: the probability that some demand goes unserved.",
            fan + probability + Self.table(SimulationReport(result: result).monthlyTable()))
    }

    private func spendSection() -> String {
        let years = Period.year.groups(result.months)
        // Payments for capacity (what caps count); revenue share is shown with provider exposure.
        let series = result.providers.map { p in
            (name: p.id.rawValue, values: years.map { Aggregation.sum.apply(p.meanCapacityPaymentUSD, $0.indices) })
        }.filter { $0.values.contains { $0 != 0 } }
        let origin = result.months.first?.ordinal ?? 0
        var yearly: [(label: String, usd: Double, name: String)] = []
        var cumulative: [(month: Int, usd: Double, name: String)] = []
        for (k, cap) in facts.scenario.budget.caps.enumerated() where k < result.caps.count && cap.providers == nil {
            let from = cap.from ?? facts.scenario.start
            if from.year == cap.through.year && from.monthOfYear == 1 && cap.through.monthOfYear == 12 {
                yearly.append((String(cap.through.year), cap.usd, cap.id.rawValue))
            } else if from <= facts.scenario.start {
                cumulative.append((cap.through.ordinal - origin, cap.usd, cap.id.rawValue))
            }
        }
        let bars = Charts.stackedBars(labels: years.map(\.label), series: series, caps: yearly)
        let shares = result.months.indices.map { t in result.providers.reduce(0) { $0 + $1.meanRevenueShareUSD[t] } }
        let capacitySpend = zip(result.spendStatistic.mean, shares).map { $0 - $1 }
        let line = Charts.cumulative(months: result.months, spend: capacitySpend, caps: cumulative)
        return section(
            "spend", "What will we spend, with whom?",
            "Expected payments for capacity per year by provider (what budget caps count; revenue-share payments are "
                + "listed with provider exposure), with the yearly all-provider caps; then cumulative payments against the "
                + "cumulative all-provider caps. Caps on some providers only are in the headline and the tables.",
            bars + line + Self.table(ExposureReport(result: result).contractsTable()))
    }

    private func phasesSection() -> String {
        let rows = result.phases.sorted { ($0.planned, $0.name) < ($1.planned, $1.name) }.map {
            Charts.GanttRow(
                name: $0.name, planned: $0.planned, p50: $0.p50, p90: $0.p90, cancelled: $0.probabilityCancelled)
        }
        // Inputs that do not vary (ρ undefined) or barely move unserved demand make no bar worth drawing.
        let drivers = result.drivers.filter { $0.rankCorrelation.isFinite && abs($0.rankCorrelation) >= 0.01 }
            .map { (name: $0.name, correlation: $0.rankCorrelation) }
        return section(
            "phases", "Which projects drive the shortfall?",
            "Each phase's planned online month, and its simulated P50 and P90 (correlated delays and risk events); "
                + "then the inputs most rank-correlated with unserved demand.",
            Charts.gantt(months: result.months, rows: rows)
                + (drivers.isEmpty
                    ? SVG.text(
                        "p", [], "No uncertain input moves unserved demand by a rank correlation of 0.01 or more.")
                    : Charts.tornado(drivers)))
    }

    private func structuresSection() -> String? {
        guard let structures, !structures.runs.isEmpty else { return nil }
        let unserved = structures.runs.map {
            (name: $0.structure.rawValue, value: $0.result.headlineFigures.expectedUnservedMWMonths.value)
        }
        let spend = structures.runs.map { (name: $0.structure.rawValue, value: $0.result.spendEstimate.value) }
        var content = SVG.element(
            "div", [("class", "pair")],
            SVG.element(
                "figure", [],
                SVG.text("figcaption", [], "Expected unserved MW-months")
                    + Charts.bars(
                        id: "structures-unserved", title: "Expected unserved MW-months by deal structure", unserved,
                        format: { Format.grouped($0) }))
                + SVG.element(
                    "figure", [],
                    SVG.text("figcaption", [], "Expected total spend, USD")
                        + Charts.bars(
                            id: "structures-spend", title: "Expected total spend by deal structure", spend,
                            format: Format.usd)))
        content += Self.table(structures.table())
        if let paired = structures.pairedTable() { content += Self.table(paired) }
        if let own = structures.runs.first(where: { $0.structure == facts.scenario.policy?.structure })
            ?? structures.runs.first
        {
            let exposure = ExposureReport(result: own.result)
            content += Self.table(exposure.table(), caption: "Provider exposure under \(own.structure.rawValue)")
            content += Self.table(exposure.yearlyTable(), caption: "Providers by year under \(own.structure.rawValue)")
        }
        return section(
            "structures", "Deal structures: exclusive, right of first refusal, open market",
            "The policy buys new capacity under each structure on the same paths (common random numbers), from the "
                + "contracts signed by \(facts.scenario.policy?.asOf?.description ?? "the start").",
            content)
    }

    private func exposureSection() -> String {
        let exposure = ExposureReport(result: result)
        return section(
            "exposure", "Provider exposure: what each provider earns and risks idle",
            "Signed contracts only. Slow demand: the 20% of paths with the lowest demand draws.",
            Self.table(exposure.table()) + Self.table(exposure.yearlyTable()))
    }

    private func assumptionsSection() -> String {
        let s = facts.scenario
        let summary = ScenarioSummary(facts: facts)
        let providers = TextTable(
            title: "Providers",
            headers: ["provider", "kind", "appetite MW/year", "new capacity USD/MW-month", "lead time months"],
            rows: s.providers.map { p in
                [
                    p.id.rawValue, p.kind.rawValue, p.appetiteMWPerYear.map(\.inlineText) ?? "-",
                    p.newCapacityPriceUSDPerMWMonth.map(Format.usd) ?? "-", p.leadTimeMonths.map(\.inlineText) ?? "-",
                ]
            })
        let demand = TextTable(
            title: "Demand (IT MW)", headers: ["workload", "model"],
            rows: s.demand.map { d in
                switch d.growth {
                case .exponential(let start, let initial, let rate):
                    return [
                        d.workload.rawValue,
                        "\(Format.grouped(initial)) MW at \(start), growing at \(rate.inlineText) a year (log)",
                    ]
                case .anchors(let anchors):
                    return [
                        d.workload.rawValue,
                        anchors.map {
                            "\($0.month): \(Format.grouped($0.megawatts)) (σ \(Format.grouped($0.logSigma, decimals: 2)))"
                        }.joined(separator: "; "),
                    ]
                }
            })
        let risks = TextTable(
            title: "Risk register", headers: ["risk", "probability", "effect"],
            rows: s.risks.map { r in
                let effect: String
                switch r.effect {
                case .cancel: effect = "cancels"
                case .delay(let d): effect = "delays " + d.inlineText + " months"
                }
                return [r.id.rawValue, Format.percent(r.probability, decimals: 0), effect]
            })
        let caps = TextTable(
            title: "Budget caps", headers: ["cap", "USD", "window", "providers"],
            rows: s.budget.caps.map { c in
                [
                    c.id.rawValue, Format.usd(c.usd), "\(c.from ?? s.start) – \(c.through)",
                    c.providers?.map(\.rawValue).joined(separator: ", ") ?? "all",
                ]
            })
        var content = Self.table(providers) + Self.table(summary.contractsTable()) + Self.table(demand)
        if !s.risks.isEmpty { content += Self.table(risks) }
        content += SVG.text(
            "p", [],
            "Delay correlation loadings: global \(s.correlation.global), provider \(s.correlation.provider), region \(s.correlation.region)."
        )
        if !s.budget.caps.isEmpty { content += Self.table(caps) }
        if let offers = summary.offersTable() { content += Self.table(offers) }
        return section("assumptions", "Assumptions", "The inputs this report was computed from (\(s.name)).", content)
    }

    /// The whole page.
    public func html() -> String {
        let s = facts.scenario
        var body = SVG.element(
            "header", [],
            SVG.text("h1", [], "Headroom report: \(s.name)")
                + SVG.text(
                    "p", [("class", "meta")],
                    "\(s.start)–\(s.end) · \(Format.grouped(Double(result.paths))) paths · seed \(result.seed) · headroom \(version)"
                )
                + (s.description.map { SVG.text("p", [], $0) } ?? ""))
        let keyFindings = findings()
        if !keyFindings.isEmpty {
            body += section(
                "findings", "Key findings", nil,
                SVG.element("ul", [], keyFindings.map { SVG.text("li", [], $0) }.joined()))
        }
        body += headline() + capacitySection() + spendSection() + phasesSection()
        if let structures = structuresSection() { body += structures }
        body += exposureSection() + assumptionsSection()
        var footer = SVG.text(
            "p", [],
            "Generated by headroom \(version) from \(s.name): \(Format.grouped(Double(result.paths))) paths, seed \(result.seed). "
                + "The same seed reproduces every figure on any number of threads.")
        for line in attributions { footer += SVG.text("p", [("class", "attribution")], line) }
        body += SVG.element("footer", [], footer)
        let head =
            SVG.element("meta", [("charset", "utf-8")]) + SVG.text("title", [], "Headroom report: \(s.name)")
            + SVG.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
            + SVG.element("style", [], Self.css)
        return "<!DOCTYPE html>\n"
            + SVG.element(
                "html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")],
                SVG.element("head", [], head)
                    + SVG.element("body", [], body + SVG.element("script", [], Self.selfCheck))) + "\n"
    }

    /// The style sheet and the script are written unescaped (HTML reads their content raw), so they must hold no `<`
    /// or `&` for the page to stay well-formed XML; the tests check that.
    ///
    /// Marks the page with how many charts rendered with a non-empty box (read by the headless-browser test) and with
    /// its height in CSS pixels (read by scripts/render-report to capture the whole page).
    static let selfCheck = """
        (function () { var ok = 0; var all = document.querySelectorAll('svg.chart'); \
        all.forEach(function (svg) { var box = svg.getBBox(); \
        if (box.width > 0) { if (box.height > 0) { if (svg.childElementCount > 2) { ok += 1; } } } }); \
        document.documentElement.setAttribute('data-charts', ok + '/' + all.length); \
        document.documentElement.setAttribute('data-height', String(document.documentElement.scrollHeight)); })();
        """

    static let css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; \
        max-width: 960px; margin: 24px auto; padding: 0 16px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 6px; border-bottom: 2px solid #0072B2; padding-bottom: 3px; }
        .meta { color: #444; margin: 0; } .lead { color: #333; margin: 4px 0 10px; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; }
        .card { border: 1px solid #bbb; border-radius: 6px; padding: 8px 12px; min-width: 190px; flex: 1 1 190px; }
        .card-label { font-size: 12px; color: #444; } .card-value { font-size: 22px; font-weight: 600; } .card-detail { font-size: 12px; color: #444; }
        svg.chart { width: 100%; height: auto; display: block; margin: 10px 0; }
        .pair { display: flex; flex-wrap: wrap; gap: 12px; } .pair svg.chart { width: 100%; }
        .grid { stroke: #ddd; stroke-width: 1; } .axis { stroke: #333; stroke-width: 1; }
        .tick { font-size: 11px; fill: #333; } .axis-title { font-size: 12px; fill: #222; } .legend { font-size: 11px; fill: #222; }
        .cap { stroke: #D55E00; stroke-width: 2; stroke-dasharray: 5 3; } .cap-point { fill: #D55E00; }
        .cap-label { font-size: 10px; fill: #8a3b00; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        td.text { text-align: left; white-space: normal; } figure { margin: 0; flex: 1 1 300px; }
        figcaption { font-size: 12px; font-weight: 600; }
        .table-wrap { overflow-x: auto; margin: 10px 0; }
        table { border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #e3e3e3; } td { text-align: right; white-space: nowrap; }
        thead th { border-bottom: 2px solid #999; text-align: right; } thead th:first-child, tbody th { text-align: left; }
        tbody th { font-weight: normal; }
        footer { margin-top: 36px; border-top: 1px solid #bbb; color: #444; font-size: 12px; }
        @media print { body { max-width: none; margin: 0; } section { break-inside: avoid-page; } h2 { break-after: avoid; } }
        """
}

extension Array {
    /// The element at `index`, or `nil` outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
