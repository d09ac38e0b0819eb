import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

extension HTMLReport {
    func headline() -> String {
        let h = result.headlineFigures
        let u = result.unservedQuantiles
        let s = result.spendQuantiles
        var cards = [
            card(
                "P(some month short)", Format.percent(h.probabilityOfAnyShortfall.value),
                "± \(Format.percent(h.probabilityOfAnyShortfall.standardError, decimals: 2)) SE"),
            card(
                "unserved demand, MW-months", Format.grouped(h.expectedUnservedMWMonths.value),
                "P50 \(Format.grouped(u.p50)); P10–P90 \(Format.grouped(u.p10))–\(Format.grouped(u.p90)); "
                    + "± \(Format.grouped(h.expectedUnservedMWMonths.standardError)) SE"),
            card(
                "largest monthly shortfall, MW", Format.grouped(h.expectedPeakShortfallMW.value),
                "expected; ± \(Format.grouped(h.expectedPeakShortfallMW.standardError)) SE"),
            card(
                "total spend \(result.months.first?.description ?? "")–\(result.months.last?.description ?? "")",
                Format.usd(result.spendEstimate.value),
                "P50 \(Format.usd(s.p50)); P10–P90 \(Format.usd(s.p10))–\(Format.usd(s.p90)); "
                    + "± \(Format.usd(result.spendEstimate.standardError)) SE"),
        ]
        for cap in result.caps {
            cards.append(
                card(
                    "P(spend > \(cap.id) \(Format.usd(cap.usd)))", Format.percent(cap.probabilityExceeded.value),
                    "spend P50 \(Format.usd(cap.spendQuantiles.p50)), P90 \(Format.usd(cap.spendQuantiles.p90))"
                        + (cap.truncated ? "; window beyond horizon" : "")))
        }
        return section(
            "headline", "Headline",
            "Expected values (means) over \(Format.grouped(Double(result.paths))) correlated paths, with medians (P50), "
                + "P10–P90 ranges and standard errors (SE). "
                + "Power is IT MW (critical IT load); money is nominal USD; budget caps count payments for capacity.",
            SVG.element("div", [("class", "cards")], cards.joined()))
    }

    /// Plain-language findings read off the figures: when shortfall becomes likely, what drives it, which caps are
    /// at risk, and what the deal structures change.
    func findings() -> [String] {
        var out: [String] = []
        let p = result.probabilities
        // The first month from which P(shortfall) stays above one half.
        if let t = p.indices.first(where: { t in p[t...].allSatisfy { $0 > 0.5 } }), let month = result.months[safe: t]
        {
            out.append(
                "A shortfall becomes more likely than not from \(month) and stays so: by \(result.months.last?.description ?? "") "
                    + "the median shortfall is \(Format.grouped((quantile(result.shortfallStatistic, 0.5).last ?? 0) / 1000, decimals: 1)) GW."
            )
        } else if let peak = p.indices.max(by: { p[$0] < p[$1] }), let month = result.months[safe: peak] {
            out.append("P(shortfall) peaks at \(Format.percent(p[peak])) in \(month).")
        }
        if let top = result.drivers.first, abs(top.rankCorrelation) >= 0.1 {
            out.append(
                "The strongest driver of unserved demand is \(top.name) (Spearman ρ \(Format.grouped(top.rankCorrelation, decimals: 2)))"
                    + (result.drivers.dropFirst().first.map { ", then \($0.name)" } ?? "") + ".")
        }
        for cap in result.caps where cap.probabilityExceeded.value >= 0.5 {
            out.append(
                "Budget \(cap.id) (\(Format.usd(cap.usd))) is exceeded with probability \(Format.percent(cap.probabilityExceeded.value)); "
                    + "median spend in its window \(Format.usd(cap.spendQuantiles.p50)).")
        }
        if let structures, let base = structures.runs.first {
            for run in structures.runs.dropFirst() {
                let unserved =
                    run.result.headlineFigures.expectedUnservedMWMonths.value
                    - base.result.headlineFigures.expectedUnservedMWMonths.value
                let spend = run.result.spendEstimate.value - base.result.spendEstimate.value
                out.append(
                    "Under \(run.structure.rawValue) rather than \(base.structure.rawValue): "
                        + "\(unserved >= 0 ? "+" : "")\(Format.grouped(unserved)) expected unserved MW-months and "
                        + "\(spend >= 0 ? "+" : "")\(Format.usd(spend)) expected spend.")
            }
        }
        return out
    }

