import HeadroomModel
import Yams

extension ScenarioReader.Context {
    /// The keys allowed at the top level, in the documented order.
    static let topLevelKeys = [
        "headroom", "name", "description", "start", "end", "months", "discount_rate", "workloads", "accelerators",
        "providers", "regions", "campuses", "contracts", "clauses", "demand", "risks", "correlation", "budget",
        "policy", "offers", "optimization",
    ]

    /// The format version this build reads.
    static let formatVersion = 1
    /// The longest horizon accepted, in months (40 years).
    static let maximumHorizonMonths = 480

    /// Reads the whole scenario; `nil` when any problem was reported.
    ///
    /// Entities are read in dependency order (ids first, then what refers to them), whatever their order in the
    /// file, so that references can be checked as they are read.
    mutating func scenario(_ root: Node) -> Scenario? {
        guard let f = d.fields(root, at: "", keys: Self.topLevelKeys, what: "a scenario") else { return nil }
        version(f)
        let name = d.string(f, "name", required: true)
        let description = d.string(f, "description")
        start = d.month(f, "start", required: true)
        horizon(f)
        let discountRate = d.number(f, "discount_rate", .rate)

        let workloads = entries(f, "workloads", what: "a list of workloads", required: true) {
            $0.named($1, at: $2, table: \.workloads).map { Workload(id: WorkloadID($0.id), name: $0.name) }
        }
        let accelerators = entries(f, "accelerators", what: "a list of accelerators") { $0.accelerator($1, at: $2) }
        let providers = entries(f, "providers", what: "a list of providers", required: true) {
            $0.provider($1, at: $2)
        }
        let regions = entries(f, "regions", what: "a list of regions") {
            $0.named($1, at: $2, table: \.regions).map { Region(id: RegionID($0.id), name: $0.name) }
        }
        let campuses = entries(f, "campuses", what: "a list of campuses") { $0.campus($1, at: $2) }
        let contracts = entries(f, "contracts", what: "a list of contracts") { $0.contract($1, at: $2) }
        let clauses = f["clauses"].flatMap { self.clauses($0, at: f.path("clauses")) } ?? Clauses.none
        let demand = demandList(f)
        let risks = entries(f, "risks", what: "a list of risks") { $0.risk($1, at: $2) }
        let correlation = f["correlation"].flatMap { self.correlation($0, at: f.path("correlation")) } ?? .independent
        let caps = entries(f, "budget", what: "a list of budget caps") { $0.budgetCap($1, at: $2) }
        let policy = f["policy"].flatMap { self.policy($0, at: f.path("policy")) }
        let offers = entries(f, "offers", what: "a list of offers") { $0.offer($1, at: $2) }
        let optimization = f["optimization"].flatMap { self.optimization($0, at: f.path("optimization")) }

        guard d.diagnostics.isEmpty, let name, let start, let end else { return nil }
        return Scenario(
            name: name, description: description, start: start, end: end, discountRate: discountRate,
            workloads: workloads, accelerators: accelerators, providers: providers, regions: regions,
            campuses: campuses, contracts: contracts, clauses: clauses, demand: demand, risks: risks,
            correlation: correlation, budget: Budget(caps: caps), policy: policy, offers: offers,
            optimization: optimization)
    }

    /// Checks `headroom: 1`.
    private mutating func version(_ f: Fields) {
        guard let node = d.required(f, "headroom", meaning: "the format version; this build reads 1") else { return }
        guard let version = d.integer(node, at: f.path("headroom"), in: Int.min...Int.max) else { return }
        if version != Self.formatVersion {
            d.report(
                .unsupportedVersion,
                "unsupported format version \(version); this build reads version \(Self.formatVersion)", at: node,
                path: f.path("headroom"))
        }
    }

    /// Reads `end` or `months` and checks the horizon: end ≥ start, at most 480 months, ending by 9999-12.
    private mutating func horizon(_ f: Fields) {
        guard let key = d.exactlyOne(f, of: ["end", "months"]), let node = f[key] else { return }
        let path = f.path(key)
        if key == "months" {
            guard let count = d.integer(node, at: path, in: 1...Self.maximumHorizonMonths), let start else { return }
            end = start.adding(months: count - 1)
        } else {
            guard let month = d.month(node, at: path) else { return }
            end = month
            guard let start else { return }
            if month < start {
                d.report(.invalidValue, "end \(month) is before start \(start)", at: node, path: path)
                end = nil
            } else if month.months(since: start) + 1 > Self.maximumHorizonMonths {
                d.report(
                    .outOfRange,
                    "the horizon \(start) to \(month) is \(month.months(since: start) + 1) months; "
                        + "at most \(Self.maximumHorizonMonths) (40 years) are allowed", at: node, path: path)
                end = nil
            }
        }
        if let last = end, last.year > 9999 {
            d.report(.outOfRange, "the horizon must end by 9999-12, found \(last)", at: node, path: path)
            end = nil
        }
    }

