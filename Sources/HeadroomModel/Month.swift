/// A calendar month, the simulation's unit of time (`2026-03`).
///
/// Stored as a count of months since January of year 0, so that arithmetic and ordering are integer operations.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Months since January of year 0 (`year * 12 + (month - 1)`).
    public var ordinal: Int

    /// Creates a month from its ordinal (months since January of year 0).
    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// Creates a month from a year and a 1-based month number, or `nil` when either is out of range.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.ordinal = year * 12 + (month - 1)
    }

    /// Parses `YYYY-MM` (for example `2026-03`); returns `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The calendar year.
    public var year: Int { ordinal >= 0 ? ordinal / 12 : (ordinal - 11) / 12 }

    /// The month of the year, 1 to 12.
    public var monthOfYear: Int { ordinal - year * 12 + 1 }

    /// `YYYY-MM`.
    public var description: String {
        let m = monthOfYear
        let y = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - y.count)) + y
        return paddedYear + "-" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// The month `count` months later (earlier when negative).
    public func adding(months count: Int) -> Month {
        Month(ordinal: ordinal + count)
    }

    /// Whole months from `other` to `self` (positive when `self` is later).
    public func months(since other: Month) -> Int {
        ordinal - other.ordinal
    }

    /// Orders months chronologically.
    public static func < (lhs: Month, rhs: Month) -> Bool {
        lhs.ordinal < rhs.ordinal
    }
}

extension Character {
    /// Whether the character is one of `0` … `9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
