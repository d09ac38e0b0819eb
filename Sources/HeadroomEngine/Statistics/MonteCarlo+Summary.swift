import HeadroomModel

extension SimulationModel {
    /// Turns merged sums and histograms into a ``MonteCarloResult``.
    func summarise(
        totals: [Double], layout: SumLayout, paths: Int, options: MonteCarloOptions, monthly: [LogHistogram],
        online: [LinearHistogram], drivers: [Driver], driverPaths: Int
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
        let providerStatistics = providers.indices.map { p in
            ProviderStatistics(
                id: providers[p],
                meanDeliveredMW: (0..<m).map { totals[layout.providerDelivered + $0 * pc + p] / n },
                meanRevenueUSD: (0..<m).map { totals[layout.providerRevenue + $0 * pc + p] / n },
                meanIdleMW: (0..<m).map { totals[layout.providerIdle + $0 * pc + p] / n },
                expectedTotalRevenueUSD: Self.estimate(
                    sum: totals[layout.providerTotal + p], squares: totals[layout.providerTotalSquares + p], n: n))
        }
        let capStatistics = caps.indices.map { k in
            let exceeded = totals[layout.capExceeded + k]
            return CapStatistics(
                id: caps[k].id, usd: caps[k].usd,
                probabilityExceeded: Self.estimate(sum: exceeded, squares: exceeded, n: n),
                expectedSpendUSD: Self.estimate(
                    sum: totals[layout.capSpend + k], squares: totals[layout.capSpendSquares + k], n: n),
                truncated: caps[k].truncated)
        }
        return MonteCarloResult(
            paths: paths, seed: options.seed, months: (0..<m).map { Month(ordinal: scenario.start.ordinal + $0) },
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
            phases: phases, providers: providerStatistics, caps: capStatistics,
            riskFrequencies: risks.indices.map { NamedValue(name: risks[$0].id.rawValue, value: totals[layout.riskCount + $0] / n) },
            drivers: drivers, driverSamplePaths: driverPaths)
    }
}