    func capacitySection() -> String {
        let fan = Charts.fan(
            months: result.months,
            demand: (
                quantile(result.demandStatistic, 0.1), quantile(result.demandStatistic, 0.5),
                quantile(result.demandStatistic, 0.9)
            ),
            capacity: (
                quantile(result.capacityStatistic, 0.1), quantile(result.capacityStatistic, 0.5),
                quantile(result.capacityStatistic, 0.9)
            ))
        let probability = Charts.probability(months: result.months, values: result.probabilities)
        return section(
            "capacity", "Will capacity keep up with demand?",
            "Delivered contracted capacity against demand, month by month (bands: 10th to 90th percentile over paths; "
                + "lines: medians). Below: the probability that some demand goes unserved.",
            fan + probability + Self.table(SimulationReport(result: result).monthlyTable()))
    }

    func spendSection() -> String {
        let years = Period.year.groups(result.months)
        // Payments for capacity (what caps count); revenue share is shown with provider exposure.
        let series = result.providers.map { p in
            (name: p.id.rawValue, values: years.map { Aggregation.sum.apply(p.meanCapacityPaymentUSD, $0.indices) })
        }.filter { $0.values.contains { $0 != 0 } }
        let origin = result.months.first?.ordinal ?? 0
        var yearly: [(label: String, usd: Double, name: String)] = []
        var cumulative: [(month: Int, usd: Double, name: String)] = []
        for (k, cap) in facts.scenario.budget.caps.enumerated() where k < result.caps.count && cap.providers == nil {
            let from = cap.from ?? facts.scenario.start
            if from.year == cap.through.year && from.monthOfYear == 1 && cap.through.monthOfYear == 12 {
                yearly.append((String(cap.through.year), cap.usd, cap.id.rawValue))
            } else if from <= facts.scenario.start {
                cumulative.append((cap.through.ordinal - origin, cap.usd, cap.id.rawValue))
            }
        }
        let bars = Charts.stackedBars(labels: years.map(\.label), series: series, caps: yearly)
        let shares = result.months.indices.map { t in result.providers.reduce(0) { $0 + $1.meanRevenueShareUSD[t] } }
        let capacitySpend = zip(result.spendStatistic.mean, shares).map { $0 - $1 }
        let line = Charts.cumulative(months: result.months, spend: capacitySpend, caps: cumulative)
        return section(
            "spend", "What will we spend, with whom?",
            "Expected payments for capacity per year by provider (what budget caps count; revenue-share payments are "
                + "listed with provider exposure), with the yearly all-provider caps; then cumulative payments against the "
                + "cumulative all-provider caps. Caps on some providers only are in the headline and the tables.",
            bars + line + Self.table(ExposureReport(result: result).contractsTable()))
    }

    func phasesSection() -> String {
        let rows = result.phases.sorted { ($0.planned, $0.name) < ($1.planned, $1.name) }.map {
            Charts.GanttRow(
                name: $0.name, planned: $0.planned, p50: $0.p50, p90: $0.p90, cancelled: $0.probabilityCancelled)
        }
        // Inputs that do not vary (ρ undefined) or barely move unserved demand make no bar worth drawing.
        let drivers = result.drivers.filter { $0.rankCorrelation.isFinite && abs($0.rankCorrelation) >= 0.01 }
            .map { (name: $0.name, correlation: $0.rankCorrelation) }
        return section(
            "phases", "Which projects drive the shortfall?",
            "Each phase's planned online month, and its simulated P50 and P90 (correlated delays and risk events); "
                + "then the inputs most rank-correlated with unserved demand.",
            Charts.gantt(months: result.months, rows: rows)
                + (drivers.isEmpty
                    ? SVG.text(
                        "p", [], "No uncertain input moves unserved demand by a rank correlation of 0.01 or more.")
                    : Charts.tornado(drivers)))
    }

