import HeadroomModel
import RealModule

/// The report's charts as self-contained SVG: labelled axes with units, colour-blind-safe colours, and a legend.
public enum Charts {
    /// A legend row at the top of a chart: a swatch and a name per entry.
    static func legend(_ entries: [(name: String, colour: String, kind: LegendKind)], frame: ChartFrame) -> String {
        var out = ""
        var x = frame.left
        for entry in entries {
            switch entry.kind {
            case .swatch:
                out += SVG.element(
                    "rect",
                    [("x", SVG.number(x)), ("y", "4"), ("width", "12"), ("height", "10"), ("fill", entry.colour)])
            case .line(let dash):
                var attributes = [
                    ("x1", SVG.number(x)), ("x2", SVG.number(x + 14)), ("y1", "9"), ("y2", "9"),
                    ("stroke", entry.colour),
                    ("stroke-width", "2.5"),
                ]
                if let dash { attributes.append(("stroke-dasharray", dash)) }
                out += SVG.element("line", attributes)
            }
            out += SVG.text("text", [("x", SVG.number(x + 18)), ("y", "13"), ("class", "legend")], entry.name)
            x += 30 + Double(entry.name.count) * 6.8
        }
        return out
    }

    /// How a legend entry is drawn.
    enum LegendKind {
        case swatch
        case line(dash: String?)
    }

    /// A left margin wide enough for the longest of `labels` at the tick font (11 px, about 6.4 px a character).
    static func labelWidth(_ labels: [String]) -> Double {
        min(360, max(90, 16 + 6.4 * Double(labels.map(\.count).max() ?? 0)))
    }

    /// Labels for a monthly x axis: every January (thinned to at most 12); for a horizon holding fewer than two
    /// Januaries, the first month and every quarter's first month (`YYYY-MM`).
    static func yearLabels(_ months: [Month]) -> [(Double, String)] {
        let januaries = months.indices.filter { months[$0].monthOfYear == 1 }
        guard januaries.count >= 2 else {
            let quarters = months.indices.filter { $0 == 0 || (months[$0].monthOfYear - 1) % 3 == 0 }
            let step = max(1, (quarters.count + 7) / 8)
            return quarters.enumerated().filter { $0.offset % step == 0 }.map {
                (Double($0.element), months[$0.element].description)
            }
        }
        let step = max(1, (januaries.count + 11) / 12)
        return januaries.enumerated().filter { $0.offset % step == 0 }.map {
            (Double($0.element), String(months[$0.element].year))
        }
    }

    /// Round ticks from 0 to `top` for money axes; just 0 when there is nothing to show.
    static func moneyTicks(low: Double, top: Double) -> [Double] {
        top > low ? SVG.ticks(low, top) : [0]
    }

