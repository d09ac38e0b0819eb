import HeadroomModel
import Yams

extension ScenarioReader.Context {
    // MARK: Demand

    /// Reads `demand`: at least one entry, each workload at most once.
    mutating func demandList(_ f: Fields) -> [Demand] {
        var firstLines: [String: Int] = [:]
        return entries(f, "demand", what: "a list of demand curves", required: true) { context, node, path in
            guard let demand = context.demand(node, at: path) else { return nil }
            let workload = demand.workload.rawValue
            if let first = firstLines[workload] {
                context.d.report(
                    .duplicateID,
                    "duplicate demand for workload '\(workload)' (first at line \(first)); "
                        + "each workload has at most one demand entry", at: node.mapping?["workload"] ?? node,
                    path: FieldPath.key(path, "workload"))
                return nil
            }
            firstLines[workload] = (node.mapping?["workload"] ?? node).mark?.line ?? 0
            return demand
        }
    }

    private mutating func demand(_ node: Node, at path: String) -> Demand? {
        guard let f = d.fields(node, at: path, keys: ["workload", "exponential", "anchors"], what: "a demand curve")
        else { return nil }
        let workload: WorkloadID? = reference(f, "workload", \.workloads, required: true)
        var growth: Demand.Growth?
        if let model = d.exactlyOne(f, of: ["exponential", "anchors"]), let modelNode = f[model] {
            growth =
                model == "exponential"
                ? exponential(modelNode, at: f.path(model)) : anchors(modelNode, at: f.path(model))
        }
        guard let workload, let growth else { return nil }
        return Demand(workload: workload, growth: growth)
    }

    private mutating func exponential(_ node: Node, at path: String) -> Demand.Growth? {
        let keys = ["start", "initial_mw", "annual_log_growth"]
        guard let f = d.fields(node, at: path, keys: keys, what: "an exponential growth model") else { return nil }
        let from = d.month(f, "start")
        let initial = d.number(f, "initial_mw", .positive, required: true)
        let growth = distribution(f, "annual_log_growth", required: true)
        guard let first = f.has("start") ? from : start, let initial, let growth else { return nil }
        return .exponential(start: first, initialMW: initial, annualLogGrowth: growth)
    }

    private mutating func anchors(_ node: Node, at path: String) -> Demand.Growth? {
        guard let items = d.list(node, at: path, what: "a list of anchors {month, mw}", nonEmpty: true) else {
            return nil
        }
        var anchors: [DemandAnchor] = []
        var previous: Month?
        for (index, item) in items.enumerated() {
            let itemPath = FieldPath.index(path, index)
            guard let f = d.fields(item, at: itemPath, keys: ["month", "mw", "log_sigma"], what: "an anchor") else {
                continue
            }
            let month = d.month(f, "month", required: true)
            let megawatts = d.number(f, "mw", .positive, required: true)
            let sigma = d.number(f, "log_sigma", .nonNegative) ?? 0
            if let month, let last = previous, month <= last, let monthNode = f["month"] {
                d.report(
                    .invalidValue, "anchor months must be strictly increasing: \(month) does not come after \(last)",
                    at: monthNode, path: f.path("month"))
            }
            if let month { previous = month }
            if let month, let megawatts {
                anchors.append(DemandAnchor(month: month, megawatts: megawatts, logSigma: sigma))
            }
        }
        return anchors.count == items.count ? .anchors(anchors) : nil
    }

    // MARK: Risks

    /// Reads one risk-register event.
    mutating func risk(_ node: Node, at path: String) -> Risk? {
        let keys = ["id", "name", "probability", "hits", "delay_months", "cancel"]
        guard let f = d.fields(node, at: path, keys: keys, what: "a risk") else { return nil }
        let id: RiskID? = declaredID(f, \.risks)
        let name = d.string(f, "name")
        let probability = d.number(f, "probability", .fraction, required: true)
        let target = d.required(f, "hits").flatMap { self.target($0, at: f.path("hits")) }
        var effect: Risk.Effect?
        if let key = d.exactlyOne(f, of: ["delay_months", "cancel"]) {
            if key == "delay_months" {
                effect = distribution(f, key).map { .delay($0) }
            } else if let cancelNode = f[key], let flag = d.bool(cancelNode, at: f.path(key)) {
                if flag {
                    effect = .cancel
                } else {
                    d.report(
                        .invalidValue, "cancel: false has no effect; write cancel: true, or delay_months instead",
                        at: cancelNode, path: f.path(key))
                }
            }
        }
        guard let id, let probability, let target, let effect else { return nil }
        return Risk(id: id, name: name, probability: probability, target: target, effect: effect)
    }

