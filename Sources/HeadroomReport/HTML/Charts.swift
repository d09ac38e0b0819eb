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
        capacity: (p10: [Double], p50: [Double], p90: [Double]), id: String = "fan",
        title: String = "Capacity against demand, GW of IT power, P10–P90 and P50"
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
        return frame.svg(id: id, title: title, inner)
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
}
