import HeadroomModel

/// The slips of `../shared/data/slips.csv`-shaped files, as calibration observations at an as-of month.
///
/// Columns (by header name; others are ignored): `campus`, `phase`, `planned` (YYYY-MM), `online` (YYYY-MM, empty
/// for a phase that fell through). At the as-of month a phase online by then slipped `online − planned` months; a
/// later `online` (an estimate) is not yet known: the phase has slipped at least `as-of − planned` months (right-
/// censored); a row without `online` counts towards the cancellation probability. A phase not yet due at the as-of
/// month says nothing and is listed as skipped.
public struct SlipTable: Sendable, Hashable {
    /// The observations, in file order.
    public var observations: [SlipObservation]
    /// Rows left out, with the line and the reason.
    public var skipped: [SkippedRow]
    /// The as-of month the outcomes are judged at.
    public var asOf: Month

    /// Creates a table of observations judged at `asOf`.
    public init(observations: [SlipObservation], skipped: [SkippedRow], asOf: Month) {
        self.observations = observations
        self.skipped = skipped
        self.asOf = asOf
    }

    /// A row that says nothing at the as-of month.
    public struct SkippedRow: Sendable, Hashable {
        /// Its line in the file (1-based).
        public var line: Int
        /// Why it was left out.
        public var reason: String
    }

    /// Reads `text` (named `file` in errors) at `asOf`, labelling each observation with its `groupColumns`.
    /// - Throws: ``SlipTableError`` naming the file, line and column of the first malformed field.
    public static func parse(_ text: String, file: String, asOf: Month, groupColumns: [String] = [])
        throws(SlipTableError) -> SlipTable
    {
        let (header, rows, columns) = try CSVRows.table(
            text, file: file, columns: ["campus", "phase", "planned", "online"] + groupColumns)
        let (campus, phase, planned, online) = (columns[0], columns[1], columns[2], columns[3])
        let groupIndices = Array(zip(groupColumns, columns.dropFirst(4)))
        var table = SlipTable(observations: [], skipped: [], asOf: asOf)
        for row in rows {
            func field(_ index: Int) -> CSVRows.Field {
                index < row.fields.count
                    ? row.fields[index] : CSVRows.Field(text: "", column: (row.fields.last?.column ?? 0) + 1)
            }
            func month(_ index: Int, required: Bool) throws(SlipTableError) -> Month? {
                let f = field(index)
                if f.text.isEmpty && !required { return nil }
                guard let m = Month(f.text) else {
                    throw SlipTableError(
                        file: file, line: row.line, column: f.column,
                        "\(header.fields[index].text): expected a month YYYY-MM, found '\(f.text)'")
                }
                return m
            }
            let name = "\(field(campus).text)/\(field(phase).text)"
            guard let plannedMonth = try month(planned, required: true) else { continue }
            let onlineMonth = try month(online, required: false)
            let outcome: SlipObservation.Outcome
            if let onlineMonth, onlineMonth <= asOf {
                outcome = .slipped(months: Double(onlineMonth.ordinal - plannedMonth.ordinal))
            } else if plannedMonth >= asOf {
                table.skipped.append(SkippedRow(line: row.line, reason: "\(name): not due by \(asOf)"))
                continue
            } else if onlineMonth != nil {
                outcome = .pending(atLeastMonths: Double(asOf.ordinal - plannedMonth.ordinal))
            } else {
                outcome = .cancelled
            }
            var groups: [String: String] = [:]
            for (group, index) in groupIndices {
                groups[group] = field(index).text.isEmpty ? "(none)" : field(index).text
            }
            table.observations.append(
                SlipObservation(name: name, outcome: outcome, groups: groups, planned: plannedMonth))
        }
        return table
    }

    /// The table with each observation's group labels for `columns` taken from `map`'s extra columns (the
    /// columns a slips map carries besides `campus`, `phase` and `unit`), "(none)" where the map has no value.
    ///
    /// - Parameters:
    ///   - columns: The columns to copy as groups.
    ///   - map: The slips map whose columns annotate the rows.
    /// - Returns: The annotated table.
    public func grouped(by columns: [String], from map: SlipMap) -> SlipTable {
        var table = self
        for i in table.observations.indices {
            for column in columns {
                let value = map.annotations[table.observations[i].name]?[column] ?? ""
                table.observations[i].groups[column] = value.isEmpty ? "(none)" : value
            }
        }
        return table
    }
}

/// A malformed slips file: where, and what was expected.
public struct SlipTableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line (1-based).
    public var line: Int
    /// The column (1-based, in characters).
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, as the scenario reader writes its diagnostics.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks), with each field's position.
enum CSVRows {
    /// One field and the column it starts in.
    struct Field: Sendable, Hashable {
        var text: String
        var column: Int
    }

    /// One record and the line it starts on.
    struct Row: Sendable, Hashable {
        var line: Int
        var fields: [Field]
    }

    /// The header, the non-empty records after it, and the index of each of `columns` in the header.
    /// - Throws: ``SlipTableError`` for an empty file, a missing column or malformed CSV.
    static func table(_ text: String, file: String, columns: [String]) throws(SlipTableError) -> (
        header: Row, rows: [Row], columns: [Int]
    ) {
        let rows = try parse(text, file: file)
        guard let header = rows.first else { throw SlipTableError(file: file, line: 1, column: 1, "the file is empty") }
        var indices: [Int] = []
        for name in columns {
            guard let index = header.fields.firstIndex(where: { $0.text == name }) else {
                throw SlipTableError(file: file, line: 1, column: 1, "no '\(name)' column in the header")
            }
            indices.append(index)
        }
        return (header, rows.dropFirst().filter { !($0.fields.count == 1 && $0.fields[0].text.isEmpty) }, indices)
    }

    /// The records of `text`.
    /// - Throws: ``SlipTableError`` at an unterminated quote or a quote inside an unquoted field.
    static func parse(_ text: String, file: String) throws(SlipTableError) -> [Row] {
        var rows: [Row] = []
        var fields: [Field] = []
        var current = ""
        var (line, column) = (1, 1)
        var (rowLine, fieldColumn) = (1, 1)
        var quoted = false
        var wasQuoted = false
        var quoteStart = (1, 1)
        // Swift reads "\r\n" as one Character; count it as a line break.
        var characters = Array(text).map { $0 == "\r\n" ? "\n" : $0 }[...]
        while let c = characters.popFirst() {
            defer {
                if c == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        current.append("\"")
                        characters.removeFirst()
                        column += 1
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard current.isEmpty && !wasQuoted else {
                    throw SlipTableError(
                        file: file, line: line, column: column, "a quote inside an unquoted field; quote the field")
                }
                quoted = true
                wasQuoted = true
                quoteStart = (line, column)
            case ",":
                fields.append(Field(text: current, column: fieldColumn))
                (current, wasQuoted, fieldColumn) = ("", false, column + 1)
            case "\n":
                fields.append(Field(text: current, column: fieldColumn))
                rows.append(Row(line: rowLine, fields: fields))
                (fields, current, wasQuoted, fieldColumn, rowLine) = ([], "", false, 1, line + 1)
            default:
                current.append(c)
            }
        }
        if quoted {
            throw SlipTableError(
                file: file, line: quoteStart.0, column: quoteStart.1, "a quoted field is never closed")
        }
        if !current.isEmpty || !fields.isEmpty || wasQuoted {
            fields.append(Field(text: current, column: fieldColumn))
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
