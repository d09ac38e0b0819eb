import Foundation
import HeadroomModel
import Yams

/// Reads scenario files (YAML, or JSON through the same parser) into validated ``Scenario`` values.
///
/// Every problem is collected, not just the first: a file that fails throws one ``ScenarioError`` whose diagnostics
/// each carry the file, line, column, field path and what was expected. No input can crash the reader: binary data,
/// huge or deeply nested documents and alias bombs are all reported as diagnostics.
public enum ScenarioReader {
    /// Reads and validates the scenario file at `path`.
    ///
    /// - Parameter path: The file's path.
    /// - Returns: The scenario.
    /// - Throws: ``ScenarioError`` with every problem found; a file that cannot be read gives one diagnostic on line 0.
    public static func read(contentsOf path: String) throws(ScenarioError) -> Scenario {
        func failure(_ code: ScenarioDiagnostic.Code, _ message: String) -> ScenarioError {
            ScenarioError(diagnostics: [
                ScenarioDiagnostic(code: code, message: message, file: path, line: 0, column: 0, path: "")
            ])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw failure(.unreadable, "cannot read the file: it does not exist")
        }
        guard !isDirectory.boolValue else { throw failure(.unreadable, "cannot read the file: it is a directory") }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            let type = attributes[.type] as? FileAttributeType, type != .typeRegular
        {
            throw failure(.unreadable, "cannot read the file: it is not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw failure(.unreadable, "cannot read the file: permission denied or unreadable")
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            // Read at most one byte more than the limit, whatever the file claims its size is.
            data = try handle.read(upToCount: InputGuard.maximumBytes + 1)
        } catch {
            throw failure(.unreadable, "cannot read the file: \(error.localizedDescription)")
        }
        let bytes = [UInt8](data ?? Data())
        if bytes.count > InputGuard.maximumBytes {
            throw failure(.tooLarge, "the file is larger than \(InputGuard.maximumBytes) bytes (16 MiB)")
        }
        return try parse(data: bytes, file: path)
    }

    /// Parses and validates scenario text.
    ///
    /// - Parameters:
    ///   - text: YAML or JSON text.
    ///   - file: The name diagnostics carry.
    /// - Returns: The scenario.
    /// - Throws: ``ScenarioError`` with every problem found.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        try parse(text: text, bytes: Array(text.utf8), file: file)
    }

