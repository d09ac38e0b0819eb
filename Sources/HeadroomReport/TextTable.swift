/// A plain-text table with a header row, right-aligned numbers and left-aligned labels.
public struct TextTable: Sendable {
    /// Column headings.
    public var headers: [String]
    /// Rows of cells (each as long as `headers`).
    public var rows: [[String]]
    /// An optional title printed above the table.
    public var title: String?

    /// Creates a table.
    public init(title: String? = nil, headers: [String], rows: [[String]] = []) {
        self.title = title
        self.headers = headers
        self.rows = rows
    }

    /// The width terminal tables keep to, in characters.
    public static let terminalWidth = 100

    /// The table as lines of text, the first column left-aligned and the others right-aligned, at most `width`
    /// characters wide: a wider table is split into column groups, each repeating the first column, and a long title
    /// is wrapped.
    public func rendered(width: Int = TextTable.terminalWidth) -> String {
        var widths = headers.map(\.count)
        let columns = max(headers.count, rows.map(\.count).max() ?? 0)
        if widths.count < columns { widths += [Int](repeating: 0, count: columns - widths.count) }
        guard !widths.isEmpty else {
            return (title.map { Self.wrap($0, width: width).joined(separator: "\n") + "\n" } ?? "")
        }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        // Column groups: the first column, then as many others as fit.
        var groups: [[Int]] = []
        var current: [Int] = []
        var used = widths[0]
        for i in 1..<max(1, widths.count) {
            if !current.isEmpty && used + 2 + widths[i] > width {
                groups.append(current)
                current = []
                used = widths[0]
            }
            current.append(i)
            used += 2 + widths[i]
        }
        if !current.isEmpty || groups.isEmpty { groups.append(current) }
        var out: [String] = []
        if let title { out += Self.wrap(title, width: width) }
        for (g, group) in groups.enumerated() {
            let shown = [0] + group
            func line(_ cells: [String]) -> String {
                shown.filter { $0 < cells.count }.map { i -> String in
                    let cell = cells[i]
                    let padding = String(repeating: " ", count: max(0, widths[i] - cell.count))
                    return i == 0 ? cell + padding : padding + cell
                }.joined(separator: "  ")
            }
            if g > 0 { out.append("") }
            out.append(line(headers))
            out.append(shown.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  "))
            out.append(contentsOf: rows.map(line))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole).
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The table as CSV (RFC 4180 quoting).
    public func csv() -> String {
        func quote(_ cell: String) -> String {
            cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingAll("\"", with: "\"\"") + "\"" : cell
        }
        return ([headers] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

/// Number formatting for reports.
public enum Format {
    /// A number with thousands separators and `decimals` decimals (`12,345.6`).
    public static func grouped(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        guard abs(value) < 1e15 else { return scientific(value) }
        let scale = pow10(decimals)
        let rounded = (abs(value) * scale).rounded() / scale
        let integer = Int(rounded.rounded(.down))
        var digits = String(integer)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(digits, at: 0)
        var text = groups.joined(separator: ",")
        if decimals > 0 {
            let fraction = Int(((rounded - Double(integer)) * scale).rounded())
            let f = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - f.count)) + f
        }
        return (value < 0 && rounded != 0 ? "-" : "") + text
    }

    /// MW with no decimals (`1,234`).
    public static func megawatts(_ value: Double) -> String { grouped(value) }

    /// USD in a readable unit (`$12.3B`, `$450M`, `$1.2T`).
    public static func usd(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let sign = value <= -0.5 ? "-" : ""
        // Pick the unit after rounding, so that 999.96e6 reads $1.0B rather than $1,000.0M.
        for (scale, suffix, decimals) in [(1e12, "T", 2), (1e9, "B", 1), (1e6, "M", 1)] {
            let shown = rounded(abs(value) / scale, decimals: decimals)
            if shown >= 1 && (suffix == "T" || shown < 1000) {
                return sign + "$" + grouped(shown, decimals: decimals) + suffix
            }
        }
        return sign + "$" + grouped(abs(value))
    }

    /// `value` rounded to `decimals` decimal places.
    private static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow10(decimals)
        return (value * scale).rounded() / scale
    }

    /// A probability as a percentage (`12.3%`).
    public static func percent(_ value: Double, decimals: Int = 1) -> String {
        value.isFinite ? grouped(value * 100, decimals: decimals) + "%" : "n/a"
    }

    /// A number in scientific notation with 3 significant digits (`1.23e21`).
    public static func scientific(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : "n/a" }
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        // Round first, then renormalise: 9.999e20 reads 1.00e21.
        mantissa = rounded(mantissa, decimals: 2)
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return (value < 0 ? "-" : "") + grouped(mantissa, decimals: 2) + "e" + String(exponent)
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<max(0, n) { r *= 10 }
        return r
    }
}
