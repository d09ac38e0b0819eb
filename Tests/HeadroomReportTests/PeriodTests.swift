import HeadroomModel
import HeadroomReport
import Testing

/// Grouping months into periods, and aggregating monthly series over them.
@Suite("Period and Aggregation")
struct PeriodTests {
    typealias S = ReportScenarios

    /// `count` consecutive months from `first`.
    func months(from first: String, count: Int) -> [Month] {
        (0..<count).map { S.m(first).adding(months: $0) }
    }

    @Test("labels: YYYY-MM, YYYY-Qn, YYYY")
    func labels() {
        #expect(Period.month.label(S.m("2026-03")) == "2026-03")
        #expect(Period.month.label(S.m("2031-12")) == "2031-12")
        for (month, quarter) in [
            ("2026-01", 1), ("2026-03", 1), ("2026-04", 2), ("2026-06", 2), ("2026-07", 3), ("2026-09", 3),
            ("2026-10", 4), ("2026-12", 4),
        ] {
            #expect(Period.quarter.label(S.m(month)) == "2026-Q\(quarter)", "\(month)")
        }
        #expect(Period.year.label(S.m("2026-12")) == "2026")
        #expect(Period.year.label(S.m("2027-01")) == "2027")
        #expect(Period.allCases.map(\.rawValue) == ["month", "quarter", "year"])
    }

    @Test("by month: one group per month, indices in order")
    func byMonth() {
        let g = Period.month.groups(months(from: "2026-11", count: 4))
        #expect(g.map(\.label) == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(g.map(\.indices) == [[0], [1], [2], [3]])
    }

    @Test("by quarter across a year boundary, starting and ending mid-quarter")
    func byQuarter() {
        // 2026-11 … 2027-07: Q4 (Nov, Dec), 2027-Q1 (3), Q2 (3), Q3 (Jul).
        let g = Period.quarter.groups(months(from: "2026-11", count: 9))
        #expect(g.map(\.label) == ["2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3"])
        #expect(g.map(\.indices) == [[0, 1], [2, 3, 4], [5, 6, 7], [8]])
    }

    @Test("by year across year boundaries: partial first and last years")
    func byYear() {
        // 2025-10 … 2027-03: 3 months of 2025, 12 of 2026, 3 of 2027.
        let g = Period.year.groups(months(from: "2025-10", count: 18))
        #expect(g.map(\.label) == ["2025", "2026", "2027"])
        #expect(g.map(\.indices.count) == [3, 12, 3])
        #expect(g[1].indices == Array(3..<15))
        #expect(g.flatMap(\.indices) == Array(0..<18))
    }

    @Test("a 60-month horizon from January is five full years and twenty full quarters")
    func fullHorizon() {
        let m = months(from: "2026-01", count: 60)
        #expect(Period.year.groups(m).map(\.label) == ["2026", "2027", "2028", "2029", "2030"])
        #expect(Period.year.groups(m).allSatisfy { $0.indices.count == 12 })
        #expect(Period.quarter.groups(m).count == 20)
        #expect(Period.quarter.groups(m).allSatisfy { $0.indices.count == 3 })
        #expect(Period.quarter.groups(m).last?.label == "2030-Q4")
    }

    @Test("no months, no groups; groups are consecutive runs of one label")
    func edgeCases() {
        #expect(Period.year.groups([]).isEmpty)
        let g = Period.year.groups([S.m("2026-01"), S.m("2027-01"), S.m("2026-05")])
        #expect(g.map(\.label) == ["2026", "2027", "2026"])
    }

    @Test("aggregation: average, sum and last over some indices")
    func aggregation() {
        let values: [Double] = [1, 2, 3, 4, 10]
        #expect(Aggregation.average.apply(values, [1, 3]) == 3)
        #expect(Aggregation.sum.apply(values, [1, 3]) == 6)
        #expect(Aggregation.last.apply(values, [1, 3]) == 4)
        #expect(Aggregation.average.apply(values, Array(0..<5)) == 4)
        #expect(Aggregation.sum.apply(values, Array(0..<5)) == 20)
        #expect(Aggregation.last.apply(values, Array(0..<5)) == 10)
        #expect(Aggregation.average.apply(values, [4]) == 10)
        #expect(Aggregation.sum.apply([-1.5, 0.5], [0, 1]) == -1)
    }

    @Test("aggregation over no indices is 0")
    func aggregationEmpty() {
        for a in [Aggregation.average, .sum, .last] {
            #expect(a.apply([1, 2, 3], []) == 0)
            #expect(a.apply([], []) == 0)
        }
    }

    @Test("aggregation propagates NaN")
    func aggregationNaN() {
        #expect(Aggregation.sum.apply([1, .nan], [0, 1]).isNaN)
        #expect(Aggregation.average.apply([1, .nan], [0, 1]).isNaN)
        #expect(Aggregation.last.apply([1, .nan], [0]) == 1)
    }
}