    private mutating func target(_ node: Node, at path: String) -> Risk.Target? {
        let keys = ["campus", "phase", "provider", "region", "contract"]
        if case .scalar = node {
            guard let text = d.string(node, at: path, what: "'all' or a mapping") else { return nil }
            if text == "all" { return .all }
            d.report(
                .invalidValue,
                "expected 'all' or a mapping with one of campus, phase, provider, region, contract; found '\(ScalarSyntax.excerpt(text))'",
                at: node, path: path)
            return nil
        }
        guard let f = d.fields(node, at: path, keys: keys, what: "'all' or a target"),
            let key = d.exactlyOne(f, of: keys), let value = f[key]
        else { return nil }
        let valuePath = f.path(key)
        switch key {
        case "campus": return (reference(value, at: valuePath, \.campuses) as CampusID?).map { .campus($0) }
        case "phase": return phaseReference(value, at: valuePath).map { .phase($0) }
        case "provider": return (reference(value, at: valuePath, \.providers) as ProviderID?).map { .provider($0) }
        case "region": return (reference(value, at: valuePath, \.regions) as RegionID?).map { .region($0) }
        default: return (reference(value, at: valuePath, \.contracts) as ContractID?).map { .contract($0) }
        }
    }

    // MARK: Correlation, budget, policy

    /// Reads the copula loadings and checks `global² + provider² + region² ≤ 1`.
    mutating func correlation(_ node: Node, at path: String) -> Correlation? {
        guard let f = d.fields(node, at: path, keys: ["global", "provider", "region"], what: "correlation loadings")
        else { return nil }
        let global = d.number(f, "global", .fraction) ?? 0
        let provider = d.number(f, "provider", .fraction) ?? 0
        let region = d.number(f, "region", .fraction) ?? 0
        let loadings = Correlation(global: global, provider: provider, region: region)
        guard loadings.idiosyncratic != nil else {
            let total = global * global + provider * provider + region * region
            d.report(
                .outOfRange,
                "global² + provider² + region² must be at most 1, found \(ScalarSyntax.format((total * 1e6).rounded() / 1e6))",
                at: node,
                path: path)
            return nil
        }
        return loadings
    }

    /// Reads one budget cap: `through` (with an optional `from`) or `year`.
    mutating func budgetCap(_ node: Node, at path: String) -> BudgetCap? {
        let keys = ["id", "usd", "from", "through", "year", "providers"]
        guard let f = d.fields(node, at: path, keys: keys, what: "a budget cap") else { return nil }
        let id: BudgetCapID? = declaredID(f, \.budgetCaps)
        let usd = d.number(f, "usd", .nonNegative, required: true)
        let providers: [ProviderID]? = references(f, "providers", \.providers)
        var from: Month?
        var through: Month?
        if let key = d.exactlyOne(f, of: ["through", "year"]) {
            if key == "through" {
                (from, through) = window(f, from: "from", until: "through")
            } else if let year = d.integer(f, "year", in: 1...9999) {
                if let fromKey = f.keyNode("from") {
                    d.report(
                        .conflictingKeys, "'from' cannot be combined with 'year' (a year runs from January)",
                        at: fromKey, path: f.path("from"))
                }
                from = Month(year: year, month: 1)
                through = Month(year: year, month: 12)
            }
        }
        guard let id, let usd, let through else { return nil }
        return BudgetCap(id: id, usd: usd, from: from, through: through, providers: providers)
    }

    /// Reads the procurement policy; absent keys take their documented defaults.
    mutating func policy(_ node: Node, at path: String) -> Policy? {
        let keys = [
            "structure", "holder", "as_of", "until", "review_months", "horizon_months", "lookback_months",
            "target_headroom", "minimum_request_mw", "new_capacity",
        ]
        guard let f = d.fields(node, at: path, keys: keys, what: "a policy") else { return nil }
        let defaults = Policy()
        let structure =
            f["structure"].flatMap { d.choice($0, at: f.path("structure"), as: Policy.Structure.self) }
            ?? defaults.structure
        let holder: ProviderID? = reference(f, "holder", \.providers)
        let asOf = d.month(f, "as_of")
        let until = d.month(f, "until")
        if let asOf, let until, until < asOf, let node = f["until"] {
            d.report(.outOfRange, "must not be before as_of (\(asOf))", at: node, path: f.path("until"))
        }
        let terms = f["new_capacity"].flatMap { newCapacityTerms($0, at: f.path("new_capacity")) }
        return Policy(
            structure: structure, holder: holder, asOf: asOf, until: until,
            reviewMonths: d.integer(f, "review_months", in: 1...1200) ?? defaults.reviewMonths,
            horizonMonths: d.integer(f, "horizon_months", in: 1...1200) ?? defaults.horizonMonths,
            lookbackMonths: d.integer(f, "lookback_months", in: 1...1200) ?? defaults.lookbackMonths,
            targetHeadroom: d.number(f, "target_headroom", .nonNegative) ?? defaults.targetHeadroom,
            minimumRequestMW: d.number(f, "minimum_request_mw", .nonNegative) ?? defaults.minimumRequestMW,
            newCapacity: terms ?? defaults.newCapacity)
    }

    /// Reads the terms new capacity is bought on.
    private mutating func newCapacityTerms(_ node: Node, at path: String) -> NewCapacityTerms? {
        let keys = ["take_or_pay", "term_months", "ramp_months"]
        guard let f = d.fields(node, at: path, keys: keys, what: "new-capacity terms") else { return nil }
        let defaults = NewCapacityTerms()
        return NewCapacityTerms(
            takeOrPayFraction: d.number(f, "take_or_pay", .fraction) ?? defaults.takeOrPayFraction,
            termMonths: d.integer(f, "term_months", in: 1...1200),
            rampMonths: d.number(f, "ramp_months", .nonNegative) ?? defaults.rampMonths)
    }
}
