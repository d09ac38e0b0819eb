import HeadroomModel

/// Writes scenarios in the scenario format, as YAML or JSON, so that ``ScenarioReader`` reads them back equal.
///
/// The output is canonical: keys in the documented order, `end` (never `months`), distributions in their inline form
/// (a plain number for `fixed`), numbers in their shortest form that reads back bit-identical, and keys whose value
/// equals the documented default (`ramp_months: 0`, `delay_months: 0`, …) left out.
///
/// YAML 1.1 readers (PyYAML's `safe_load`) and YAML 1.2 readers read the output alike: numbers are integers, plain
/// decimals or `2.5e+15`-style floats (a dot and a signed exponent), and words that either would read as a number,
/// boolean, null or date are quoted.
public enum ScenarioWriter {
    /// The scenario as block-style YAML.
    ///
    /// - Parameter scenario: The scenario to write.
    /// - Returns: YAML text ending with a newline.
    public static func yaml(_ scenario: Scenario) -> String {
        tree(scenario).yaml()
    }

    /// The scenario as pretty-printed JSON.
    ///
    /// - Parameter scenario: The scenario to write.
    /// - Returns: JSON text ending with a newline.
    public static func json(_ scenario: Scenario) -> String {
        tree(scenario).json()
    }

    /// One campus as an entry of the top-level `campuses:` list, exactly as ``yaml(_:)`` writes it there.
    ///
    /// The lines are indented as under a top-level key (`  - id: …`), so that entries can be inserted into an
    /// existing scenario's list or written after a comment.
    ///
    /// - Parameter campus: The campus to write.
    /// - Returns: YAML lines ending with a newline.
    public static func yamlEntry(_ campus: Campus) -> String {
        OutputTree.yamlItems([self.campus(campus)], indent: 2)
    }

    /// One provider as an entry of the top-level `providers:` list, exactly as ``yaml(_:)`` writes it there.
    ///
    /// - Parameter provider: The provider to write.
    /// - Returns: YAML lines ending with a newline.
    public static func yamlEntry(_ provider: Provider) -> String {
        OutputTree.yamlItems([self.provider(provider)], indent: 2)
    }

    /// One accelerator generation as an entry of the top-level `accelerators:` list, exactly as ``yaml(_:)`` writes
    /// it there.
    ///
    /// - Parameter accelerator: The accelerator to write.
    /// - Returns: YAML lines ending with a newline.
    public static func yamlEntry(_ accelerator: Accelerator) -> String {
        OutputTree.yamlItems([self.accelerator(accelerator)], indent: 2)
    }

    /// One region as an entry of the top-level `regions:` list, exactly as ``yaml(_:)`` writes it there.
    ///
    /// - Parameter region: The region to write.
    /// - Returns: YAML lines ending with a newline.
    public static func yamlEntry(_ region: Region) -> String {
        OutputTree.yamlItems([named(region.id.rawValue, region.name)], indent: 2)
    }

    /// The document tree of a scenario.
    static func tree(_ s: Scenario) -> OutputTree {
        var top: [(String, OutputTree)] = [("headroom", .integer(1)), ("name", .string(s.name))]
        if let description = s.description { top.append(("description", .string(description))) }
        top += [("start", word(s.start.description)), ("end", word(s.end.description))]
        if let rate = s.discountRate { top.append(("discount_rate", .number(rate))) }
        top.append(("workloads", .list(s.workloads.map { named($0.id.rawValue, $0.name) })))
        appendList(&top, "accelerators", s.accelerators.map(accelerator))
        top.append(("providers", .list(s.providers.map(provider))))
        appendList(&top, "regions", s.regions.map { named($0.id.rawValue, $0.name) })
        appendList(&top, "campuses", s.campuses.map(campus))
        appendList(&top, "contracts", s.contracts.map(contract))
        if s.clauses != Clauses.none { top.append(("clauses", clauses(s.clauses))) }
        top.append(("demand", .list(s.demand.map(demand))))
        appendList(&top, "risks", s.risks.map(risk))
        if s.correlation != .independent {
            let c = s.correlation
            top.append(
                (
                    "correlation",
                    .map([
                        ("global", .number(c.global)), ("provider", .number(c.provider)),
                        ("region", .number(c.region)),
                    ])
                ))
        }
        appendList(&top, "budget", s.budget.caps.map(budgetCap))
        if let policy = s.policy { top.append(("policy", self.policy(policy))) }
        appendList(&top, "offers", s.offers.map(offer))
        if let settings = s.optimization { top.append(("optimization", optimization(settings, in: s))) }
        return .map(top)
    }

