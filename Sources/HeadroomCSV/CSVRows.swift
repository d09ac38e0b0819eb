/// RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks), with each field's position.
public enum CSVRows {
    /// One field and the line and column it starts at.
    public struct Field: Sendable, Hashable {
        /// The field's text, unquoted.
        public var text: String
        /// The line (1-based) the field starts on; later than its record's when an earlier field spans lines.
        public var line: Int
        /// The column (1-based, in characters) the field starts in.
        public var column: Int

        /// Creates a field.
        ///
        /// - Parameters:
        ///   - text: The field's text, unquoted.
        ///   - line: The line (1-based) it starts on; 0 when unknown.
        ///   - column: The column (1-based) it starts in.
        public init(text: String, line: Int = 0, column: Int) {
            self.text = text
            self.line = line
            self.column = column
        }
    }

    /// One record and the line it starts on.
    public struct Row: Sendable, Hashable {
        /// The line (1-based) the record starts on.
        public var line: Int
        /// The record's fields.
        public var fields: [Field]

        /// Creates a record.
        ///
        /// - Parameters:
        ///   - line: The line (1-based) it starts on.
        ///   - fields: Its fields.
        public init(line: Int, fields: [Field]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The header, the non-empty records after it, and the index of each of `columns` in the header.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: The name errors carry.
    ///   - columns: Header names that must be present.
    /// - Returns: The header record, the data records (blank lines left out) and each column's index.
    /// - Throws: ``CSVError`` for an empty file, a missing column or malformed CSV.
    public static func table(_ text: String, file: String, columns: [String]) throws(CSVError) -> (
        header: Row, rows: [Row], columns: [Int]
    ) {
        let rows = try parse(text, file: file)
        guard let header = rows.first else { throw CSVError(file: file, line: 1, column: 1, "the file is empty") }
        var indices: [Int] = []
        for name in columns {
            guard let index = header.fields.firstIndex(where: { $0.text == name }) else {
                throw CSVError(file: file, line: 1, column: 1, "no '\(name)' column in the header")
            }
            indices.append(index)
        }
        return (header, rows.dropFirst().filter { !($0.fields.count == 1 && $0.fields[0].text.isEmpty) }, indices)
    }

    /// The records of `text`.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: The name errors carry.
    /// - Returns: Every record, the header included, with its line and its fields' columns.
    /// - Throws: ``CSVError`` at an unterminated quote or a quote inside an unquoted field.
    public static func parse(_ text: String, file: String) throws(CSVError) -> [Row] {
        var rows: [Row] = []
        var fields: [Field] = []
        var current = ""
        var (line, column) = (1, 1)
        var (rowLine, fieldLine, fieldColumn) = (1, 1, 1)
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
                    throw CSVError(
                        file: file, line: line, column: column, "a quote inside an unquoted field; quote the field")
                }
                quoted = true
                wasQuoted = true
                quoteStart = (line, column)
            case ",":
                fields.append(Field(text: current, line: fieldLine, column: fieldColumn))
                (current, wasQuoted, fieldLine, fieldColumn) = ("", false, line, column + 1)
            case "\n":
                fields.append(Field(text: current, line: fieldLine, column: fieldColumn))
                rows.append(Row(line: rowLine, fields: fields))
                (fields, current, wasQuoted, fieldLine, fieldColumn, rowLine) = ([], "", false, line + 1, 1, line + 1)
            default:
                current.append(c)
            }
        }
        if quoted {
            throw CSVError(file: file, line: quoteStart.0, column: quoteStart.1, "a quoted field is never closed")
        }
        if !current.isEmpty || !fields.isEmpty || wasQuoted {
            fields.append(Field(text: current, line: fieldLine, column: fieldColumn))
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
