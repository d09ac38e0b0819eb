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
    /// A back-test of the scenario's delays against observed slips, shown as its own section when present.
    public var backtest: BacktestReport?
    /// An optimization of the scenario's offers, shown as its own section when present.
    public var optimization: OptimizationReport?

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
    func quantile(_ statistic: MonthlyStatistic, _ level: Double) -> [Double] {
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
    func card(_ label: String, _ value: String, _ detail: String) -> String {
        SVG.element(
            "div", [("class", "card")],
            SVG.text("div", [("class", "card-label")], label) + SVG.text("div", [("class", "card-value")], value)
                + SVG.text("div", [("class", "card-detail")], detail))
    }

    func section(_ id: String, _ title: String, _ lead: String?, _ content: String) -> String {
        SVG.element(
            "section", [("id", id)],
            SVG.text("h2", [], title) + (lead.map { SVG.text("p", [("class", "lead")], $0) } ?? "") + content)
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
        if let optimization { body += optimization.htmlSection() }
        body += exposureSection()
        if let backtest { body += backtest.htmlSection() }
        body += assumptionsSection()
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
}

extension Array {
    /// The element at `index`, or `nil` outside the array.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