    /// Parses and validates scenario bytes, which must be UTF-8 text.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The name diagnostics carry.
    /// - Returns: The scenario.
    /// - Throws: ``ScenarioError`` with every problem found; bytes that are not UTF-8 give one `notText` diagnostic.
    public static func parse(data: [UInt8], file: String) throws(ScenarioError) -> Scenario {
        if data.count > InputGuard.maximumBytes {
            throw single(.tooLarge, "the input is larger than \(InputGuard.maximumBytes) bytes (16 MiB)", file, 1, 1)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: data)
            throw single(.notText, "the input is not UTF-8 text (an invalid byte sequence)", file, line, column)
        }
        return try parse(text: text, bytes: data, file: file)
    }

    // MARK: Pipeline

    private static func parse(text original: String, bytes originalBytes: [UInt8], file: String)
        throws(ScenarioError) -> Scenario
    {
        var text = original
        var bytes = originalBytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            // One UTF-8 byte-order mark: editors hide it, and libyaml would count it as a column of the first line.
            text = String(text.unicodeScalars.dropFirst())
            bytes.removeFirst(3)
        }
        if bytes.count > InputGuard.maximumBytes {
            throw single(.tooLarge, "the input is larger than \(InputGuard.maximumBytes) bytes (16 MiB)", file, 1, 1)
        }
        if let problem = InputGuard.scan(bytes) {
            throw single(problem.code, problem.message, file, problem.line, problem.column)
        }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch {
            throw ScenarioError(diagnostics: [syntaxDiagnostic(for: error, text: text, file: file)])
        }
        guard let root = composed else {
            throw single(
                .wrongType, "expected a scenario (a mapping starting with 'headroom: 1'), found an empty document",
                file, 1, 1)
        }
        if let problem = InputGuard.measure(root) {
            throw single(problem.code, problem.message, file, problem.line, problem.column)
        }
        var context = Context(file: file)
        let scenario = context.scenario(root)
        guard context.d.diagnostics.isEmpty, let scenario else {
            if context.d.diagnostics.isEmpty {
                // Unreachable by design (every failed read reports why); never throw an empty error.
                throw single(.invalidValue, "the scenario could not be built", file, 1, 1)
            }
            throw ScenarioError(diagnostics: context.d.diagnostics)
        }
        return scenario
    }

    private static func single(
        _ code: ScenarioDiagnostic.Code, _ message: String, _ file: String, _ line: Int, _ column: Int
    ) -> ScenarioError {
        ScenarioError(diagnostics: [
            ScenarioDiagnostic(code: code, message: message, file: file, line: line, column: column, path: "")
        ])
    }

    /// The line and column (1-based, in Unicode scalars) of the first invalid UTF-8 sequence.
    private static func firstInvalidUTF8(in data: [UInt8]) -> (line: Int, column: Int) {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }

    /// Translates a Yams error into a located `syntax` diagnostic.
    static func syntaxDiagnostic(for error: any Error, text: String, file: String) -> ScenarioDiagnostic {
        func diagnostic(_ code: ScenarioDiagnostic.Code, _ message: String, _ mark: (line: Int, column: Int)?)
            -> ScenarioDiagnostic
        {
            ScenarioDiagnostic(
                code: code, message: message, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: "")
        }
        func located(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> ScenarioDiagnostic {
            var message = "invalid YAML: " + problem
            if let context, !context.text.isEmpty {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return diagnostic(.syntax, message, (mark.line, mark.column))
        }
        guard let yamlError = error as? YamlError else {
            return diagnostic(.syntax, "invalid YAML: \(error)", nil)
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return located(context, problem, mark)
        case .reader(let problem, let offset, _, _):
            return diagnostic(.syntax, "invalid YAML: " + problem, offset.map { mark(ofCharacterOffset: $0, in: text) })
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\(ScalarSyntax.excerpt($0))'" }.joined(separator: ", ")
            return diagnostic(
                .duplicateKey, "duplicate key \(keys) in one mapping", (context.mark.line, context.mark.column))
        case .memory:
            return diagnostic(.tooLarge, "out of memory while parsing", nil)
        default:
            return diagnostic(.syntax, "invalid YAML", nil)
        }
    }

    /// The line and column of the character at `offset` (Yams reports reader errors as character offsets).
    private static func mark(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for (index, character) in text.enumerated() {
            if index >= offset { break }
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }
}

/// The ids declared for one kind of entity, with the line of each first declaration.
struct IDTable {
    /// The kind's name in messages (`provider`).
    let kind: String
    /// Line of the first declaration of each id.
    private(set) var lines: [String: Int] = [:]

    init(kind: String) {
        self.kind = kind
    }

    /// Whether `id` was declared.
    func contains(_ id: String) -> Bool { lines[id] != nil }

    /// Declares `id`; reports a duplicate.
    mutating func declare(_ id: String, at node: Node, path: String, decoder: inout NodeDecoder) {
        if let first = lines[id] {
            decoder.report(
                .duplicateID, "duplicate \(kind) id '\(id)' (first defined at line \(first))", at: node,
                path: path)
        } else {
            lines[id] = node.mark?.line ?? 0
        }
    }

    /// The message for a reference to an undeclared id, with a suggestion when one is close.
    func unknownMessage(_ id: String) -> String {
        var message = "unknown \(kind) '\(ScalarSyntax.excerpt(id))'"
        if lines.count <= Suggestion.maximumCandidates,
            let suggestion = Suggestion.closest(to: id, among: lines.keys.sorted())
        {
            message += "; did you mean '\(suggestion)'?"
        } else if lines.isEmpty {
            message += " (no \(kind) is defined)"
        }
        return message
    }
}

extension ScenarioReader {
    /// The state of one read: the node decoder with its diagnostics, and the ids declared so far.
    struct Context {
        var d: NodeDecoder
        var workloads = IDTable(kind: "workload")
        var accelerators = IDTable(kind: "accelerator")
        var providers = IDTable(kind: "provider")
        var regions = IDTable(kind: "region")
        var campuses = IDTable(kind: "campus")
        var contracts = IDTable(kind: "contract")
        var risks = IDTable(kind: "risk")
        var budgetCaps = IDTable(kind: "budget")
        var offers = IDTable(kind: "offer")
        /// Each campus's provider, by campus id.
        var campusProviders: [String: String] = [:]
        /// Each campus's phases (id → whether it names an accelerator), by campus id.
        var campusPhases: [String: [String: Bool]] = [:]
        /// The contract covering each phase (`campus/phase` → contract id).
        var phaseCoverage: [String: String] = [:]
        /// The scenario's first month, once read.
        var start: Month?
        /// The scenario's last month, once read.
        var end: Month?

        init(file: String) {
            d = NodeDecoder(file: file)
        }

        /// Reads an id and checks that it was declared in `table`.
        mutating func reference<Entity>(_ node: Node, at path: String, _ table: KeyPath<Context, IDTable>)
            -> Identifier<Entity>?
        {
            let ids = self[keyPath: table]
            guard let id: Identifier<Entity> = d.id(node, at: path, kind: ids.kind) else { return nil }
            guard ids.contains(id.rawValue) else {
                d.report(.unknownReference, ids.unknownMessage(id.rawValue), at: node, path: path)
                return nil
            }
            return id
        }

        /// Reads an optional reference field.
        mutating func reference<Entity>(
            _ fields: Fields, _ key: String, _ table: KeyPath<Context, IDTable>, required: Bool = false
        ) -> Identifier<Entity>? {
            guard let node = required ? d.required(fields, key) : fields[key] else { return nil }
            return reference(node, at: fields.path(key), table)
        }

        /// Reads an optional non-empty list of references (`nil` when the key is absent).
        mutating func references<Entity>(
            _ fields: Fields, _ key: String, _ table: KeyPath<Context, IDTable>, required: Bool = false
        ) -> [Identifier<Entity>]? {
            guard let node = required ? d.required(fields, key) : fields[key] else { return nil }
            let path = fields.path(key)
            let what = "a list of \(self[keyPath: table].kind) ids"
            guard let items = d.list(node, at: path, what: what, nonEmpty: true) else { return nil }
            var ids: [Identifier<Entity>] = []
            var seen: Set<String> = []
            for (index, item) in items.enumerated() {
                let itemPath = FieldPath.index(path, index)
                guard let id: Identifier<Entity> = reference(item, at: itemPath, table) else { continue }
                if !seen.insert(id.rawValue).inserted {
                    d.report(.duplicateID, "'\(id)' is listed twice", at: item, path: itemPath)
                }
                ids.append(id)
            }
            return ids.count == items.count ? ids : nil
        }

        /// Reads a list under an optional key and decodes each entry, dropping entries that failed.
        mutating func entries<T>(
            _ fields: Fields, _ key: String, what: String, required: Bool = false,
            _ decode: (inout Context, Node, String) -> T?
        ) -> [T] {
            guard let node = required ? d.required(fields, key) : fields[key] else { return [] }
            let path = fields.path(key)
            guard let items = d.list(node, at: path, what: what, nonEmpty: required) else { return [] }
            var result: [T] = []
            for (index, item) in items.enumerated() {
                if let value = decode(&self, item, FieldPath.index(path, index)) { result.append(value) }
            }
            return result
        }
    }
}

extension ScenarioReader {
    /// Whether `text` is an id the scenario format accepts: `[A-Za-z0-9][A-Za-z0-9._-]*`.
    public static func isValidID(_ text: String) -> Bool {
        ScalarSyntax.isID(text)
    }
}
