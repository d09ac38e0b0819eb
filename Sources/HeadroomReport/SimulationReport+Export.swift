import HeadroomEngine
import HeadroomModel

extension SimulationReport {
    private func estimate(_ e: Estimate) -> JSONValue {
        .object([("value", .number(e.value)), ("standard_error", .number(e.standardError))])
    }

    /// A monthly statistic: `null` when the run did not compute it, without quantile keys when it kept none.
    private func statistic(_ s: MonthlyStatistic?) -> JSONValue {
        guard let s else { return .null }
        var members: [(String, JSONValue)] = [
            ("mean", .numbers(s.mean)), ("standard_error", .numbers(s.standardError)),
        ]
        for (k, q) in result.quantileLevels.enumerated() where k < s.quantiles.count {
            members.append((levelKey(q), .numbers(s.quantiles[k])))
        }
        return .object(members)
    }

    /// The first whole month at or after a month index, as `YYYY-MM` (`null` for never).
    private func monthLabel(_ index: Double) -> JSONValue {
        guard index.isFinite, let origin = result.months.first else { return .null }
        return .string(SimulationReport.firstFullMonth(index, origin: origin).description)
    }

    private func levelKey(_ q: Double) -> String {
        SimulationReport.levelName(q)
    }

    /// Every statistic as one JSON document (monthly arrays, one value per simulated month).
    ///
    /// Phase online months are month indices from the scenario start (fractional; the month `start + ceil(index)`
    /// is the first full month online); `null` stands for "never" (cancelled in that share of paths).
    public func json() -> JSONValue {
        let families: JSONValue = .array(result.statistics.families.sorted().map { .string($0.rawValue) })
        var members: [(String, JSONValue)] = [
            ("paths", .integer(result.paths)),
            ("seed", .string(String(result.seed))),
            ("seconds", seconds.map(JSONValue.number) ?? .null),
            ("months", .array(result.months.map { .string($0.description) })),
            ("quantile_levels", .numbers(result.quantileLevels)),
            ("power_basis", .string("it")),
            ("statistics", families),
            ("headline", headlineJSON()),
            ("structure", result.structure.map { .string($0.rawValue) } ?? .string("static")),
            ("unserved_mw_months", result.unservedMWMonthsQuantiles.map(Self.quantiles) ?? .null),
            ("total_spend_usd", result.totalSpendQuantiles.map(Self.quantiles) ?? .null),
            ("slow_demand_paths", .integer(result.slowDemandPaths)),
            ("procurement", procurementJSON()),
        ]
        members += [
            ("demand_mw", statistic(result.demand)),
            ("capacity_mw", statistic(result.capacity)),
            ("shortfall_mw", statistic(result.shortfall)),
            ("idle_mw", statistic(result.idle)),
            ("spend_usd", statistic(result.spend)),
            ("shortfall_probability", result.shortfallProbability.map(JSONValue.numbers) ?? .null),
            (
                "shortfall_by_workload_mean_mw",
                .object(result.shortfallByWorkload.map { ($0.name, .numbers($0.values)) })
            ),
        ]
        members += [
            (
                "phases",
                .object(
                    result.phases.map { p in
                        (
                            p.name,
                            .object([
                                ("planned", .number(p.planned)), ("p50", .number(p.p50)), ("p80", .number(p.p80)),
                                ("p90", .number(p.p90)), ("planned_month", monthLabel(p.planned)),
                                ("p50_month", monthLabel(p.p50)),
                                ("p80_month", monthLabel(p.p80)), ("p90_month", monthLabel(p.p90)),
                                ("mean_delay_months", .number(p.meanDelay)),
                                ("probability_cancelled", .number(p.probabilityCancelled)),
                            ])
                        )
                    })
            ),
            ("providers", providersJSON()),
            ("contracts", contractsJSON()),
            ("budget", budgetJSON()),
            ("risk_frequencies", .object(result.riskFrequencies.map { ($0.name, .number($0.value)) })),
            (
                "drivers",
                .object([
                    ("sample_paths", .integer(result.driverSamplePaths)),
                    (
                        "top",
                        .array(
                            result.drivers.map { d in
                                .object([
                                    ("name", .string(d.name)), ("kind", .string(d.kind.rawValue)),
                                    ("rank_correlation", .number(d.rankCorrelation)),
                                ])
                            })
                    ),
                ])
            ),
        ]
        return .object(members)
    }

    /// The headline figures; `null` for those of a family the run did not compute.
    private func headlineJSON() -> JSONValue {
        let h = result.headline
        return .object([
            ("probability_of_any_shortfall", h.map { estimate($0.probabilityOfAnyShortfall) } ?? .null),
            ("expected_unserved_mw_months", h.map { estimate($0.expectedUnservedMWMonths) } ?? .null),
            ("expected_unserved_accelerator_hours", h?.expectedUnservedAcceleratorHours.map(estimate) ?? .null),
            ("expected_unserved_bf16_flop", h?.expectedUnservedFLOP.map(estimate) ?? .null),
            ("expected_peak_shortfall_mw", h.map { estimate($0.expectedPeakShortfallMW) } ?? .null),
            ("expected_total_spend_usd", result.expectedTotalSpendUSD.map(estimate) ?? .null),
        ])
    }

