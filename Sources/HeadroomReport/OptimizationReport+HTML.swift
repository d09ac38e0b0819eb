import HeadroomAnalysis
import HeadroomModel
import HeadroomOptimize

extension OptimizationReport {
    /// The report's optimization section: the plan, the before/after fan charts, the frontier and the constraints'
    /// marginal values (an HTML `<section>`, for ``HTMLReport``).
    public func htmlSection() -> String {
        var content = HTMLReport.table(planTable())
        content += HTMLReport.table(summaryTable())
        if let evaluation = outcome.evaluation, evaluation.rows.count >= 2 {
            let months = plan.months
            for (row, id) in zip(evaluation.rows.prefix(2), ["fan-signed", "fan-plan"]) {
                content += SVG.text(
                    "h3", [], id == "fan-signed" ? "Before: the signed contracts alone" : "After: with the plan")
                content += Charts.fan(
                    months: months, demand: (row.demandFan.p10, row.demandFan.p50, row.demandFan.p90),
                    capacity: (row.capacityFan.p10, row.capacityFan.p50, row.capacityFan.p90), id: id,
                    title: "\(row.name): capacity against demand, GW of IT power, P10–P90 and P50")
            }
            if let table = evaluationTable() { content += HTMLReport.table(table) }
            if let table = valueTable() { content += HTMLReport.table(table) }
        }
        content += HTMLReport.table(constraintTable())
        if outcome.frontier.count >= 2 { content += Self.frontierChart(outcome.frontier) }
        if let table = alternativesTable() { content += HTMLReport.table(table) }
        content += HTMLReport.table(commitmentTable())
        return SVG.element(
            "section", [("id", "optimization")],
            SVG.text("h2", [], "Which offers to sign")
                + SVG.text(
                    "p", [("class", "lead")],
                    "A two-stage stochastic program over \(plan.paths) simulated paths, decided \(plan.decisionMonth): "
                        + "what to sign to meet demand at least expected cost plus the penalty of unserved demand, "
                        + "judged on fresh paths against the signed contracts alone and the plan made on medians.")
                + content)
    }

    /// Expected spend against expected unserved MW-months, one point per frontier penalty.
    static func frontierChart(_ points: [FrontierPoint]) -> String {
        let sorted = points.sorted { $0.unservedMWMonths < $1.unservedMWMonths }
        let maxX = max(1, sorted.map(\.unservedMWMonths).max() ?? 1) * 1.05
        let spends = sorted.map(\.spendUSD)
        let low = (spends.min() ?? 0) * 0.95
        let high = max(low + 1, (spends.max() ?? 1) * 1.05)
        let ticks = SVG.ticks(low, high)
        var frame = ChartFrame(
            left: 80, bottom: 56, x: (0, maxX), y: (ticks.first ?? low, max(high, ticks.last ?? high)))
        frame.yDomain = (min(low, ticks.first ?? low), max(high, ticks.last ?? high))
        let colour = SVG.palette[0]
        var inner = frame.yAxis(ticks: ticks, label: { Format.usd($0) }, title: "expected spend")
        inner += frame.line(sorted.map { ($0.unservedMWMonths, $0.spendUSD) }, colour: colour, width: 2)
        // Points that coincide (the same plan for several penalties) share one dot and one label.
        var groups: [(point: FrontierPoint, labels: [String])] = []
        for point in sorted {
            let label =
                point.penaltyMultiplier.map { "×\(Format.grouped($0, decimals: 2))" }
                ?? Format.usd(point.penaltyUSDPerMWMonth)
            if let last = groups.last, abs(last.point.unservedMWMonths - point.unservedMWMonths) < 1e-6 * maxX,
                abs(last.point.spendUSD - point.spendUSD) < 1e-6 * high
            {
                groups[groups.count - 1].labels.append(label)
            } else {
                groups.append((point, [label]))
            }
        }
        for (point, labels) in groups {
            inner += SVG.element(
                "circle",
                [
                    ("cx", SVG.number(frame.x(point.unservedMWMonths))), ("cy", SVG.number(frame.y(point.spendUSD))),
                    ("r", "4"), ("fill", colour),
                ])
            inner += SVG.text(
                "text",
                [
                    ("x", SVG.number(frame.x(point.unservedMWMonths) + 6)),
                    ("y", SVG.number(frame.y(point.spendUSD) - 6)), ("class", "legend"),
                ], labels.joined(separator: ", "))
        }
        inner += SVG.text(
            "text",
            [
                ("x", SVG.number((frame.left + frame.width - frame.right) / 2)), ("y", SVG.number(frame.height - 8)),
                ("text-anchor", "middle"), ("class", "legend"),
            ], "expected unserved MW-months (labels: the penalty each plan was made with)")
        let xTicks = SVG.ticks(0, maxX).map { ($0, Format.grouped($0)) }
        inner += frame.xAxis(xTicks)
        return frame.svg(
            id: "frontier", title: "Frontier: expected spend against expected unserved MW-months, by penalty", inner)
    }
}