    func structuresSection() -> String? {
        guard let structures, !structures.runs.isEmpty else { return nil }
        let unserved = structures.runs.map {
            (name: $0.structure.rawValue, value: $0.result.headlineFigures.expectedUnservedMWMonths.value)
        }
        let spend = structures.runs.map { (name: $0.structure.rawValue, value: $0.result.spendEstimate.value) }
        var content = SVG.element(
            "div", [("class", "pair")],
            SVG.element(
                "figure", [],
                SVG.text("figcaption", [], "Expected unserved MW-months")
                    + Charts.bars(
                        id: "structures-unserved", title: "Expected unserved MW-months by deal structure", unserved,
                        format: { Format.grouped($0) }))
                + SVG.element(
                    "figure", [],
                    SVG.text("figcaption", [], "Expected total spend, USD")
                        + Charts.bars(
                            id: "structures-spend", title: "Expected total spend by deal structure", spend,
                            format: Format.usd)))
        content += Self.table(structures.table())
        if let paired = structures.pairedTable() { content += Self.table(paired) }
        if let own = structures.runs.first(where: { $0.structure == facts.scenario.policy?.structure })
            ?? structures.runs.first
        {
            let exposure = ExposureReport(result: own.result)
            content += Self.table(exposure.table(), caption: "Provider exposure under \(own.structure.rawValue)")
            content += Self.table(exposure.yearlyTable(), caption: "Providers by year under \(own.structure.rawValue)")
        }
        return section(
            "structures", "Deal structures: exclusive, right of first refusal, open market",
            "The policy buys new capacity under each structure on the same paths (common random numbers), from the "
                + "contracts signed by \(facts.scenario.policy?.asOf?.description ?? "the start").",
            content)
    }

    func exposureSection() -> String {
        let exposure = ExposureReport(result: result)
        return section(
            "exposure", "Provider exposure: what each provider earns and risks idle",
            "Signed contracts only. Slow demand: the 20% of paths with the lowest demand draws.",
            Self.table(exposure.table()) + Self.table(exposure.yearlyTable()))
    }

    func assumptionsSection() -> String {
        let s = facts.scenario
        let summary = ScenarioSummary(facts: facts)
        let providers = TextTable(
            title: "Providers",
            headers: ["provider", "kind", "appetite MW/year", "new capacity USD/MW-month", "lead time months"],
            rows: s.providers.map { p in
                [
                    p.id.rawValue, p.kind.rawValue, p.appetiteMWPerYear.map(\.inlineText) ?? "-",
                    p.newCapacityPriceUSDPerMWMonth.map(Format.usd) ?? "-", p.leadTimeMonths.map(\.inlineText) ?? "-",
                ]
            })
        let demand = TextTable(
            title: "Demand (IT MW)", headers: ["workload", "model"],
            rows: s.demand.map { d in
                switch d.growth {
                case .exponential(let start, let initial, let rate):
                    return [
                        d.workload.rawValue,
                        "\(Format.grouped(initial)) MW at \(start), growing at \(rate.inlineText) a year (log)",
                    ]
                case .anchors(let anchors):
                    return [
                        d.workload.rawValue,
                        anchors.map {
                            "\($0.month): \(Format.grouped($0.megawatts)) (σ \(Format.grouped($0.logSigma, decimals: 2)))"
                        }.joined(separator: "; "),
                    ]
                }
            })
        let risks = TextTable(
            title: "Risk register", headers: ["risk", "probability", "effect"],
            rows: s.risks.map { r in
                let effect: String
                switch r.effect {
                case .cancel: effect = "cancels"
                case .delay(let d): effect = "delays " + d.inlineText + " months"
                }
                return [r.id.rawValue, Format.percent(r.probability, decimals: 0), effect]
            })
        let caps = TextTable(
            title: "Budget caps", headers: ["cap", "USD", "window", "providers"],
            rows: s.budget.caps.map { c in
                [
                    c.id.rawValue, Format.usd(c.usd), "\(c.from ?? s.start) – \(c.through)",
                    c.providers?.map(\.rawValue).joined(separator: ", ") ?? "all",
                ]
            })
        var content = Self.table(providers) + Self.table(summary.contractsTable()) + Self.table(demand)
        if !s.risks.isEmpty { content += Self.table(risks) }
        content += SVG.text(
            "p", [],
            "Delay correlation loadings: global \(s.correlation.global), provider \(s.correlation.provider), region \(s.correlation.region)."
        )
        if !s.budget.caps.isEmpty { content += Self.table(caps) }
        if let offers = summary.offersTable() { content += Self.table(offers) }
        return section("assumptions", "Assumptions", "The inputs this report was computed from (\(s.name)).", content)
    }
}
