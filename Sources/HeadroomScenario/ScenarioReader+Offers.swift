import HeadroomModel
import Yams

extension ScenarioReader.Context {
    /// The three ways of stating an offer's price, exactly one of which must be present.
    static let offerPriceKeys = ["price_usd_per_mw_month", "price_usd_per_accelerator_hour", "total_value_usd_per_lot"]

    /// The keys of an offer, in the documented order.
    static let offerKeys =
        [
            "id", "name", "provider", "lot_mw", "min_lots", "max_lots", "starts", "lead_time_months", "delay_months",
            "ramp_months", "term_months",
        ] + offerPriceKeys + ["take_or_pay", "workloads", "accelerator", "region", "counts_as_holder"]

    /// The longest lead time, term or step between starts accepted, in months (100 years, as in `policy`).
    static let maximumOfferMonths = 1200

    /// Reads one offer: its lots, its start months (each inside the horizon), its schedule, price and terms.
    mutating func offer(_ node: Node, at path: String) -> Offer? {
        guard let f = d.fields(node, at: path, keys: Self.offerKeys, what: "an offer") else { return nil }
        let id: OfferID? = declaredID(f, \.offers)
        let name = d.string(f, "name")
        let provider: ProviderID? = reference(f, "provider", \.providers, required: true)
        let lotMW = d.number(f, "lot_mw", .positive, required: true)
        let minimumLots = d.integer(f, "min_lots", in: 0...Int.max) ?? 0
        let maximumLots = d.integer(f, "max_lots", in: 1...Int.max, required: true)
        if let maximumLots, maximumLots < minimumLots, let node = f["max_lots"] {
            d.report(
                .outOfRange, "max_lots \(maximumLots) is below min_lots \(minimumLots)", at: node,
                path: f.path("max_lots"))
        }
        let starts = d.required(f, "starts").flatMap { offerStarts($0, at: f.path("starts")) }
        let lead = d.integer(f, "lead_time_months", in: 0...Self.maximumOfferMonths) ?? 0
        if let starts, let node = f["lead_time_months"] {
            checkArrival(starts: starts, lead: lead, offer: id, at: node, path: f.path("lead_time_months"))
        }
        let delay = distribution(f, "delay_months") ?? .fixed(0)
        let ramp = d.number(f, "ramp_months", .nonNegative) ?? 0
        let term = d.integer(f, "term_months", in: 1...Self.maximumOfferMonths)
        let price = offerPrice(f)
        let takeOrPay = d.number(f, "take_or_pay", .fraction) ?? 1
        let workloads: [WorkloadID]? = references(f, "workloads", \.workloads)
        let accelerator: AcceleratorID? = reference(f, "accelerator", \.accelerators)
        let region: RegionID? = reference(f, "region", \.regions)
        let countsAsHolder = f["counts_as_holder"].flatMap { d.bool($0, at: f.path("counts_as_holder")) }
        guard let id, let provider, let lotMW, let maximumLots, let starts, let price else { return nil }
        return Offer(
            id: id, name: name, provider: provider, lotMW: lotMW, minimumLots: minimumLots, maximumLots: maximumLots,
            starts: starts, leadTimeMonths: lead, delayMonths: delay, rampMonths: ramp, termMonths: term,
            price: price, takeOrPayFraction: takeOrPay, workloads: workloads, accelerator: accelerator,
            region: region, countsAsHolder: countsAsHolder)
    }

    /// Reads an offer's price; a per-hour price needs `accelerator`, a total value per lot needs `term_months`.
    private mutating func offerPrice(_ f: Fields) -> Contract.Price? {
        guard let key = d.exactlyOne(f, of: Self.offerPriceKeys), let amount = d.number(f, key, .nonNegative) else {
            return nil
        }
        let keyNode = f.keyNode(key) ?? f.node
        switch key {
        case "price_usd_per_mw_month":
            return .perMWMonth(amount)
        case "price_usd_per_accelerator_hour":
            if !f.has("accelerator") {
                d.report(
                    .missingKey,
                    "price_usd_per_accelerator_hour needs 'accelerator' (its IT watts convert the hourly price)",
                    at: keyNode, path: f.path("accelerator"))
            }
            return .perAcceleratorHour(amount)
        default:
            if !f.has("term_months") {
                d.report(
                    .missingKey,
                    "total_value_usd_per_lot needs 'term_months' (the months of service) to derive a price",
                    at: keyNode, path: f.path("term_months"))
            }
            return .totalValue(amount)
        }
    }

