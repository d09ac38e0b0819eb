import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

/// What `headroom sweep` prints: each variant's inputs, its figures and their paired differences against the base.
public struct SweepReport: Sendable {
    /// The sweep.
    public var outcome: SweepOutcome

    /// A report of `outcome`.
    public init(_ outcome: SweepOutcome) {
        self.outcome = outcome
    }

    /// The paired figure `kind` of variant `v`, if measured.
    func figure(_ v: Int, _ kind: PairedFigure.Kind) -> PairedFigure? {
        outcome.comparisons[safe: v]?.figures.first { $0.kind == kind }
    }

    /// How a figure is written.
    enum Unit { case count, probability, usd }

    static let headline: [(PairedFigure.Kind, String, Unit)] = [
        (.unservedMWMonths, "unserved MW-months", .count), (.anyShortfall, "P(any shortfall)", .probability),
        (.totalSpendUSD, "total spend", .usd),
    ]

    static func value(_ x: Double, probability unit: Unit) -> String {
        switch unit {
        case .count: Format.grouped(x)
        case .probability: Format.grouped(100 * x, decimals: 1) + "%"
        case .usd: Format.usd(x)
        }
    }

    /// The text report: the base's figures, then one row per variant with each figure and its paired difference.
    public func text() -> String {
        var headers = ["#"] + outcome.parameters
        for (_, name, _) in Self.headline { headers += [name, "Δ vs base ± paired SE"] }
        var rows: [[String]] = []
        for (v, point) in outcome.points.enumerated() {
            var row = ["\(v + 1)"] + point.map { Distribution.inlineNumber(($0 * 1e6).rounded() / 1e6) }
            for (kind, _, probability) in Self.headline {
                guard let f = figure(v, kind) else {
                    row += ["-", "-"]
                    continue
                }
                row.append(Self.value(f.b.value, probability: probability))
                row.append(
                    Self.value(f.difference.value, probability: probability) + " ± "
                        + Self.value(f.difference.standardError, probability: probability))
            }
            rows.append(row)
        }
        var lines: [String] = []
        if let first = outcome.comparisons.first {
            let base = Self.headline.compactMap { kind, name, probability in
                first.figures.first { $0.kind == kind }.map {
                    "\(name) \(Self.value($0.a.value, probability: probability)) ± "
                        + Self.value($0.a.standardError, probability: probability)
                }
            }
            lines.append("Base (\(outcome.facts.scenario.name)): " + base.joined(separator: "; "))
        }
        lines.append(
            TextTable(
                title:
                    "Sweep: \(outcome.points.count) variants on common random numbers (\(Format.grouped(Double(outcome.paths))) paths, seed \(outcome.seed))",
                headers: headers, rows: rows
            ).rendered())
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON export: each variant's inputs and every paired figure.
    public func json() -> JSONValue {
        .object([
            ("paths", .number(Double(outcome.paths))), ("seed", .number(Double(outcome.seed))),
            ("parameters", .array(outcome.parameters.map(JSONValue.string))),
            (
                "variants",
                .array(
                    outcome.points.enumerated().map { v, point in
                        .object([
                            ("values", .array(point.map(JSONValue.number))),
                            (
                                "figures",
                                .array(
                                    (outcome.comparisons[safe: v]?.figures ?? []).map { f in
                                        .object([
                                            ("figure", .string(f.name)), ("base", .number(f.a.value)),
                                            ("base_se", .number(f.a.standardError)), ("variant", .number(f.b.value)),
                                            ("variant_se", .number(f.b.standardError)),
                                            ("difference", .number(f.difference.value)),
                                            ("paired_se", .number(f.difference.standardError)),
                                            ("independent_se", .number(f.independentStandardError)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    /// One CSV line per variant and figure.
    public func csv() -> String {
        var rows: [[String]] = []
        for (v, point) in outcome.points.enumerated() {
            for f in outcome.comparisons[safe: v]?.figures ?? [] {
                rows.append(
                    ["\(v + 1)"] + point.map { "\($0)" } + [
                        f.name, "\(f.a.value)", "\(f.b.value)", "\(f.difference.value)",
                        "\(f.difference.standardError)",
                    ])
            }
        }
        return TextTable(
            headers: ["variant"] + outcome.parameters + ["figure", "base", "variant_value", "difference", "paired_se"],
            rows: rows
        ).csv()
    }

    /// A standalone SVG: for each headline figure and each parameter, the variants' paired differences against the
    /// base by the parameter's value (±2 paired SE).
    public func svg() -> String {
        let width = 640.0
        let height = 260.0
        var panels = ""
        var row = 0
        for (kind, label, unit) in Self.headline {
            for (p, name) in outcome.parameters.enumerated() {
                panels += SVG.element(
                    "g", [("transform", "translate(0 \(SVG.number(Double(row) * height)))")],
                    panel(kind, label: label, unit: unit, parameter: p, name: name, width: width, height: height))
                row += 1
            }
        }
        return SVG.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", "0 0 \(SVG.number(width)) \(SVG.number(height * Double(max(1, row))))"),
                ("font-family", "sans-serif"), ("font-size", "11"),
            ], SVG.text("title", [], "Sweep: paired differences against the base") + panels) + "\n"
    }

    /// One figure's paired differences against one parameter.
    func panel(
        _ kind: PairedFigure.Kind, label: String, unit: Unit, parameter p: Int, name: String, width: Double,
        height: Double
    ) -> String {
        let points = outcome.points.indices.compactMap { v -> (x: Double, y: Double, se: Double)? in
            figure(v, kind).map { (outcome.points[v][p], $0.difference.value, $0.difference.standardError) }
        }
        let xs: [Double] = points.map(\.x)
        let ys: [Double] = points.flatMap { [$0.y - 2 * $0.se, $0.y + 2 * $0.se] } + [0]
        let (xLow, xHigh) = (xs.min() ?? 0, xs.max() ?? 1)
        let (yLow, yHigh) = (ys.min() ?? 0, ys.max() ?? 1)
        let frame = ChartFrame(
            width: width, height: height, left: 90, top: 30, bottom: 50, x: (xLow, xHigh), y: (yLow, yHigh))
        var inner = frame.yAxis(
            ticks: SVG.ticks(yLow, yHigh), label: { Self.value($0, probability: unit) }, title: "Δ \(label)")
        inner += frame.xAxis(SVG.ticks(xLow, xHigh).map { ($0, Format.grouped($0, decimals: 2)) })
        inner += frame.line([(xLow, 0), (xHigh, 0)], colour: "#888", width: 1, dash: "4 3")
        for point in points {
            inner += SVG.element(
                "line",
                [
                    ("x1", SVG.number(frame.x(point.x))), ("x2", SVG.number(frame.x(point.x))),
                    ("y1", SVG.number(frame.y(point.y - 2 * point.se))),
                    ("y2", SVG.number(frame.y(point.y + 2 * point.se))), ("stroke", SVG.palette[0]),
                    ("stroke-width", "2"),
                ])
            inner += SVG.element(
                "circle",
                [
                    ("cx", SVG.number(frame.x(point.x))), ("cy", SVG.number(frame.y(point.y))), ("r", "4"),
                    ("fill", SVG.palette[0]),
                ])
        }
        inner += SVG.text(
            "text", [("x", SVG.number(frame.left)), ("y", "18"), ("class", "tick")],
            "\(label) against \(name): paired Δ from the base, ±2 paired SE")
        return inner
    }
}
