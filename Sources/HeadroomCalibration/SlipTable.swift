import HeadroomCSV
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

/// A malformed slips file: where, and what was expected (the shared located CSV error).
public typealias SlipTableError = CSVError