    /// Reads `starts`: a list of months, strictly increasing, or `{earliest, latest, step_months}`; every start must
    /// fall inside the horizon.
    private mutating func offerStarts(_ node: Node, at path: String) -> [Month]? {
        switch node {
        case .sequence:
            guard let items = d.list(node, at: path, what: "a list of start months", nonEmpty: true) else {
                return nil
            }
            var months: [Month] = []
            var previous: Month?
            for (index, item) in items.enumerated() {
                let itemPath = FieldPath.index(path, index)
                guard let month = d.month(item, at: itemPath) else { continue }
                if let last = previous, month <= last {
                    d.report(
                        .invalidValue, "starts must be strictly increasing: \(month) does not come after \(last)",
                        at: item, path: itemPath)
                }
                previous = month
                if checkInHorizon(month, what: "start", at: item, path: itemPath) { months.append(month) }
            }
            return months.count == items.count ? months : nil
        case .mapping:
            let keys = ["earliest", "latest", "step_months"]
            guard let f = d.fields(node, at: path, keys: keys, what: "a range of start months") else { return nil }
            let earliest = d.month(f, "earliest", required: true)
            let latest = d.month(f, "latest", required: true)
            let step = d.integer(f, "step_months", in: 1...Self.maximumOfferMonths, required: true)
            guard let earliest, let latest, let step, let earliestNode = f["earliest"], let latestNode = f["latest"]
            else { return nil }
            guard latest >= earliest else {
                d.report(
                    .invalidValue, "latest \(latest) is before earliest \(earliest)", at: latestNode,
                    path: f.path("latest"))
                return nil
            }
            let first = checkInHorizon(earliest, what: "earliest", at: earliestNode, path: f.path("earliest"))
            let last = checkInHorizon(latest, what: "latest", at: latestNode, path: f.path("latest"))
            guard first && last else { return nil }
            // latest − earliest ≤ 480 months (both are inside the horizon) and step ≥ 1: at most 480 starts.
            var months: [Month] = []
            var month = earliest
            while month <= latest {
                months.append(month)
                month = month.adding(months: step)
            }
            return months
        default:
            d.report(
                .wrongType,
                "expected start months (a list of months, or {earliest, latest, step_months}), found "
                    + NodeDecoder.describe(node), at: node, path: path)
            return nil
        }
    }

    /// Reports a month outside the horizon `start…end`; returns whether it is inside (or the horizon is unknown).
    private mutating func checkInHorizon(_ month: Month, what: String, at node: Node, path: String) -> Bool {
        guard let start, let end, month < start || month > end else { return true }
        d.report(.outOfRange, "\(what) \(month) is outside the horizon \(start)…\(end)", at: node, path: path)
        return false
    }

    /// Reports an offer that can never arrive: every start plus the lead time falls after the horizon's end.
    private mutating func checkArrival(starts: [Month], lead: Int, offer: OfferID?, at node: Node, path: String) {
        guard let end, let first = starts.first, let last = starts.last, first.adding(months: lead) > end else {
            return
        }
        let name = offer.map { "offer '\($0)'" } ?? "the offer"
        let what =
            starts.count == 1
            ? "start \(first) + lead \(lead) months arrives \(first.adding(months: lead))"
            : "starts \(first)…\(last) + lead \(lead) months arrive \(first.adding(months: lead))…"
                + "\(last.adding(months: lead))"
        d.report(
            .outOfRange, "\(name) can never arrive in the horizon: \(what), after the horizon end \(end)", at: node,
            path: path)
    }

    // MARK: Optimization

    /// The ways a budget cap can be kept, as written after `on:`.
    private enum CapMeasureSyntax: String, CaseIterable {
        case expected
        case cvar
    }

