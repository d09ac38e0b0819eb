import HeadroomCalibration
import HeadroomModel

extension CalibrationReport {
    /// A standalone SVG: a PIT–uniform QQ plot of every fit (on the diagonal when the family is right) above the
    /// PIT histogram of the chosen one (flat when it is right).
    public func svg() -> String {
        let colours = ["#1f5fa8", "#c0392b", "#2e8b57"]
        let pits = diagnostics
        let qq = ChartFrame(width: 640, height: 360, left: 60, top: 30, bottom: 50, x: (0, 1), y: (0, 1))
        var inner = qq.yAxis(ticks: SVG.ticks(0, 1), label: { Format.grouped($0, decimals: 1) }, title: "fitted PIT")
        inner += qq.xAxis(SVG.ticks(0, 1).map { ($0, Format.grouped($0, decimals: 1)) })
        inner += qq.line([(0, 0), (1, 1)], colour: "#888", width: 1, dash: "4 3")
        for (k, pit) in pits.enumerated() {
            let sorted = pit.values.sorted()
            let n = Double(sorted.count)
            let points = sorted.enumerated().map { ((Double($0) + 0.5) / n, $1) }
            let colour = colours[k % colours.count]
            inner += qq.line(points, colour: colour)
            for (x, y) in points {
                inner += SVG.element(
                    "circle", [("cx", SVG.number(qq.x(x))), ("cy", SVG.number(qq.y(y))), ("r", "3"), ("fill", colour)])
            }
            let label =
                "\(fits[k].family.rawValue): AIC \(Format.grouped(fits[k].aic, decimals: 1)), KS p "
                + Format.grouped(pit.pValue, decimals: 2)
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(qq.left + 10)), ("y", SVG.number(qq.top + 16 + 16 * Double(k))),
                    ("fill", colour), ("class", "tick"),
                ], label)
        }
        inner += SVG.text(
            "text",
            [
                ("x", SVG.number(qq.width / 2)), ("y", SVG.number(qq.height - 12)), ("class", "axis-title"),
                ("text-anchor", "middle"),
            ], "uniform quantile")
        var histogram = ""
        if let pit = pits.first {
            let counts = pit.histogram(bins: 10)
            let top = Double(max(1, counts.max() ?? 1))
            let frame = ChartFrame(width: 640, height: 220, left: 60, top: 20, bottom: 40, x: (0, 1), y: (0, top))
            // Counts are whole numbers: only whole ticks.
            let ticks = SVG.ticks(0, top).filter { $0 == $0.rounded() }
            histogram += frame.yAxis(ticks: ticks, label: { Format.grouped($0) }, title: "slips per tenth")
            histogram += frame.xAxis(SVG.ticks(0, 1).map { ($0, Format.grouped($0, decimals: 1)) })
            for (i, count) in counts.enumerated() {
                let x0 = frame.x(Double(i) / 10) + 1
                let x1 = frame.x(Double(i + 1) / 10) - 1
                histogram += SVG.element(
                    "rect",
                    [
                        ("x", SVG.number(x0)), ("y", SVG.number(frame.y(Double(count)))),
                        ("width", SVG.number(x1 - x0)), ("height", SVG.number(frame.y(0) - frame.y(Double(count)))),
                        ("fill", colours[0]), ("fill-opacity", "0.7"),
                    ])
            }
            let expected = Double(pit.values.count) / 10
            histogram += frame.line([(0, expected), (1, expected)], colour: "#888", width: 1, dash: "4 3")
            histogram += SVG.text(
                "text", [("x", SVG.number(frame.left)), ("y", SVG.number(frame.top - 6)), ("class", "tick")],
                "PIT of the chosen fit (\(fits[0].family.rawValue)); dashed: a uniform PIT")
            histogram = SVG.element("g", [("transform", "translate(0 365)")], histogram)
        }
        let style = SVG.element(
            "style", [],
            ".grid{stroke:#ddd}.axis{stroke:#444}.tick{font:12px sans-serif;fill:#333}"
                + ".axis-title{font:13px sans-serif;fill:#222}")
        return SVG.element(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 640 590"), ("role", "img"),
                ("aria-label", "Calibration diagnostics at \(table.asOf)"),
            ],
            SVG.text("title", [], "Calibration diagnostics at \(table.asOf)") + style
                + SVG.element("rect", [("width", "640"), ("height", "590"), ("fill", "white")]) + inner + histogram)
            + "\n"
    }
}
