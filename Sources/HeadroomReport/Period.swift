import HeadroomModel

/// The reporting period monthly figures are grouped into.
public enum Period: String, Sendable, CaseIterable {
    /// One row per month.
    case month
    /// One row per calendar quarter.
    case quarter
    /// One row per calendar year.
    case year

    /// The label of the period holding `month` (`2026-03`, `2026-Q1`, `2026`).
    public func label(_ month: Month) -> String {
        switch self {
        case .month: month.description
        case .quarter: "\(month.year)-Q\((month.monthOfYear - 1) / 3 + 1)"
        case .year: "\(month.year)"
        }
    }

    /// Groups month indices into consecutive periods: (label, indices).
    public func groups(_ months: [Month]) -> [(label: String, indices: [Int])] {
        var out: [(label: String, indices: [Int])] = []
        for (i, month) in months.enumerated() {
            let l = label(month)
            if let last = out.last, last.label == l {
                out[out.count - 1].indices.append(i)
            } else {
                out.append((l, [i]))
            }
        }
        return out
    }
}

/// How a monthly series aggregates over a period.
public enum Aggregation: Sendable {
    /// A level (MW): the mean over the period's months.
    case average
    /// A flow (USD per month): the sum over the period.
    case sum
    /// A running total: the value in the period's last month.
    case last

    /// Aggregates `values` over `indices`.
    public func apply(_ values: [Double], _ indices: [Int]) -> Double {
        guard !indices.isEmpty else { return 0 }
        switch self {
        case .average: return indices.reduce(0) { $0 + values[$1] } / Double(indices.count)
        case .sum: return indices.reduce(0) { $0 + values[$1] }
        case .last: return values[indices[indices.count - 1]]
        }
    }
}
