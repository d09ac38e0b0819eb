import HeadroomModel

extension SimulationModel {
    /// Turns merged sums and histograms into a ``MonteCarloResult``.
    func summarise(
        totals: [Double], layout: SumLayout, paths: Int, options: MonteCarloOptions, monthly: [LogHistogram],
        perPath: [LogHistogram], online: [LinearHistogram], drivers: [Driver], driverPaths: Int
    ) -> MonteCarloResult {
        let n = Double(paths)
        let m = monthCount
        let pc = providers.count
        let wc = workloads.count
        let levels = options.quantileLevels
        func statistic(_ k: Int) -> MonthlyStatistic {
            var mean = [Double](repeating: 0, count: m)
            var error = [Double](repeating: 0, count: m)
            for t in 0..<m {
                let e = Self.estimate(
                    sum: totals[layout.metricSum + k * m + t], squares: totals[layout.metricSquares + k * m + t], n: n)
                mean[t] = e.value
                error[t] = e.standardError
            }
            let quantiles = levels.map { q in (0..<m).map { t in monthly[k * m + t].quantile(q) ?? 0 } }
            return MonthlyStatistic(mean: mean, standardError: error, quantiles: quantiles)
        }
        func headline(_ slot: HeadlineSlot) -> Estimate {
            Self.estimate(
                sum: totals[layout.headlineSum + slot.rawValue], squares: totals[layout.headlineSquares + slot.rawValue],
                n: n)
        }
        let hasAccelerators = referenceAccelerator.contains { $0 != nil }
        let phases = units.indices.map { u -> PhaseOnline in
            let onlineCount = totals[layout.unitOnlineCount + u]
            return PhaseOnline(
                name: units[u].name, planned: units[u].plannedIndex, p50: online[u].quantile(0.5) ?? .nan,
                p80: online[u].quantile(0.8) ?? .nan, p90: online[u].quantile(0.9) ?? .nan,
                meanDelay: onlineCount > 0 ? totals[layout.unitDelaySum + u] / onlineCount : .nan,
                probabilityCancelled: Double(online[u].infinite) / max(1, Double(online[u].count)))
        }
        func quantiles(_ h: LogHistogram) -> PathQuantiles {
            PathQuantiles(p10: h.quantile(0.1) ?? 0, p50: h.quantile(0.5) ?? 0, p90: h.quantile(0.9) ?? 0)
        }
        func sums(_ offset: Int, _ squares: Int, n: Double) -> Estimate {
            Self.estimate(sum: totals[offset], squares: totals[squares], n: n)
        }
        let slow = totals[layout.slowPaths]
        let dynamic = procurement != nil
        let providerStatistics = providers.indices.map { p in
            ProviderStatistics(
                id: providers[p],
                meanDeliveredMW: (0..<m).map { totals[layout.providerDelivered + $0 * pc + p] / n },
                meanRevenueUSD: (0..<m).map { totals[layout.providerRevenue + $0 * pc + p] / n },
                meanIdleMW: (0..<m).map { totals[layout.providerIdle + $0 * pc + p] / n },
                expectedTotalRevenueUSD: Self.estimate(
                    sum: totals[layout.providerTotal + p], squares: totals[layout.providerTotalSquares + p], n: n),
                meanRevenueShareUSD: (0..<m).map { totals[layout.providerShare + $0 * pc + p] / n },
                capacityRevenueQuantiles: quantiles(perPath[layout.histogramProviderSpend + p]),
                idleMWMonths: sums(layout.providerIdleTotal + p, layout.providerIdleSquares + p, n: n),
                idleMWMonthsQuantiles: quantiles(perPath[layout.histogramProviderIdle + p]),
                slowDemandIdleMWMonths: slow > 0
                    ? sums(layout.providerSlowIdle + p, layout.providerSlowIdleSquares + p, n: slow) : nil,
                slowDemandIdleMWMonthsQuantiles: slow > 0 ? quantiles(perPath[layout.histogramProviderSlowIdle + p]) : nil,
                expectedIdlePaidUSD: totals[layout.providerIdlePaid + p] / n,
                expectedIdleUnpaidUSD: totals[layout.providerIdleUnpaid + p] / n,
                slowDemandIdleUnpaidUSD: slow > 0 ? totals[layout.providerSlowIdleUnpaid + p] / slow : nil,
                awardedMW: dynamic ? sums(layout.providerAwarded + p, layout.providerAwardedSquares + p, n: n) : nil,
                meanAwardedMW: dynamic ? (0..<m).map { totals[layout.awardedByMonth + $0 * pc + p] / n } : [])
        }
        let contractStatistics = contracts.indices.map { c in
            let terms = contracts[c]
            let delivered = totals[layout.contractDelivered + c] / n
            let spend = sums(layout.contractSpend + c, layout.contractSpendSquares + c, n: n)
            let credit = totals[layout.contractCredit + c] / n
            let takeOrPay = terms.pricing.usdPerMWMonth * terms.takeOrPay * delivered
            return ContractStatistics(
                id: terms.id, provider: providers[terms.provider], pricing: terms.pricing,
                takeOrPayFraction: terms.takeOrPay, expectedSpendUSD: spend, expectedDeliveredMWMonths: delivered,
                expectedTakeOrPayUSD: takeOrPay, expectedUsageUSD: Self.roundingNoiseToZero(spend.value + credit - takeOrPay, scale: spend.value),
                expectedLateCreditUSD: credit)
        }
        let capStatistics = caps.indices.map { k in
            let exceeded = totals[layout.capExceeded + k]
            return CapStatistics(
                id: caps[k].id, usd: caps[k].usd,
                probabilityExceeded: Self.estimate(sum: exceeded, squares: exceeded, n: n),
                expectedSpendUSD: Self.estimate(
                    sum: totals[layout.capSpend + k], squares: totals[layout.capSpendSquares + k], n: n),
                spendQuantiles: quantiles(perPath[layout.histogramCapSpend + k]), truncated: caps[k].truncated)
        }
        return MonteCarloResult(
            paths: paths, seed: options.seed, structure: procurement?.structure, months: (0..<m).map { Month(ordinal: scenario.start.ordinal + $0) },
            quantileLevels: levels, demand: statistic(0), capacity: statistic(1), shortfall: statistic(2),
            idle: statistic(3), spend: statistic(4),
            shortfallProbability: (0..<m).map { totals[layout.shortfallPositive + $0] / n },
            shortfallByWorkload: workloads.indices.map { w in
                NamedSeries(name: workloads[w].rawValue, values: (0..<m).map { totals[layout.workloadShortfall + $0 * wc + w] / n })
            },
            headline: Headline(
                expectedUnservedMWMonths: headline(.unservedMWMonths),
                expectedUnservedAcceleratorHours: hasAccelerators ? headline(.unservedAcceleratorHours) : nil,
                expectedUnservedFLOP: hasAccelerators ? headline(.unservedFLOP) : nil,
                probabilityOfAnyShortfall: headline(.anyShortfall), expectedPeakShortfallMW: headline(.peakShortfall),
                expectedTotalSpendUSD: headline(.totalSpend)),
            unservedMWMonthsQuantiles: quantiles(perPath[0]), totalSpendQuantiles: quantiles(perPath[1]),
            phases: phases, providers: providerStatistics, contracts: contractStatistics, caps: capStatistics,
            riskFrequencies: risks.indices.map { NamedValue(name: risks[$0].id.rawValue, value: totals[layout.riskCount + $0] / n) },
            procurement: dynamic
                ? ProcurementStatistics(
                    largestRequestMW: sums(layout.requested, layout.requestedSquares, n: n),
                    probabilityUnplaced: totals[layout.unplacedPaths] / n,
                    meanLargestUnplacedMW: totals[layout.unplacedLargest] / n) : nil,
            slowDemandPaths: Int(slow), drivers: drivers, driverSamplePaths: driverPaths)
    }

    /// `value`, or 0 when it is within floating-point noise of `scale` (a difference of two equal sums).
    static func roundingNoiseToZero(_ value: Double, scale: Double) -> Double {
        abs(value) <= 1e-9 * max(1, abs(scale)) ? 0 : value
    }
}