    /// A word (id, month, enumeration value), quoted when some YAML reader would read it plain as something other
    /// than that string (`2026`, `1e3`, `on`, `2026-01-01`); months such as `2026-03` stay plain.
    static func word(_ text: String) -> OutputTree {
        ScalarSyntax.isAmbiguousPlain(text) ? .string(text) : .word(text)
    }

    static func appendList(_ pairs: inout [(String, OutputTree)], _ key: String, _ items: [OutputTree]) {
        if !items.isEmpty { pairs.append((key, .list(items))) }
    }

    private static func named(_ id: String, _ name: String?) -> OutputTree {
        guard let name else { return word(id) }
        return .map([("id", word(id)), ("name", .string(name))])
    }

    static func ids<Entity>(_ ids: [Identifier<Entity>]) -> OutputTree {
        .list(ids.map { word($0.rawValue) })
    }

    private static func accelerator(_ a: Accelerator) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("id", word(a.id.rawValue))]
        if let name = a.name { pairs.append(("name", .string(name))) }
        if let from = a.availableFrom { pairs.append(("available_from", word(from.description))) }
        pairs += [("it_watts_per_accelerator", .number(a.itWattsPerAccelerator)), ("bf16_flops", .number(a.bf16Flops))]
        if let fp8 = a.fp8Flops { pairs.append(("fp8_flops", .number(fp8))) }
        if let price = a.priceUSD { pairs.append(("price_usd", .number(price))) }
        if let life = a.lifeYears { pairs.append(("life_years", .number(life))) }
        return .map(pairs)
    }

    private static func provider(_ p: Provider) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("id", word(p.id.rawValue))]
        if let name = p.name { pairs.append(("name", .string(name))) }
        pairs.append(("kind", word(p.kind.rawValue)))
        if let appetite = p.appetiteMWPerYear {
            pairs.append(("appetite_mw_per_year", DistributionText.tree(appetite)))
        }
        if let price = p.newCapacityPriceUSDPerMWMonth {
            pairs.append(("new_capacity_price_usd_per_mw_month", .number(price)))
        }
        if let lead = p.leadTimeMonths { pairs.append(("lead_time_months", DistributionText.tree(lead))) }
        return .map(pairs)
    }

    private static func campus(_ c: Campus) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("id", word(c.id.rawValue))]
        if let name = c.name { pairs.append(("name", .string(name))) }
        pairs.append(("provider", word(c.provider.rawValue)))
        if let region = c.region { pairs.append(("region", word(region.rawValue))) }
        pairs += [("pue", .number(c.pue)), ("phases", .list(c.phases.map(phase)))]
        return .map(pairs)
    }

    private static func phase(_ p: Phase) -> OutputTree {
        var pairs: [(String, OutputTree)] = [
            ("id", word(p.id.rawValue)), (p.basis == .it ? "it_mw" : "facility_mw", .number(p.megawatts)),
        ]
        if let accelerator = p.accelerator { pairs.append(("accelerator", word(accelerator.rawValue))) }
        pairs.append(("planned", word(p.plannedOnline.description)))
        appendSchedule(&pairs, ramp: p.rampMonths, delay: p.delayMonths)
        return .map(pairs)
    }

    private static func appendSchedule(_ pairs: inout [(String, OutputTree)], ramp: Double, delay: Distribution) {
        if ramp != 0 { pairs.append(("ramp_months", .number(ramp))) }
        if delay != .fixed(0) { pairs.append(("delay_months", DistributionText.tree(delay))) }
    }

    private static func contract(_ c: Contract) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("id", word(c.id.rawValue))]
        if let name = c.name { pairs.append(("name", .string(name))) }
        pairs.append(("provider", word(c.provider.rawValue)))
        if let signed = c.signed { pairs.append(("signed", word(signed.description))) }
        if let end = c.end { pairs.append(("end", word(end.description))) }
        switch c.coverage {
        case .phases(let references): pairs.append(("phases", .list(references.map { word($0.description) })))
        case .blocks(let blocks): pairs.append(("blocks", .list(blocks.map(block))))
        }
        switch c.price {
        case .perMWMonth(let amount): pairs.append(("price_usd_per_mw_month", .number(amount)))
        case .perAcceleratorHour(let amount): pairs.append(("price_usd_per_accelerator_hour", .number(amount)))
        case .totalValue(let amount): pairs.append(("total_value_usd", .number(amount)))
        }
        pairs.append(("take_or_pay", .number(c.takeOrPayFraction)))
        if let workloads = c.workloads { pairs.append(("workloads", ids(workloads))) }
        if c.latePenaltyUSDPerMWMonth != 0 {
            pairs.append(("late_penalty_usd_per_mw_month", .number(c.latePenaltyUSDPerMWMonth)))
        }
        if c.lateCreditCap != Contract.defaultLateCreditCap {
            pairs.append(("late_credit_cap", .number(c.lateCreditCap)))
        }
        return .map(pairs)
    }

    private static func block(_ b: Block) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("mw", .number(b.megawatts)), ("from", word(b.from.description))]
        if let months = b.months { pairs.append(("months", .integer(months))) }
        if let accelerator = b.accelerator { pairs.append(("accelerator", word(accelerator.rawValue))) }
        if let region = b.region { pairs.append(("region", word(region.rawValue))) }
        appendSchedule(&pairs, ramp: b.rampMonths, delay: b.delayMonths)
        return .map(pairs)
    }

    private static func window(_ pairs: inout [(String, OutputTree)], _ from: Month?, _ until: Month?) {
        if let from { pairs.append(("from", word(from.description))) }
        if let until { pairs.append(("until", word(until.description))) }
    }

    private static func clauses(_ c: Clauses) -> OutputTree {
        var pairs: [(String, OutputTree)] = []
        if let rofr = c.rightOfFirstRefusal {
            var inner: [(String, OutputTree)] = [("holder", word(rofr.holder.rawValue))]
            if let workloads = rofr.workloads { inner.append(("workloads", ids(workloads))) }
            if rofr.responseWindowMonths != 0 {
                inner.append(("response_window_months", .number(rofr.responseWindowMonths)))
            }
            window(&inner, rofr.from, rofr.until)
            pairs.append(("rofr", .map(inner)))
        }
        appendList(
            &pairs, "exclusivity",
            c.exclusivity.map { e in
                var inner: [(String, OutputTree)] = [
                    ("holder", word(e.holder.rawValue)), ("workloads", ids(e.workloads)),
                ]
                window(&inner, e.from, e.until)
                return .map(inner)
            })
        appendList(
            &pairs, "revenue_share",
            c.revenueShares.map { r in
                var inner: [(String, OutputTree)] = [
                    ("to", word(r.to.rawValue)), ("fraction", .number(r.fraction)),
                    ("revenue_usd_per_served_mw_month", .number(r.revenueUSDPerServedMWMonth)),
                ]
                if let workloads = r.workloads { inner.append(("workloads", ids(workloads))) }
                window(&inner, r.from, r.until)
                return .map(inner)
            })
        return .map(pairs)
    }

    private static func demand(_ d: Demand) -> OutputTree {
        let model: (String, OutputTree)
        switch d.growth {
        case .exponential(let start, let initial, let growth):
            model = (
                "exponential",
                .map([
                    ("start", word(start.description)), ("initial_mw", .number(initial)),
                    ("annual_log_growth", DistributionText.tree(growth)),
                ])
            )
        case .anchors(let anchors):
            model = (
                "anchors",
                .list(
                    anchors.map { a in
                        var pairs: [(String, OutputTree)] = [
                            ("month", word(a.month.description)), ("mw", .number(a.megawatts)),
                        ]
                        if a.logSigma != 0 { pairs.append(("log_sigma", .number(a.logSigma))) }
                        return .map(pairs)
                    })
            )
        }
        return .map([("workload", word(d.workload.rawValue)), model])
    }

    private static func risk(_ r: Risk) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("id", word(r.id.rawValue))]
        if let name = r.name { pairs.append(("name", .string(name))) }
        pairs.append(("probability", .number(r.probability)))
        let hits: OutputTree
        switch r.target {
        case .all: hits = word("all")
        case .campus(let id): hits = .map([("campus", word(id.rawValue))])
        case .phase(let reference): hits = .map([("phase", word(reference.description))])
        case .provider(let id): hits = .map([("provider", word(id.rawValue))])
        case .region(let id): hits = .map([("region", word(id.rawValue))])
        case .contract(let id): hits = .map([("contract", word(id.rawValue))])
        }
        pairs.append(("hits", hits))
        switch r.effect {
        case .delay(let delay): pairs.append(("delay_months", DistributionText.tree(delay)))
        case .cancel: pairs.append(("cancel", .bool(true)))
        }
        return .map(pairs)
    }

    private static func budgetCap(_ cap: BudgetCap) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("id", word(cap.id.rawValue)), ("usd", .number(cap.usd))]
        if let from = cap.from { pairs.append(("from", word(from.description))) }
        pairs.append(("through", word(cap.through.description)))
        if let providers = cap.providers { pairs.append(("providers", ids(providers))) }
        return .map(pairs)
    }

    private static func policy(_ p: Policy) -> OutputTree {
        var pairs: [(String, OutputTree)] = [("structure", word(p.structure.rawValue))]
        if let holder = p.holder { pairs.append(("holder", word(holder.rawValue))) }
        if let asOf = p.asOf { pairs.append(("as_of", word(asOf.description))) }
        if let until = p.until { pairs.append(("until", word(until.description))) }
        pairs += [
            ("review_months", .integer(p.reviewMonths)), ("horizon_months", .integer(p.horizonMonths)),
            ("lookback_months", .integer(p.lookbackMonths)), ("target_headroom", .number(p.targetHeadroom)),
            ("minimum_request_mw", .number(p.minimumRequestMW)),
        ]
        var terms: [(String, OutputTree)] = [("take_or_pay", .number(p.newCapacity.takeOrPayFraction))]
        if let term = p.newCapacity.termMonths { terms.append(("term_months", .integer(term))) }
        terms.append(("ramp_months", .number(p.newCapacity.rampMonths)))
        pairs.append(("new_capacity", .map(terms)))
        return .map(pairs)
    }
}

/// The inline text of distributions (`pert(0, 3, 9)`), as the writer and messages print them.
enum DistributionText {
    /// `fixed` as a plain number, every other family in its inline form.
    static func tree(_ distribution: Distribution) -> OutputTree {
        if case .fixed(let value) = distribution { return .number(value) }
        return .word(inline(distribution))
    }

    /// The inline form, such as `pert(0, 3, 9)` or `discrete([0, 0.7], [6, 0.3])`.
    static func inline(_ distribution: Distribution) -> String { distribution.inlineText }
}
