import HeadroomCSV

/// One CSV file's text and the name its errors and skipped rows carry.
public struct CSVSource: Sendable, Hashable {
    /// The name (usually the path the user gave).
    public var file: String
    /// The file's text.
    public var text: String

    /// Creates a source.
    ///
    /// - Parameters:
    ///   - file: The name errors and skipped rows carry.
    ///   - text: The file's text.
    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }
}

/// A row of Epoch's `data_centers.csv`: one campus.
struct EpochDataCenter: Sendable, Hashable {
    var line: Int
    var name: String
    var owner: String
    var users: String
    var chipTypes: String
    var country: String
    var address: String
    var project: String
}

/// A row of Epoch's `data_center_timelines.csv`: one dated observation or projection of a campus.
struct EpochTimelineRow: Sendable, Hashable {
    var line: Int
    var dataCenter: String
    /// The `Date` field and its column.
    var date: CSVRows.Field
    /// The `IT power (MW)` field and its column.
    var itPower: CSVRows.Field
    /// The `Power (MW)` field and its column.
    var power: CSVRows.Field
    /// `H100 equivalents`, when the column is there.
    var h100e: String
}

/// Reads Epoch's two files by header name; other columns are ignored.
enum EpochTables {
    /// The data-center rows.
    static func dataCenters(_ source: CSVSource) throws(CSVError) -> [EpochDataCenter] {
        let required = ["Name", "Owner", "Users", "Current chip types", "Country", "Address"]
        let (header, rows, columns) = try CSVRows.table(source.text, file: source.file, columns: required)
        let project = header.fields.firstIndex { $0.text == "Project" }
        return try rows.map { (row) throws(CSVError) in
            try checkWidth(row, header, source.file)
            func text(_ index: Int) -> String { row.fields[index].text }
            return EpochDataCenter(
                line: row.line, name: text(columns[0]).trimmingSpaces, owner: text(columns[1]),
                users: text(columns[2]), chipTypes: text(columns[3]), country: text(columns[4]).trimmingSpaces,
                address: text(columns[5]), project: project.map(text) ?? "")
        }
    }

    /// The timeline rows, in file order.
    static func timelines(_ source: CSVSource) throws(CSVError) -> [EpochTimelineRow] {
        let required = ["Data center", "Date", "IT power (MW)", "Power (MW)"]
        let (header, rows, columns) = try CSVRows.table(source.text, file: source.file, columns: required)
        let h100e = header.fields.firstIndex { $0.text == "H100 equivalents" }
        return try rows.map { (row) throws(CSVError) in
            try checkWidth(row, header, source.file)
            return EpochTimelineRow(
                line: row.line, dataCenter: row.fields[columns[0]].text.trimmingSpaces, date: row.fields[columns[1]],
                itPower: row.fields[columns[2]], power: row.fields[columns[3]],
                h100e: h100e.map { row.fields[$0].text } ?? "")
        }
    }

    /// Checks that `row` has as many fields as the header.
    ///
    /// - Throws: ``CSVError`` at the end of a short row, or at the first field past the header's last column.
    static func checkWidth(_ row: CSVRows.Row, _ header: CSVRows.Row, _ file: String) throws(CSVError) {
        let expected = header.fields.count
        guard row.fields.count != expected else { return }
        if row.fields.count < expected, let last = row.fields.last {
            throw CSVError(
                file: file, line: last.line, column: last.column + last.text.count,
                "expected \(expected) fields (as in the header), found \(row.fields.count)")
        }
        let extra = row.fields[min(expected, row.fields.count - 1)]
        throw CSVError(
            file: file, line: extra.line, column: extra.column,
            "expected \(expected) fields (as in the header), found \(row.fields.count)")
    }
}
