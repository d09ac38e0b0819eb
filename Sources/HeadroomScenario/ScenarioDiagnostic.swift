/// One problem found in a scenario file: what kind, where (file, line, column, field path) and what was expected.
///
/// Shaped like swift-nio's `FileSystemError`: a ``Code`` that can grow new cases without breaking clients, a
/// human-readable message, and a location. ``description`` is the compiler-style line the CLI prints:
/// `FILE:LINE:COLUMN: error: PATH: MESSAGE`.
public struct ScenarioDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public var code: Code
    /// What was expected and what was found.
    public var message: String
    /// The file (or the name given to in-memory text) the problem is in.
    public var file: String
    /// The 1-based line of the problem; 0 when the problem is not inside the text (an unreadable file).
    public var line: Int
    /// The 1-based column (in Unicode scalars) of the problem; 0 when the problem is not inside the text.
    public var column: Int
    /// The field path, such as `campuses[2].phases[0].delay_months`; empty for the document as a whole.
    public var path: String

    /// Creates a diagnostic.
    ///
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - message: What was expected and what was found.
    ///   - file: The file the problem is in.
    ///   - line: The 1-based line, or 0 when not inside the text.
    ///   - column: The 1-based column, or 0 when not inside the text.
    ///   - path: The field path, empty for the whole document.
    public init(code: Code, message: String, file: String, line: Int, column: Int, path: String) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    /// `FILE:LINE:COLUMN: error: PATH: MESSAGE` (the `PATH: ` part is left out when the path is empty).
    public var description: String {
        let location = "\(file):\(line):\(column): error: "
        return path.isEmpty ? location + message : location + path + ": " + message
    }

    /// The kind of a ``ScenarioDiagnostic``; a struct over a private enum so that kinds can be added later.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case syntax
            case unknownKey
            case missingKey
            case conflictingKeys
            case duplicateKey
            case wrongType
            case invalidValue
            case duplicateID
            case unknownReference
            case outOfRange
            case unsupportedVersion
            case notText
            case tooLarge
            case tooDeep
            case unreadable
        }

        private var base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The text is not well-formed YAML (or JSON), or uses YAML features the format does not allow.
        public static let syntax = Code(.syntax)
        /// A key the format does not define at that place.
        public static let unknownKey = Code(.unknownKey)
        /// A required key is missing, or none of an exactly-one-of group is present.
        public static let missingKey = Code(.missingKey)
        /// Keys that exclude each other are both present (`it_mw` and `facility_mw`, two price keys, …).
        public static let conflictingKeys = Code(.conflictingKeys)
        /// A mapping repeats a key.
        public static let duplicateKey = Code(.duplicateKey)
        /// A value has the wrong type (a string where a number is expected, a list where a mapping is expected, …).
        public static let wrongType = Code(.wrongType)
        /// A value has the right type but is malformed or inconsistent (a bad month, bad distribution parameters, …).
        public static let invalidValue = Code(.invalidValue)
        /// Two entities of one kind share an id.
        public static let duplicateID = Code(.duplicateID)
        /// An id refers to an entity that does not exist (or not where it must).
        public static let unknownReference = Code(.unknownReference)
        /// A number is outside its allowed range (negative MW, a fraction above 1, beyond ±1e18, …).
        public static let outOfRange = Code(.outOfRange)
        /// The `headroom` format version is not one this build reads.
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// The input is not UTF-8 text.
        public static let notText = Code(.notText)
        /// The input is too large (bytes, or nodes after alias expansion).
        public static let tooLarge = Code(.tooLarge)
        /// The input nests too deeply.
        public static let tooDeep = Code(.tooDeep)
        /// The file could not be read.
        public static let unreadable = Code(.unreadable)

        /// The kind's name, such as `unknownKey`.
        public var description: String { base.rawValue }
    }
}

/// Every problem found in one scenario file; thrown by ``ScenarioReader``.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, sorted by line, then column.
    public var diagnostics: [ScenarioDiagnostic]

    /// Creates an error from its diagnostics, sorting them by line, then column (stable for ties).
    ///
    /// - Parameter diagnostics: The problems found.
    public init(diagnostics: [ScenarioDiagnostic]) {
        self.diagnostics = diagnostics.enumerated()
            .sorted { lhs, rhs in
                (lhs.element.line, lhs.element.column, lhs.offset) < (rhs.element.line, rhs.element.column, rhs.offset)
            }
            .map(\.element)
    }

    /// One diagnostic per line, sorted by line and column.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
