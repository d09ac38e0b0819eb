/// A malformed CSV file: where, and what was expected.
///
/// Its ``description`` is `FILE:LINE:COLUMN: error: MESSAGE`, as the scenario reader writes its diagnostics.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line (1-based).
    public var line: Int
    /// The column (1-based, in characters).
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - file: The file's name as the user gave it.
    ///   - line: The line (1-based).
    ///   - column: The column (1-based, in characters).
    ///   - message: What is wrong.
    public init(file: String, line: Int, column: Int, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, as the scenario reader writes its diagnostics.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
