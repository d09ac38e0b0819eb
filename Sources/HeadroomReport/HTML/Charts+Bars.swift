extension Charts {
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