    /// Reads an id given as a plain string or as `{id, name}`, declaring it.
    mutating func named(_ node: Node, at path: String, table: WritableKeyPath<Self, IDTable>)
        -> (id: String, name: String?)?
    {
        let kind = self[keyPath: table].kind
        if case .mapping = node {
            guard let f = d.fields(node, at: path, keys: ["id", "name"], what: "a \(kind)") else { return nil }
            let name = d.string(f, "name")
            guard let idNode = d.required(f, "id") else { return nil }
            guard let id: Identifier<Never> = d.id(idNode, at: f.path("id"), kind: kind) else { return nil }
            declare(id.rawValue, at: idNode, path: f.path("id"), in: table)
            return (id.rawValue, name)
        }
        guard let id: Identifier<Never> = d.id(node, at: path, kind: kind) else { return nil }
        declare(id.rawValue, at: node, path: path, in: table)
        return (id.rawValue, nil)
    }

    /// Reads the `id` of an entity mapping and declares it in `table`.
    mutating func declaredID<Entity>(_ f: Fields, _ table: WritableKeyPath<Self, IDTable>) -> Identifier<Entity>? {
        guard let node = d.required(f, "id") else { return nil }
        let path = f.path("id")
        guard let id: Identifier<Entity> = d.id(node, at: path, kind: self[keyPath: table].kind) else { return nil }
        declare(id.rawValue, at: node, path: path, in: table)
        return id
    }

    /// Declares `id` in `table`, reporting a duplicate.
    mutating func declare(_ id: String, at node: Node, path: String, in table: WritableKeyPath<Self, IDTable>) {
        var ids = self[keyPath: table]
        ids.declare(id, at: node, path: path, decoder: &d)
        self[keyPath: table] = ids
    }

    /// Reads one accelerator generation.
    private mutating func accelerator(_ node: Node, at path: String) -> Accelerator? {
        let keys = [
            "id", "name", "available_from", "it_watts_per_accelerator", "bf16_flops", "fp8_flops", "price_usd",
            "life_years",
        ]
        guard let f = d.fields(node, at: path, keys: keys, what: "an accelerator") else { return nil }
        let id: AcceleratorID? = declaredID(f, \.accelerators)
        let name = d.string(f, "name")
        let availableFrom = d.month(f, "available_from")
        let watts = d.number(f, "it_watts_per_accelerator", .positive, required: true)
        let bf16 = d.number(f, "bf16_flops", .nonNegative, required: true)
        let fp8 = d.number(f, "fp8_flops", .nonNegative)
        let price = d.number(f, "price_usd", .nonNegative)
        let life = d.number(f, "life_years", .positive)
        guard let id, let watts, let bf16 else { return nil }
        return Accelerator(
            id: id, name: name, availableFrom: availableFrom, itWattsPerAccelerator: watts, bf16Flops: bf16,
            fp8Flops: fp8, priceUSD: price, lifeYears: life)
    }

    /// Reads one provider.
    private mutating func provider(_ node: Node, at path: String) -> Provider? {
        let keys = [
            "id", "name", "kind", "appetite_mw_per_year", "new_capacity_price_usd_per_mw_month", "lead_time_months",
        ]
        guard let f = d.fields(node, at: path, keys: keys, what: "a provider") else { return nil }
        let id: ProviderID? = declaredID(f, \.providers)
        let name = d.string(f, "name")
        let kind = d.required(f, "kind").flatMap { d.choice($0, at: f.path("kind"), as: ProviderKind.self) }
        let appetite = distribution(f, "appetite_mw_per_year", nonNegative: true)
        let price = d.number(f, "new_capacity_price_usd_per_mw_month", .nonNegative)
        let leadTime = distribution(f, "lead_time_months", nonNegative: true)
        guard let id, let kind else { return nil }
        return Provider(
            id: id, name: name, kind: kind, appetiteMWPerYear: appetite, newCapacityPriceUSDPerMWMonth: price,
            leadTimeMonths: leadTime)
    }
}