    /// Monthly statistics in long CSV: `month,figure,statistic,value`.
    public func csv() -> String {
        var rows: [[String]] = []
        let series = [
            ("demand_mw", result.demand), ("capacity_mw", result.capacity), ("shortfall_mw", result.shortfall),
            ("idle_mw", result.idle), ("spend_usd", result.spend),
        ]
        for (name, statistic) in series {
            guard let s = statistic else { continue }
            for (t, month) in result.months.enumerated() {
                rows.append([month.description, name, "mean", "\(s.mean[t])"])
                rows.append([month.description, name, "standard_error", "\(s.standardError[t])"])
                for (k, q) in result.quantileLevels.enumerated() where k < s.quantiles.count {
                    rows.append([month.description, name, levelKey(q), "\(s.quantiles[k][t])"])
                }
            }
        }
        for (t, month) in result.months.enumerated() {
            guard let probabilities = result.shortfallProbability else { break }
            rows.append([month.description, "shortfall", "probability", "\(probabilities[t])"])
        }
        for p in result.providers {
            for (t, month) in result.months.enumerated() {
                rows.append([month.description, "provider:\(p.id):delivered_mw", "mean", "\(p.meanDeliveredMW[t])"])
                rows.append([month.description, "provider:\(p.id):revenue_usd", "mean", "\(p.meanRevenueUSD[t])"])
                rows.append([month.description, "provider:\(p.id):idle_mw", "mean", "\(p.meanIdleMW[t])"])
            }
        }
        return TextTable(headers: ["month", "figure", "statistic", "value"], rows: rows).csv()
    }

    private func providersJSON() -> JSONValue {
        .object(
            result.providers.map { p in
                (
                    p.id.rawValue,
                    .object([
                        ("mean_delivered_mw", .numbers(p.meanDeliveredMW)),
                        ("mean_revenue_usd", .numbers(p.meanRevenueUSD)),
                        ("mean_idle_mw", .numbers(p.meanIdleMW)),
                        ("expected_total_revenue_usd", estimate(p.expectedTotalRevenueUSD)),
                        ("mean_revenue_share_usd", .numbers(p.meanRevenueShareUSD)),
                        ("capacity_revenue_usd", Self.quantiles(p.capacityRevenueQuantiles)),
                        ("idle_mw_months", estimate(p.idleMWMonths)),
                        ("idle_mw_months_quantiles", Self.quantiles(p.idleMWMonthsQuantiles)),
                        ("slow_demand_idle_mw_months", p.slowDemandIdleMWMonths.map(estimate) ?? .null),
                        (
                            "slow_demand_idle_mw_months_quantiles",
                            p.slowDemandIdleMWMonthsQuantiles.map(Self.quantiles) ?? .null
                        ),
                        ("expected_idle_paid_usd", .number(p.expectedIdlePaidUSD)),
                        ("expected_idle_unpaid_usd", .number(p.expectedIdleUnpaidUSD)),
                        ("slow_demand_idle_unpaid_usd", p.slowDemandIdleUnpaidUSD.map(JSONValue.number) ?? .null),
                        ("awarded_mw", p.awardedMW.map(estimate) ?? .null),
                        ("mean_awarded_mw", p.awardedMW == nil ? .null : .numbers(p.meanAwardedMW)),
                    ])
                )
            })
    }

    private func contractsJSON() -> JSONValue {
        .array(
            result.contracts.map { c in
                .object([
                    ("id", .string(c.id.rawValue)), ("provider", .string(c.provider.rawValue)),
                    ("usd_per_mw_month", .number(c.pricing.usdPerMWMonth)),
                    ("usd_per_accelerator_hour", c.pricing.usdPerAcceleratorHour.map(JSONValue.number) ?? .null),
                    ("price_derived_from_total_value", .bool(c.pricing.derivedFromTotalValue)),
                    ("take_or_pay", .number(c.takeOrPayFraction)), ("expected_spend_usd", estimate(c.expectedSpendUSD)),
                    ("expected_delivered_mw_months", .number(c.expectedDeliveredMWMonths)),
                    ("expected_take_or_pay_usd", .number(c.expectedTakeOrPayUSD)),
                    ("expected_usage_usd", .number(c.expectedUsageUSD)),
                    ("expected_late_credit_usd", .number(c.expectedLateCreditUSD)),
                ])
            })
    }

    private func budgetJSON() -> JSONValue {
        .array(
            result.caps.map { c in
                .object([
                    ("id", .string(c.id.rawValue)), ("limit_usd", .number(c.usd)),
                    ("probability_exceeded", estimate(c.probabilityExceeded)),
                    ("expected_spend_usd", estimate(c.expectedSpendUSD)),
                    ("spend_usd", Self.quantiles(c.spendQuantiles)),
                    ("window_beyond_horizon", .bool(c.truncated)),
                ])
            })
    }

    private func procurementJSON() -> JSONValue {
        result.procurement.map { p in
            .object([
                ("largest_request_mw", estimate(p.largestRequestMW)),
                ("probability_unplaced", .number(p.probabilityUnplaced)),
                ("mean_largest_unplaced_mw", .number(p.meanLargestUnplacedMW)),
            ])
        } ?? .null
    }

    /// `{"p10": …, "p50": …, "p90": …}`.
    static func quantiles(_ q: PathQuantiles) -> JSONValue {
        .object([("p10", .number(q.p10)), ("p50", .number(q.p50)), ("p90", .number(q.p90))])
    }
}
