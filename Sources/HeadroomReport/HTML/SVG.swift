/// A small builder of well-formed SVG (and XHTML) markup: elements with escaped attributes and text.
///
/// Everything the report writes goes through ``SVG/element(_:_:_:)`` or ``SVG/escape(_:)``, so the page parses as
/// XML: tests read it with an XML parser.
public enum SVG {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.append(character)
            // Other C0 controls are not allowed in XML 1.0 at all: they are dropped.
            case _ where character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }): break
            default: out.append(character)
            }
        }
        return out
    }

    /// An element with attributes (in order) and already-built inner markup; empty inner markup self-closes.
    public static func element(_ name: String, _ attributes: [(String, String)] = [], _ inner: String = "") -> String {
        let attributeText = attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
        return inner.isEmpty ? "<\(name)\(attributeText)/>" : "<\(name)\(attributeText)>\(inner)</\(name)>"
    }

    /// An element holding escaped text.
    public static func text(_ name: String, _ attributes: [(String, String)] = [], _ content: String) -> String {
        "<\(name)\(attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined())>\(escape(content))</\(name)>"
    }

    /// A coordinate with at most two decimals.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    /// Colours distinguishable with the common colour-vision deficiencies and in greyscale print (Okabe and Ito),
    /// in the order series take them.
    public static let palette = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999",
    ]

    /// Round tick values covering `low…high`: about `count` steps of 1, 2 or 5 × 10ⁿ.
    public static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard high > low, low.isFinite, high.isFinite else { return [low] }
        let raw = (high - low) / Double(max(1, count))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var values: [Double] = []
        var v = (low / step).rounded(.down) * step
        while v <= high + step * 1e-9 {
            if v >= low - step * 1e-9 { values.append(abs(v) < step * 1e-9 ? 0 : v) }
            v += step
        }
        return values
    }
}

/// A chart's plotting frame: pixel size, margins and linear scales from data to pixels.
struct ChartFrame {
    let width: Double
    let height: Double
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    var xDomain: (Double, Double)
    var yDomain: (Double, Double)

    init(
        width: Double = 880, height: Double = 300, left: Double = 70, right: Double = 20, top: Double = 20,
        bottom: Double = 40, x: (Double, Double), y: (Double, Double)
    ) {
        self.width = width
        self.height = height
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        xDomain = x.1 > x.0 ? x : (x.0, x.0 + 1)
        yDomain = y.1 > y.0 ? y : (y.0, y.0 + 1)
    }

    /// Pixel x of data x.
    func x(_ value: Double) -> Double {
        left + (value - xDomain.0) / (xDomain.1 - xDomain.0) * (width - left - right)
    }

    /// Pixel y of data y.
    func y(_ value: Double) -> Double {
        height - bottom - (value - yDomain.0) / (yDomain.1 - yDomain.0) * (height - top - bottom)
    }

    /// The `<svg>` element around `inner`, with a title for screen readers and a `chart` class the page's
    /// self-check counts.
    func svg(id: String, title: String, _ inner: String) -> String {
        SVG.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("id", id),
                ("viewBox", "0 0 \(SVG.number(width)) \(SVG.number(height))"), ("role", "img"),
                ("aria-label", title),
            ], SVG.text("title", [], title) + inner)
    }

    /// Horizontal grid lines and labels of the y axis, and its title.
    func yAxis(ticks: [Double], label: (Double) -> String, title: String) -> String {
        var out = ""
        for t in ticks {
            let py = SVG.number(y(t))
            out += SVG.element(
                "line",
                [
                    ("x1", SVG.number(left)), ("x2", SVG.number(width - right)), ("y1", py), ("y2", py),
                    ("class", "grid"),
                ])
            out += SVG.text(
                "text",
                [("x", SVG.number(left - 6)), ("y", py), ("class", "tick"), ("text-anchor", "end"), ("dy", "0.32em")],
                label(t))
        }
        let middle = SVG.number((top + height - bottom) / 2)
        out += SVG.text(
            "text",
            [("class", "axis-title"), ("transform", "translate(14 \(middle)) rotate(-90)"), ("text-anchor", "middle")],
            title)
        return out
    }

    /// Labels along the x axis at the given data positions, and the axis line.
    func xAxis(_ labels: [(Double, String)]) -> String {
        var out = SVG.element(
            "line",
            [
                ("x1", SVG.number(left)), ("x2", SVG.number(width - right)), ("y1", SVG.number(height - bottom)),
                ("y2", SVG.number(height - bottom)), ("class", "axis"),
            ])
        for (value, text) in labels {
            out += SVG.text(
                "text",
                [
                    ("x", SVG.number(x(value))), ("y", SVG.number(height - bottom + 16)), ("class", "tick"),
                    ("text-anchor", "middle"),
                ],
                text)
        }
        return out
    }

    /// A polyline through the points (skipping non-finite values).
    func line(_ points: [(Double, Double)], colour: String, width strokeWidth: Double = 2, dash: String? = nil)
        -> String
    {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard !finite.isEmpty else { return "" }
        if finite.count == 1, let point = finite.first {
            return SVG.element(
                "circle",
                [("cx", SVG.number(x(point.0))), ("cy", SVG.number(y(point.1))), ("r", "4"), ("fill", colour)])
        }
        let d = finite.enumerated().map { i, p in (i == 0 ? "M" : "L") + SVG.number(x(p.0)) + " " + SVG.number(y(p.1)) }
            .joined(separator: " ")
        var attributes = [("d", d), ("fill", "none"), ("stroke", colour), ("stroke-width", SVG.number(strokeWidth))]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return SVG.element("path", attributes)
    }

    /// A filled band between `low` and `high` over the x values.
    func band(_ xs: [Double], low: [Double], high: [Double], colour: String, opacity: Double) -> String {
        guard !xs.isEmpty else { return "" }
        let upper = zip(xs, high).map { SVG.number(x($0)) + " " + SVG.number(y($1)) }
        let lower = zip(xs, low).reversed().map { SVG.number(x($0)) + " " + SVG.number(y($1)) }
        let d = "M" + (upper + lower).joined(separator: " L") + " Z"
        return SVG.element(
            "path", [("d", d), ("fill", colour), ("fill-opacity", SVG.number(opacity)), ("stroke", "none")])
    }
}
