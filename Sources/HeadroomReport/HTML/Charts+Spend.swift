import HeadroomModel

extension Charts {
    /// Stacked bars per period (spend by provider per year, USD), with caps drawn as dashed marks on their bars.
    public static func stackedBars(
        labels: [String], series: [(name: String, values: [Double])], caps: [(label: String, usd: Double, name: String)]
    ) -> String {
        let totals = labels.indices.map { i in series.reduce(0) { $0 + max(0, $1.values[i]) } }
        let negatives = labels.indices.map { i in series.reduce(0) { $0 + min(0, $1.values[i]) } }
        let top = max(totals.max() ?? 0, caps.map(\.usd).max() ?? 0) * 1.08
        let bottom = (negatives.min() ?? 0) * 1.08
        let ticks = moneyTicks(low: bottom, top: top)
        let frame = ChartFrame(
            height: 320, top: 26 + 16 * Double((series.count + 5) / 6), x: (0, Double(labels.count)),
            y: (min(bottom, ticks.first ?? 0), max(ticks.last ?? top, top, bottom + 1)))
        var inner = frame.yAxis(ticks: ticks, label: Format.usd, title: "USD per year (nominal)")
        let slot = (frame.width - frame.left - frame.right) / Double(max(1, labels.count))
        for (i, label) in labels.enumerated() {
            var base = 0.0
            var below = 0.0
            for (k, s) in series.enumerated() where s.values[i] != 0 {
                // Positive amounts stack up from zero, credits (negative) down from it.
                let start = s.values[i] > 0 ? base : below
                let y0 = frame.y(max(start, start + s.values[i]))
                let y1 = frame.y(min(start, start + s.values[i]))
                let (top, height) = (y0, max(0, y1 - y0))
                inner += SVG.element(
                    "rect",
                    [
                        ("x", SVG.number(frame.x(Double(i)) + slot * 0.15)), ("y", SVG.number(top)),
                        ("width", SVG.number(slot * 0.7)), ("height", SVG.number(height)),
                        ("fill", SVG.palette[k % SVG.palette.count]),
                    ], SVG.text("title", [], "\(s.name) \(label): \(Format.usd(s.values[i]))"))
                if s.values[i] > 0 { base += s.values[i] } else { below += s.values[i] }
            }
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(frame.x(Double(i)) + slot / 2)),
                    ("y", SVG.number(frame.height - frame.bottom + 16)), ("class", "tick"), ("text-anchor", "middle"),
                ],
                label)
        }
        for cap in caps {
            guard let i = labels.firstIndex(of: cap.label) else { continue }
            let y = SVG.number(frame.y(cap.usd))
            inner += SVG.element(
                "line",
                [
                    ("x1", SVG.number(frame.x(Double(i)) + slot * 0.05)),
                    ("x2", SVG.number(frame.x(Double(i)) + slot * 0.95)),
                    ("y1", y), ("y2", y), ("class", "cap"),
                ])
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(frame.x(Double(i)) + slot / 2)), ("y", SVG.number(frame.y(cap.usd) - 4)),
                    ("class", "cap-label"), ("text-anchor", "middle"),
                ],
                "\(cap.name) \(Format.usd(cap.usd))")
        }
        inner += frame.xAxis([])
        for (r, chunk) in stride(from: 0, to: series.count, by: 6).enumerated() {
            let entries = series[chunk..<min(series.count, chunk + 6)].enumerated().map { offset, s in
                (name: s.name, colour: SVG.palette[(chunk + offset) % SVG.palette.count], kind: LegendKind.swatch)
            }
            inner += SVG.element("g", [("transform", "translate(0 \(16 * r))")], legend(entries, frame: frame))
        }
        return frame.svg(
            id: "spend", title: "Expected payments for capacity by provider per year, with yearly budget caps", inner)
    }

    /// Cumulative expected spend, with each cumulative cap drawn at its last month.
    public static func cumulative(months: [Month], spend: [Double], caps: [(month: Int, usd: Double, name: String)])
        -> String
    {
        var running = 0.0
        let cumulative = spend.map {
            running += $0
            return running
        }
        let top = max(cumulative.max() ?? 0, caps.map(\.usd).max() ?? 0) * 1.08
        let bottom = min(0, cumulative.min() ?? 0) * 1.08
        let ticks = moneyTicks(low: bottom, top: top)
        let frame = ChartFrame(
            height: 260, x: (0, Double(max(1, months.count - 1))),
            y: (min(bottom, ticks.first ?? 0), max(ticks.last ?? top, top, bottom + 1)))
        let xs = months.indices.map(Double.init)
        var inner = frame.yAxis(ticks: ticks, label: Format.usd, title: "cumulative USD for capacity (nominal)")
        inner += frame.line(Array(zip(xs, cumulative)), colour: SVG.palette[0], width: 2.5)
        for cap in caps where cap.month >= 0 && cap.month < months.count {
            let x = frame.x(Double(cap.month))
            let y = frame.y(cap.usd)
            inner += SVG.element(
                "line",
                [
                    ("x1", SVG.number(frame.left)), ("x2", SVG.number(x)), ("y1", SVG.number(y)), ("y2", SVG.number(y)),
                    ("class", "cap"),
                ])
            inner += SVG.element(
                "circle", [("cx", SVG.number(x)), ("cy", SVG.number(y)), ("r", "4"), ("class", "cap-point")])
            inner += SVG.text(
                "text",
                [("x", SVG.number(x - 6)), ("y", SVG.number(y - 6)), ("class", "cap-label"), ("text-anchor", "end")],
                "\(cap.name) \(Format.usd(cap.usd))")
        }
        inner += frame.xAxis(yearLabels(months))
        return frame.svg(
            id: "cumulative-spend", title: "Cumulative expected payments for capacity against cumulative budget caps",
            inner)
    }
}