    /// Capacity against demand: P10–P90 bands and P50 lines, in GW of IT power.
    ///
    /// When the series span more than two decades the y axis is logarithmic (labelled so), so that early months stay readable next to late ones.
    public static func fan(
        months: [Month], demand: (p10: [Double], p50: [Double], p90: [Double]),
        capacity: (p10: [Double], p50: [Double], p90: [Double])
    ) -> String {
        let gw = { (values: [Double]) in values.map { $0 / 1000 } }
        let top = max(gw(demand.p90).max() ?? 0, gw(capacity.p90).max() ?? 0)
        let positive = (gw(demand.p50) + gw(capacity.p50)).filter { $0 > 0 }
        let bottom = positive.min() ?? 0
        let logarithmic = bottom > 0 && top / bottom > 100
        // In log mode values are plotted as log10(GW), floored a decade below the smallest median.
        let floor = logarithmic ? Double.log10(bottom).rounded(.down) : 0
        let transform = { (values: [Double]) in
            logarithmic ? values.map { Swift.max(Double.log10(Swift.max($0, 1e-12)), floor) } : values
        }
        var frame = ChartFrame(top: 26, x: (0, Double(max(1, months.count - 1))), y: (0, 1))
        let ticks: [Double]
        let label: (Double) -> String
        if logarithmic {
            let ceiling = Double.log10(Swift.max(top, 1e-12)).rounded(.up)
            ticks = Array(stride(from: floor, through: ceiling, by: 1))
            frame.yDomain = (floor, Swift.max(ceiling, floor + 1))
            label = { Format.grouped(Double.pow(10, $0), decimals: $0 < 0 ? Int(-$0) : 0) }
        } else {
            ticks = SVG.ticks(0, top * 1.05)
            frame.yDomain = (0, Swift.max(top * 1.05, ticks.last ?? 1, 1e-9))
            label = { Format.grouped($0, decimals: $0 < 10 && $0 != $0.rounded() ? 1 : 0) }
        }
        let xs = months.indices.map(Double.init)
        let (demandColour, capacityColour) = (SVG.palette[5], SVG.palette[0])
        var inner = frame.yAxis(
            ticks: ticks, label: label, title: logarithmic ? "GW (IT power, log scale)" : "GW (IT power)")
        inner += frame.band(
            xs, low: transform(gw(capacity.p10)), high: transform(gw(capacity.p90)), colour: capacityColour,
            opacity: 0.22)
        inner += frame.band(
            xs, low: transform(gw(demand.p10)), high: transform(gw(demand.p90)), colour: demandColour, opacity: 0.18)
        inner += frame.line(Array(zip(xs, transform(gw(capacity.p50)))), colour: capacityColour, width: 2.5)
        inner += frame.line(Array(zip(xs, transform(gw(demand.p50)))), colour: demandColour, width: 2.5, dash: "6 3")
        inner += frame.xAxis(yearLabels(months))
        inner += legend(
            [
                ("capacity P50", capacityColour, .line(dash: nil)), ("capacity P10–P90", capacityColour, .swatch),
                ("demand P50", demandColour, .line(dash: "6 3")), ("demand P10–P90", demandColour, .swatch),
            ], frame: frame)
        return frame.svg(id: "fan", title: "Capacity against demand, GW of IT power, P10–P90 and P50", inner)
    }

    /// Probability of a shortfall, month by month.
    public static func probability(months: [Month], values: [Double]) -> String {
        let frame = ChartFrame(height: 220, x: (0, Double(max(1, months.count - 1))), y: (0, 1))
        let xs = months.indices.map(Double.init)
        var inner = frame.yAxis(
            ticks: [0, 0.25, 0.5, 0.75, 1], label: { Format.percent($0, decimals: 0) }, title: "P(shortfall)")
        inner += frame.band(xs, low: xs.map { _ in 0 }, high: values, colour: SVG.palette[5], opacity: 0.25)
        inner += frame.line(Array(zip(xs, values)), colour: SVG.palette[5], width: 2)
        inner += frame.xAxis(yearLabels(months))
        return frame.svg(
            id: "shortfall-probability", title: "Probability that some demand goes unserved, by month", inner)
    }

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

    /// One Gantt row: a phase's planned, P50 and P90 online month indices (+infinity: never) and P(cancelled).
    public struct GanttRow: Sendable {
        /// The phase.
        public var name: String
        /// Planned, P50 and P90 online month indices.
        public var planned: Double, p50: Double, p90: Double
        /// Probability it never comes online.
        public var cancelled: Double

        /// Creates a row.
        public init(name: String, planned: Double, p50: Double, p90: Double, cancelled: Double) {
            self.name = name
            self.planned = planned
            self.p50 = p50
            self.p90 = p90
            self.cancelled = cancelled
        }
    }

