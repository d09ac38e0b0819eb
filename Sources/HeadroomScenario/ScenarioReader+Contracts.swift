import HeadroomModel
import Yams

extension ScenarioReader.Context {
    /// The three ways of stating a contract's price, exactly one of which must be present.
    static let priceKeys = ["price_usd_per_mw_month", "price_usd_per_accelerator_hour", "total_value_usd"]

    /// Reads one contract: its coverage (each phase covered once, by its own provider), its price and terms.
    mutating func contract(_ node: Node, at path: String) -> Contract? {
        let keys =
            ["id", "name", "provider", "signed", "end", "phases", "blocks"] + Self.priceKeys + [
                "take_or_pay", "workloads", "late_penalty_usd_per_mw_month", "late_credit_cap",
            ]
        guard let f = d.fields(node, at: path, keys: keys, what: "a contract") else { return nil }
        let id: ContractID? = declaredID(f, \.contracts)
        let name = d.string(f, "name")
        let provider: ProviderID? = reference(f, "provider", \.providers, required: true)
        let (signed, end) = window(f, from: "signed", until: "end")

        var price: Contract.Price?
        let priceKey = d.exactlyOne(f, of: Self.priceKeys)
        if let priceKey, let amount = d.number(f, priceKey, .nonNegative) {
            switch priceKey {
            case "price_usd_per_mw_month": price = .perMWMonth(amount)
            case "price_usd_per_accelerator_hour": price = .perAcceleratorHour(amount)
            default: price = .totalValue(amount)
            }
        }
        if priceKey == "total_value_usd", !f.has("end"), let valueNode = f.keyNode("total_value_usd") {
            d.report(
                .missingKey, "total_value_usd needs 'end' (the last month of service) to derive a price",
                at: valueNode, path: f.path("end"))
        }
        let perHour = priceKey == "price_usd_per_accelerator_hour"

        var coverage: Contract.Coverage?
        if let coverageKey = d.exactlyOne(f, of: ["phases", "blocks"]), let coverageNode = f[coverageKey] {
            let coveragePath = f.path(coverageKey)
            if coverageKey == "phases" {
                coverage = coveredPhases(
                    coverageNode, at: coveragePath, contract: id, provider: provider, perHour: perHour
                ).map { .phases($0) }
            } else {
                coverage = blocks(coverageNode, at: coveragePath, perHour: perHour).map { .blocks($0) }
            }
        }
        let takeOrPay = d.number(f, "take_or_pay", .fraction) ?? 1
        let workloads: [WorkloadID]? = references(f, "workloads", \.workloads)
        let penalty = d.number(f, "late_penalty_usd_per_mw_month", .nonNegative) ?? 0
        let creditCap = d.number(f, "late_credit_cap", .fraction) ?? Contract.defaultLateCreditCap
        guard let id, let provider, let coverage, let price else { return nil }
        return Contract(
            id: id, name: name, provider: provider, signed: signed, end: end, coverage: coverage, price: price,
            takeOrPayFraction: takeOrPay, workloads: workloads, latePenaltyUSDPerMWMonth: penalty,
            lateCreditCap: creditCap)
    }

    /// Reads the `phases` a contract covers: each must exist, belong to the contract's provider, and be covered by
    /// no other contract; with a per-accelerator-hour price each must name an accelerator.
    private mutating func coveredPhases(
        _ node: Node, at path: String, contract: ContractID?, provider: ProviderID?, perHour: Bool
    ) -> [PhaseReference]? {
        guard let items = d.list(node, at: path, what: "a list of campus/phase references", nonEmpty: true) else {
            return nil
        }
        var references: [PhaseReference] = []
        for (index, item) in items.enumerated() {
            let itemPath = FieldPath.index(path, index)
            guard let reference = phaseReference(item, at: itemPath) else { continue }
            let campus = reference.campus.rawValue
            let key = reference.description
            var fine = true
            if let provider, let owner = campusProviders[campus], owner != provider.rawValue {
                d.report(
                    .invalidValue,
                    "phase \(key) is on campus '\(campus)' of provider '\(owner)', not of this contract's provider "
                        + "'\(provider)'", at: item, path: itemPath)
                fine = false
            }
            if let holder = phaseCoverage[key] {
                let by = holder == contract?.rawValue ? "this contract already" : "contract '\(holder)'"
                d.report(
                    .invalidValue,
                    "phase \(key) is already covered by \(by); a phase is covered by at most one contract",
                    at: item, path: itemPath)
                fine = false
            } else {
                phaseCoverage[key] = contract?.rawValue ?? "?"
            }
            if perHour, campusPhases[campus]?[reference.phase.rawValue] == false {
                d.report(
                    .invalidValue,
                    "price_usd_per_accelerator_hour needs an accelerator on every covered phase; \(key) has none",
                    at: item, path: itemPath)
                fine = false
            }
            if fine { references.append(reference) }
        }
        return references.count == items.count ? references : nil
    }