    /// Reads the optimizer's settings; absent keys take their documented defaults.
    mutating func optimization(_ node: Node, at path: String) -> OptimizationSettings? {
        let keys = ["penalty_usd_per_mw_month", "caps", "max_provider_share"]
        guard let f = d.fields(node, at: path, keys: keys, what: "optimization settings") else { return nil }
        var settings = OptimizationSettings()
        if let penaltyNode = f["penalty_usd_per_mw_month"] {
            let penalties: (common: Double?, byID: [WorkloadID: Double])? = numberOrMapping(
                penaltyNode, at: f.path("penalty_usd_per_mw_month"), \.workloads, .positive)
            if let penalties {
                settings.penaltyUSDPerMWMonth = penalties.byID
                settings.defaultPenaltyUSDPerMWMonth = penalties.common ?? settings.defaultPenaltyUSDPerMWMonth
            }
        }
        var seen: [CapConstraint: Int] = [:]
        settings.caps = entries(f, "caps", what: "a list of budget caps to keep") { context, item, itemPath in
            guard let cap = context.capConstraint(item, at: itemPath) else { return nil }
            if let first = seen[cap] {
                context.d.report(
                    .duplicateID, "cap '\(cap.cap)' is listed twice the same way (first at line \(first))", at: item,
                    path: itemPath)
                return nil
            }
            seen[cap] = item.mark?.line ?? 0
            return cap
        }
        if let shareNode = f["max_provider_share"] {
            let shares: (common: Double?, byID: [ProviderID: Double])? = numberOrMapping(
                shareNode, at: f.path("max_provider_share"), \.providers, .positiveFraction)
            if let shares {
                settings.maximumProviderShare = shares.byID
                settings.defaultMaximumProviderShare = shares.common
            }
        }
        return settings
    }

    /// Reads one cap to keep: a budget cap id (kept on expected spend) or `{cap, on: expected | cvar, alpha}`.
    private mutating func capConstraint(_ node: Node, at path: String) -> CapConstraint? {
        switch node {
        case .scalar:
            return (reference(node, at: path, \.budgetCaps) as BudgetCapID?).map { CapConstraint(cap: $0) }
        case .mapping:
            let keys = ["cap", "on", "alpha"]
            guard let f = d.fields(node, at: path, keys: keys, what: "a cap to keep") else { return nil }
            let cap: BudgetCapID? = reference(f, "cap", \.budgetCaps, required: true)
            var on = CapMeasureSyntax.expected
            if let onNode = f["on"] {
                guard let choice = d.choice(onNode, at: f.path("on"), as: CapMeasureSyntax.self) else { return nil }
                on = choice
            }
            var measure = CapConstraint.Measure.expected
            switch on {
            case .cvar:
                guard let alpha = d.number(f, "alpha", .openUnit, required: true) else { return nil }
                measure = .cvar(alpha)
            case .expected:
                if let alphaKey = f.keyNode("alpha") {
                    d.report(
                        .conflictingKeys, "'alpha' applies only to on: cvar (the level of the CVaR)", at: alphaKey,
                        path: f.path("alpha"))
                    return nil
                }
            }
            guard let cap else { return nil }
            return CapConstraint(cap: cap, measure: measure)
        default:
            d.report(
                .wrongType,
                "expected a budget cap id or {cap, on, alpha}, found \(NodeDecoder.describe(node))", at: node,
                path: path)
            return nil
        }
    }

    /// Reads a number that applies to every entity of `table`'s kind, or a mapping from ids of that kind to numbers.
    private mutating func numberOrMapping<Entity>(
        _ node: Node, at path: String, _ table: KeyPath<Self, IDTable>, _ range: NumberRange
    ) -> (common: Double?, byID: [Identifier<Entity>: Double])? {
        let kind = self[keyPath: table].kind
        switch node {
        case .scalar:
            return d.number(node, at: path, range).map { ($0, [:]) }
        case .mapping(let mapping):
            var values: [Identifier<Entity>: Double] = [:]
            var lines: [String: Int] = [:]
            var fine = true
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key else {
                    d.report(.syntax, "expected a \(kind) id, found \(NodeDecoder.describe(key))", at: key, path: path)
                    fine = false
                    continue
                }
                let keyPath = FieldPath.key(path, scalar.string)
                if let first = lines[scalar.string] {
                    d.report(
                        .duplicateKey, "duplicate key '\(scalar.string)' (first at line \(first))", at: key,
                        path: keyPath)
                    fine = false
                    continue
                }
                lines[scalar.string] = key.mark?.line ?? 0
                let id: Identifier<Entity>? = reference(key, at: keyPath, table)
                let number = d.number(value, at: keyPath, range)
                guard let id, let number else {
                    fine = false
                    continue
                }
                values[id] = number
            }
            return fine ? (nil, values) : nil
        default:
            d.report(
                .wrongType,
                "expected \(range.expectation) for every \(kind), or a mapping \(kind) → number, found "
                    + NodeDecoder.describe(node), at: node, path: path)
            return nil
        }
    }
}
