import HeadroomModel

/// The small parsers the Epoch import shares: ids from names, tags, numbers and dates.
enum EpochText {
    /// A scenario id from a name: lower-case ASCII letters and digits, every other run of characters one `-`
    /// (`Google Pryor (North)` → `google-pryor-north`); `nil` when nothing is left.
    static func slug(_ name: String) -> String? {
        var out = ""
        var pendingDash = false
        for scalar in name.unicodeScalars {
            let lower = ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
            if ("a"..."z").contains(lower) || ("0"..."9").contains(lower) {
                if pendingDash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(lower)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The names of a comma-separated Epoch cell, confidence tags (`#confident`, `#likely`) stripped
    /// (`Anthropic #confident, Cursor` → `["Anthropic", "Cursor"]`).
    static func names(_ cell: String) -> [String] {
        cell.split(separator: ",").compactMap { part in
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .filter { !$0.hasPrefix("#") }
            return words.isEmpty ? nil : words.joined(separator: " ")
        }
    }

    /// Whether any of `names` equals any of `wanted`, ignoring case.
    static func matches(_ names: [String], _ wanted: [String]) -> Bool {
        let lowered = Set(names.map { $0.lowercased() })
        return wanted.contains { lowered.contains($0.lowercased()) }
    }

    /// A plain decimal number (`946`, `47.6`, `1.1e+21`); `nil` for anything else, infinities and NaN included.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ "0123456789.eE+-".unicodeScalars.contains($0) }),
            let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }

    /// The leading number of a loosely written figure (`~980 (unofficial)` → 980, `1400` → 1400); `nil` when the
    /// text does not start with one.
    static func leadingNumber(_ text: String) -> Double? {
        var scalars = Substring(text.trimmingSpaces)
        if scalars.hasPrefix("~") { scalars = scalars.dropFirst() }
        let digits = scalars.prefix { "0123456789.".contains($0) }
        guard !digits.isEmpty, let value = Double(digits), value.isFinite else { return nil }
        return value
    }

    /// A date `YYYY-MM-DD` (or `YYYY-MM`) as its month and its sortable text; `nil` for anything else.
    static func date(_ text: String) -> (month: Month, sortKey: String)? {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let month = Month(parts[0] + "-" + parts[1]) else { return nil }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return nil }
            return (month, trimmed)
        }
        return (month, trimmed + "-00")
    }

    /// A month from an availability such as `2023`, `2023-12`, `2025-H2` or `2025-Q3` (its first month).
    static func availability(_ text: String) -> Month? {
        let trimmed = text.trimmingSpaces
        if let month = Month(trimmed) { return month }
        let parts = trimmed.split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        guard parts.count == 2 else { return parts.count == 1 ? Month(year: year, month: 1) : nil }
        switch parts[1] {
        case "H1", "Q1": return Month(year: year, month: 1)
        case "Q2": return Month(year: year, month: 4)
        case "H2", "Q3": return Month(year: year, month: 7)
        case "Q4": return Month(year: year, month: 10)
        default: return nil
        }
    }

    /// `value` in its shortest readable form (`239`, `47.7`, `1.351`).
    static func figure(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// `text` with its line breaks as spaces, so that it stays on one comment line.
    static func unbroken(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// Text for one comment line: line breaks and tabs become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }).trimmingSpaces
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