    /// Phases: planned month (diamond), slip to P50 (thick bar) and on to P90 (thin bar).
    public static func gantt(months: [Month], rows: [GanttRow]) -> String {
        let rowHeight = 16.0
        let height = 68 + rowHeight * Double(rows.count)
        let end = Double(months.count)
        let labels = rows.map {
            $0.name + ($0.cancelled >= 0.005 ? " (\(Format.percent($0.cancelled, decimals: 0)) cancel)" : "")
        }
        let frame = ChartFrame(
            height: height, left: labelWidth(labels), top: 40, bottom: 28, x: (0, end), y: (0, Double(rows.count)))
        var inner = ""
        for (value, label) in yearLabels(months) {
            let x = SVG.number(frame.x(value))
            inner += SVG.element(
                "line",
                [
                    ("x1", x), ("x2", x), ("y1", SVG.number(frame.top)), ("y2", SVG.number(height - frame.bottom)),
                    ("class", "grid"),
                ])
            inner += SVG.text(
                "text",
                [
                    ("x", x), ("y", SVG.number(height - frame.bottom + 16)), ("class", "tick"),
                    ("text-anchor", "middle"),
                ], label)
            inner += SVG.text(
                "text", [("x", x), ("y", SVG.number(frame.top - 4)), ("class", "tick"), ("text-anchor", "middle")],
                label)
        }
        let clamp = { (v: Double) in min(max(v, 0), end) }
        for (i, row) in rows.enumerated() {
            let y = frame.top + rowHeight * Double(i) + rowHeight / 2
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(frame.left - 6)), ("y", SVG.number(y)), ("class", "tick"), ("text-anchor", "end"),
                    ("dy", "0.32em"),
                ],
                labels[i])
            let planned = clamp(row.planned)
            let p50 = row.p50.isFinite ? clamp(row.p50) : end
            let p90 = row.p90.isFinite ? clamp(row.p90) : end
            if !row.p50.isFinite {
                // More than half the paths never bring it online: a dashed line to the horizon's end, not a slip.
                inner += SVG.element(
                    "line",
                    [
                        ("x1", SVG.number(frame.x(planned))), ("x2", SVG.number(frame.x(end))), ("y1", SVG.number(y)),
                        ("y2", SVG.number(y)), ("stroke", "#666666"), ("stroke-width", "2"),
                        ("stroke-dasharray", "4 3"),
                    ], SVG.text("title", [], "\(row.name): never online on most paths"))
                inner += SVG.text(
                    "text",
                    [
                        ("x", SVG.number(frame.x(end) - 4)), ("y", SVG.number(y - 3)), ("class", "tick"),
                        ("text-anchor", "end"),
                    ],
                    "never (P50)")
            } else {
                inner += SVG.element(
                    "rect",
                    [
                        ("x", SVG.number(frame.x(p50))), ("y", SVG.number(y - 1.5)),
                        ("width", SVG.number(max(1, frame.x(p90) - frame.x(p50)))), ("height", "3"),
                        ("fill", row.p90.isFinite ? SVG.palette[1] : "#666666"),
                    ], SVG.text("title", [], row.p90.isFinite ? "\(row.name): P50 → P90" : "\(row.name): P90 never"))
                inner += SVG.element(
                    "rect",
                    [
                        ("x", SVG.number(frame.x(planned))), ("y", SVG.number(y - 5)),
                        ("width", SVG.number(max(1.5, frame.x(p50) - frame.x(planned)))), ("height", "10"),
                        ("fill", SVG.palette[0]),
                    ], SVG.text("title", [], "\(row.name): planned → P50"))
            }
            let px = frame.x(planned)
            inner += SVG.element(
                "path", [("d", "M\(SVG.number(px)) \(SVG.number(y - 6)) l5 6 l-5 6 l-5 -6 Z"), ("fill", "#000000")])
        }
        inner += legend(
            [
                ("planned", "#000000", .swatch), ("slip to P50", SVG.palette[0], .swatch),
                ("P50 to P90", SVG.palette[1], .swatch),
                ("never (cancelled)", "#666666", .line(dash: "4 3")),
            ],
            frame: frame)
        return frame.svg(id: "gantt", title: "Campus phases: planned, P50 and P90 online months", inner)
    }

    /// The tornado: each driver's Spearman rank correlation with total unserved demand.
    public static func tornado(_ drivers: [(name: String, correlation: Double)]) -> String {
        let rowHeight = 20.0
        let frame = ChartFrame(
            height: 50 + rowHeight * Double(max(1, drivers.count)), left: labelWidth(drivers.map(\.name)), top: 12,
            bottom: 34, x: (-1, 1),
            y: (0, Double(max(1, drivers.count))))
        var inner = ""
        for t in [-1.0, -0.5, 0, 0.5, 1] {
            let x = SVG.number(frame.x(t))
            inner += SVG.element(
                "line",
                [
                    ("x1", x), ("x2", x), ("y1", SVG.number(frame.top)),
                    ("y2", SVG.number(frame.height - frame.bottom)), ("class", t == 0 ? "axis" : "grid"),
                ])
            inner += SVG.text(
                "text",
                [
                    ("x", x), ("y", SVG.number(frame.height - frame.bottom + 16)), ("class", "tick"),
                    ("text-anchor", "middle"),
                ], Format.grouped(t, decimals: 1))
        }
        for (i, driver) in drivers.enumerated() {
            let y = frame.top + rowHeight * Double(i)
            let x0 = frame.x(min(0, driver.correlation))
            let x1 = frame.x(max(0, driver.correlation))
            inner += SVG.element(
                "rect",
                [
                    ("x", SVG.number(x0)), ("y", SVG.number(y + 3)), ("width", SVG.number(max(1, x1 - x0))),
                    ("height", SVG.number(rowHeight - 6)),
                    ("fill", driver.correlation >= 0 ? SVG.palette[5] : SVG.palette[2]),
                ], SVG.text("title", [], "\(driver.name): ρ = \(Format.grouped(driver.correlation, decimals: 3))"))
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(frame.left - 6)), ("y", SVG.number(y + rowHeight / 2)), ("class", "tick"),
                    ("text-anchor", "end"), ("dy", "0.32em"),
                ],
                driver.name)
        }
        inner += SVG.text(
            "text",
            [
                ("x", SVG.number(frame.x(0))), ("y", SVG.number(frame.height - 4)), ("class", "axis-title"),
                ("text-anchor", "middle"),
            ],
            "Spearman ρ with total unserved MW-months (right: more unserved demand)")
        return frame.svg(id: "tornado", title: "Drivers of unserved demand", inner)
    }

    /// Horizontal bars, one per category (structures), labelled with their formatted values.
    public static func bars(
        id: String, title: String, _ values: [(name: String, value: Double)], format: (Double) -> String
    ) -> String {
        let rowHeight = 26.0
        let top = max(values.map(\.value).max() ?? 0, 1)
        let frame = ChartFrame(
            width: 430, height: 24 + rowHeight * Double(max(1, values.count)), left: 90, right: 90, top: 10, bottom: 14,
            x: (0, top), y: (0, 1))
        var inner = ""
        for (i, entry) in values.enumerated() {
            let y = frame.top + rowHeight * Double(i)
            let width = max(1, frame.x(max(0, entry.value)) - frame.left)
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(frame.left - 6)), ("y", SVG.number(y + rowHeight / 2)), ("class", "tick"),
                    ("text-anchor", "end"), ("dy", "0.32em"),
                ],
                entry.name)
            inner += SVG.element(
                "rect",
                [
                    ("x", SVG.number(frame.left)), ("y", SVG.number(y + 4)), ("width", SVG.number(width)),
                    ("height", SVG.number(rowHeight - 8)), ("fill", SVG.palette[i % SVG.palette.count]),
                ])
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(frame.left + width + 4)), ("y", SVG.number(y + rowHeight / 2)), ("class", "tick"),
                    ("dy", "0.32em"),
                ],
                format(entry.value))
        }
        return frame.svg(id: id, title: title, inner)
    }
}