    /// Reads a contract's generic `blocks`.
    private mutating func blocks(_ node: Node, at path: String, perHour: Bool) -> [Block]? {
        guard let items = d.list(node, at: path, what: "a list of blocks", nonEmpty: true) else { return nil }
        var blocks: [Block] = []
        for (index, item) in items.enumerated() {
            if let block = block(item, at: FieldPath.index(path, index), perHour: perHour) { blocks.append(block) }
        }
        return blocks.count == items.count ? blocks : nil
    }

    /// Reads one generic block.
    private mutating func block(_ node: Node, at path: String, perHour: Bool) -> Block? {
        let keys = ["mw", "from", "months", "accelerator", "region", "ramp_months", "delay_months"]
        guard let f = d.fields(node, at: path, keys: keys, what: "a block") else { return nil }
        let megawatts = d.number(f, "mw", .positive, required: true)
        let from = d.month(f, "from", required: true)
        let months = d.integer(f, "months", in: 1...Int.max)
        let accelerator: AcceleratorID? = reference(f, "accelerator", \.accelerators)
        let region: RegionID? = reference(f, "region", \.regions)
        let ramp = d.number(f, "ramp_months", .nonNegative) ?? 0
        let delay = distribution(f, "delay_months") ?? .fixed(0)
        if perHour && !f.has("accelerator") {
            d.report(
                .missingKey, "price_usd_per_accelerator_hour needs an accelerator on every block; this block has none",
                at: node, path: f.path("accelerator"))
            return nil
        }
        guard let megawatts, let from else { return nil }
        return Block(
            megawatts: megawatts, from: from, months: months, accelerator: accelerator, region: region,
            rampMonths: ramp, delayMonths: delay)
    }

    // MARK: Clauses

    /// Reads the scenario-level `clauses`.
    mutating func clauses(_ node: Node, at path: String) -> Clauses? {
        guard let f = d.fields(node, at: path, keys: ["rofr", "exclusivity", "revenue_share"], what: "clauses") else {
            return nil
        }
        let rofr = f["rofr"].flatMap { rightOfFirstRefusal($0, at: f.path("rofr")) }
        let exclusivity = entries(f, "exclusivity", what: "a list of exclusivity clauses") {
            $0.exclusivity($1, at: $2)
        }
        let shares = entries(f, "revenue_share", what: "a list of revenue shares") { $0.revenueShare($1, at: $2) }
        return Clauses(rightOfFirstRefusal: rofr, exclusivity: exclusivity, revenueShares: shares)
    }

    private mutating func rightOfFirstRefusal(_ node: Node, at path: String) -> RightOfFirstRefusal? {
        let keys = ["holder", "workloads", "response_window_months", "from", "until"]
        guard let f = d.fields(node, at: path, keys: keys, what: "a right of first refusal") else { return nil }
        let holder: ProviderID? = reference(f, "holder", \.providers, required: true)
        let workloads: [WorkloadID]? = references(f, "workloads", \.workloads)
        let window = d.number(f, "response_window_months", .nonNegative) ?? 0
        let (from, until) = self.window(f)
        guard let holder else { return nil }
        return RightOfFirstRefusal(
            holder: holder, workloads: workloads, responseWindowMonths: window, from: from, until: until)
    }

    private mutating func exclusivity(_ node: Node, at path: String) -> Exclusivity? {
        let keys = ["holder", "workloads", "from", "until"]
        guard let f = d.fields(node, at: path, keys: keys, what: "an exclusivity clause") else { return nil }
        let holder: ProviderID? = reference(f, "holder", \.providers, required: true)
        let workloads: [WorkloadID]? = references(f, "workloads", \.workloads, required: true)
        let (from, until) = window(f)
        guard let holder, let workloads else { return nil }
        return Exclusivity(holder: holder, workloads: workloads, from: from, until: until)
    }

    private mutating func revenueShare(_ node: Node, at path: String) -> RevenueShare? {
        let keys = ["to", "fraction", "revenue_usd_per_served_mw_month", "workloads", "from", "until"]
        guard let f = d.fields(node, at: path, keys: keys, what: "a revenue share") else { return nil }
        let to: ProviderID? = reference(f, "to", \.providers, required: true)
        let fraction = d.number(f, "fraction", .fraction, required: true)
        let revenue = d.number(f, "revenue_usd_per_served_mw_month", .nonNegative, required: true)
        let workloads: [WorkloadID]? = references(f, "workloads", \.workloads)
        let (from, until) = window(f)
        guard let to, let fraction, let revenue else { return nil }
        return RevenueShare(
            to: to, fraction: fraction, revenueUSDPerServedMWMonth: revenue, workloads: workloads, from: from,
            until: until)
    }
}
