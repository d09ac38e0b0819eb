import HeadroomModel

extension ScenarioWriter {
    /// One offer, keys in the documented order, defaults (`min_lots: 0`, `lead_time_months: 0`, …) left out.
    static func offer(_ o: Offer) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("id", word(o.id.rawValue))]
        if let name = o.name { pairs.append(("name", .string(name))) }
        pairs += [("provider", word(o.provider.rawValue)), ("lot_mw", .number(o.lotMW))]
        if o.minimumLots != 0 { pairs.append(("min_lots", .integer(o.minimumLots))) }
        pairs += [("max_lots", .integer(o.maximumLots)), ("starts", starts(o.starts))]
        if o.leadTimeMonths != 0 { pairs.append(("lead_time_months", .integer(o.leadTimeMonths))) }
        if o.delayMonths != .fixed(0) { pairs.append(("delay_months", DistributionText.tree(o.delayMonths))) }
        if o.rampMonths != 0 { pairs.append(("ramp_months", .number(o.rampMonths))) }
        if let term = o.termMonths { pairs.append(("term_months", .integer(term))) }
        switch o.price {
        case .perMWMonth(let amount): pairs.append(("price_usd_per_mw_month", .number(amount)))
        case .perAcceleratorHour(let amount): pairs.append(("price_usd_per_accelerator_hour", .number(amount)))
        case .totalValue(let amount): pairs.append(("total_value_usd_per_lot", .number(amount)))
        }
        pairs.append(("take_or_pay", .number(o.takeOrPayFraction)))
        if let workloads = o.workloads { pairs.append(("workloads", ids(workloads))) }
        if let accelerator = o.accelerator { pairs.append(("accelerator", word(accelerator.rawValue))) }
        if let region = o.region { pairs.append(("region", word(region.rawValue))) }
        if let holder = o.countsAsHolder { pairs.append(("counts_as_holder", .bool(holder))) }
        return .map(pairs)
    }

    /// Start months: `{earliest, latest, step_months}` when there are three or more, evenly spaced; else a list.
    private static func starts(_ months: [Month]) -> OutputTree {
        if months.count >= 3, let first = months.first, let last = months.last {
            let step = months[1].months(since: first)
            let even = step >= 1 && zip(months, months.dropFirst()).allSatisfy { $1.months(since: $0) == step }
            if even {
                return .map([
                    ("earliest", word(first.description)), ("latest", word(last.description)),
                    ("step_months", .integer(step)),
                ])
            }
        }
        return .list(months.map { word($0.description) })
    }

    /// The optimizer's settings; a setting at its default is left out (so the defaults give `optimization: {}`).
    ///
    /// A per-workload penalty or per-provider share is written as a mapping in the scenario's order. When settings
    /// built in code have both such entries and a default other than the format's (2e6, no share limit), which a
    /// file cannot state, the mapping lists every workload or provider of the scenario, which means the same.
    static func optimization(_ o: OptimizationSettings, in scenario: Scenario) -> OutputTree {
        var pairs: [(String, OutputTree)] = []
        let penaltyDefault = OptimizationSettings().defaultPenaltyUSDPerMWMonth
        if o.penaltyUSDPerMWMonth.isEmpty {
            if o.defaultPenaltyUSDPerMWMonth != penaltyDefault {
                pairs.append(("penalty_usd_per_mw_month", .number(o.defaultPenaltyUSDPerMWMonth)))
            }
        } else {
            let fill: Double? = o.defaultPenaltyUSDPerMWMonth == penaltyDefault ? nil : o.defaultPenaltyUSDPerMWMonth
            let values = byID(o.penaltyUSDPerMWMonth, order: scenario.workloads.map(\.id), fill: fill)
            pairs.append(("penalty_usd_per_mw_month", values))
        }
        appendList(
            &pairs, "caps",
            o.caps.map { cap in
                switch cap.measure {
                case .expected:
                    return word(cap.cap.rawValue)
                case .cvar(let alpha):
                    return .map([("cap", word(cap.cap.rawValue)), ("on", word("cvar")), ("alpha", .number(alpha))])
                }
            })
        if o.maximumProviderShare.isEmpty {
            if let share = o.defaultMaximumProviderShare { pairs.append(("max_provider_share", .number(share))) }
        } else {
            let values = byID(
                o.maximumProviderShare, order: scenario.providers.map(\.id), fill: o.defaultMaximumProviderShare)
            pairs.append(("max_provider_share", values))
        }
        return .map(pairs)
    }

    /// A mapping id → number in `order` (ids not in it last, sorted); with `fill`, every id of `order` is listed.
    private static func byID<Entity>(
        _ values: [Identifier<Entity>: Double], order: [Identifier<Entity>], fill: Double?
    ) -> OutputTree {
        var pairs: [(String, OutputTree)] = []
        for id in order {
            if let value = values[id] ?? fill { pairs.append((id.rawValue, .number(value))) }
        }
        let known = Set(order)
        for id in values.keys.filter({ !known.contains($0) }).sorted(by: { $0.rawValue < $1.rawValue }) {
            if let value = values[id] { pairs.append((id.rawValue, .number(value))) }
        }
        return .map(pairs)
    }
}
