import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel

/// The one-screen summary `headroom check` prints: entity counts, planned MW by provider and year, contract prices.
public struct ScenarioSummary: Sendable {
    /// What the analysis layer knows about the scenario.
    public var facts: ScenarioFacts

    /// Creates a summary.
    public init(facts: ScenarioFacts) {
        self.facts = facts
    }

    /// Phases no contract covers (they do not count as capacity).
    public var uncontractedPhases: [String] { facts.uncontractedPhases }

    /// Entity counts.
    public func countsLine() -> String {
        let s = facts.scenario
        let phases = s.campuses.reduce(0) { $0 + $1.phases.count }
        let parts = [
            "\(s.workloads.count) workloads", "\(s.accelerators.count) accelerators", "\(s.providers.count) providers",
            "\(s.regions.count) regions", "\(s.campuses.count) campuses", "\(phases) phases",
            "\(s.contracts.count) contracts", "\(facts.units.count) capacity units", "\(s.risks.count) risks",
            "\(s.budget.caps.count) budget caps",
        ]
        return "\(s.name): \(s.start)…\(s.end) (\(facts.months.count) months); " + parts.joined(separator: ", ")
    }

    /// Planned IT MW under contract at the end of each year (or the horizon), by provider, with no delays.
    public func megawattsByProviderTable() -> TextTable {
        let years = Period.year.groups(facts.months)
        let planned = facts.plannedCapacityByProvider
        let rows = planned.compactMap { series -> [String]? in
            guard series.values.contains(where: { $0 > 0 }) else { return nil }
            return [series.provider.rawValue]
                + years.map { Format.megawatts(Aggregation.last.apply(series.values, $0.indices)) }
        }
        let total =
            ["total"]
            + years.map { g in
                Format.megawatts(planned.reduce(0) { $0 + Aggregation.last.apply($1.values, g.indices) })
            }
        return TextTable(
            title: "Contracted IT MW on plan (no delays), at the end of each year",
            headers: ["provider"] + years.map(\.label), rows: rows + [total])
    }

    /// Contracts with their stated and derived prices.
    public func contractsTable() -> TextTable {
        let rows = zip(facts.scenario.contracts, facts.contracts).map { contract, terms -> [String] in
            let p = terms.pricing
            let stated: String
            switch contract.price {
            case .perMWMonth(let v): stated = Format.usd(v) + "/MW-mo"
            case .perAcceleratorHour(let v): stated = "$" + Format.grouped(v, decimals: 2) + "/acc-h"
            case .totalValue(let v): stated = Format.usd(v) + " total"
            }
            return [
                contract.id.rawValue, contract.provider.rawValue, stated, Format.usd(p.usdPerMWMonth),
                p.usdPerAcceleratorHour.map { "$" + Format.grouped($0, decimals: 2) } ?? "-",
                Format.grouped(p.plannedMWMonths), Format.usd(p.plannedValueUSD),
                Format.percent(contract.takeOrPayFraction, decimals: 0), Format.usd(terms.plannedTakeOrPayMinimumUSD),
                contract.end?.description ?? "horizon",
            ]
        }
        return TextTable(
            title:
                "Contracts (derived price per IT MW-month and per accelerator-hour; value and take-or-pay minimum over "
                + "planned MW-months in term)",
            headers: [
                "contract", "provider", "stated price", "USD/MW-month", "USD/acc-hour", "MW-months", "value",
                "take-or-pay",
                "minimum", "end",
            ],
            rows: rows)
    }

    /// The providers a dynamic run can ask for new capacity, with the order each deal structure asks them in
    /// (`nil` without a policy).
    public func offersTable() -> TextTable? {
        guard facts.scenario.policy != nil, !facts.offers.isEmpty else { return nil }
        let structures = Policy.Structure.allCases
        let rows = facts.offers.map { offer -> [String] in
            [
                offer.provider.rawValue, Format.megawatts(offer.medianAppetiteMW), Format.usd(offer.priceUSDPerMWMonth),
                Format.grouped(offer.medianLeadTimeMonths, decimals: 1),
            ]
                + structures.map { structure in
                    guard let position = offer.askPosition[structure] else { return "n/a" }
                    return position.map(String.init) ?? "-"
                }
        }
        let holder = facts.holder.map { " (holder: \($0))" } ?? ""
        return TextTable(
            title:
                "New capacity the policy can buy\(holder): median appetite per year, price, median lead time, and the "
                + "order each structure asks in (- never asked)",
            headers: ["provider", "MW/year", "USD/MW-month", "lead months"] + structures.map(\.rawValue), rows: rows)
    }

    /// The whole summary.
    public func text() -> String {
        var parts = [
            TextTable.wrap(countsLine(), width: TextTable.terminalWidth).joined(separator: "\n") + "\n",
            megawattsByProviderTable().rendered(), contractsTable().rendered(),
        ]
        if let offers = offersTable() { parts.append(offers.rendered()) }
        let loose = uncontractedPhases
        if !loose.isEmpty {
            let note =
                "note: \(loose.count) phase(s) not covered by any contract, not counted as capacity: "
                + loose.prefix(12).joined(separator: ", ") + (loose.count > 12 ? ", …" : "")
            parts.append(TextTable.wrap(note, width: TextTable.terminalWidth).joined(separator: "\n") + "\n")
        }
        let truncated = facts.truncatedCaps.map(\.rawValue)
        if !truncated.isEmpty {
            parts.append(
                "note: budget cap(s) reaching beyond the horizon (spend outside it is not counted): "
                    + truncated.joined(separator: ", ") + "\n")
        }
        return parts.joined(separator: "\n")
    }

    /// The summary as JSON.
    public func json() -> JSONValue {
        let s = facts.scenario
        return .object([
            ("name", .string(s.name)), ("start", .string(s.start.description)), ("end", .string(s.end.description)),
            ("months", .integer(facts.months.count)),
            (
                "counts",
                .object([
                    ("workloads", .integer(s.workloads.count)), ("accelerators", .integer(s.accelerators.count)),
                    ("providers", .integer(s.providers.count)), ("regions", .integer(s.regions.count)),
                    ("campuses", .integer(s.campuses.count)),
                    ("phases", .integer(s.campuses.reduce(0) { $0 + $1.phases.count })),
                    ("contracts", .integer(s.contracts.count)), ("risks", .integer(s.risks.count)),
                    ("budget_caps", .integer(s.budget.caps.count)),
                ])
            ),
            (
                "planned_capacity_by_provider_mw",
                .object(facts.plannedCapacityByProvider.map { ($0.provider.rawValue, .numbers($0.values)) })
            ),
            (
                "contracts",
                .array(
                    zip(s.contracts, facts.contracts).map { c, t in
                        .object([
                            ("id", .string(c.id.rawValue)), ("provider", .string(c.provider.rawValue)),
                            ("usd_per_mw_month", .number(t.pricing.usdPerMWMonth)),
                            (
                                "usd_per_accelerator_hour",
                                t.pricing.usdPerAcceleratorHour.map(JSONValue.number) ?? .null
                            ),
                            ("planned_mw_months", .number(t.pricing.plannedMWMonths)),
                            ("planned_value_usd", .number(t.pricing.plannedValueUSD)),
                            ("derived_from_total_value", .bool(t.pricing.derivedFromTotalValue)),
                            ("take_or_pay", .number(c.takeOrPayFraction)),
                            ("planned_take_or_pay_minimum_usd", .number(t.plannedTakeOrPayMinimumUSD)),
                        ])
                    })
            ),
            ("uncontracted_phases", .array(uncontractedPhases.map(JSONValue.string))),
        ])
    }
}
