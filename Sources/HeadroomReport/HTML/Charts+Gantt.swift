import HeadroomModel

extension Charts {
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
}
