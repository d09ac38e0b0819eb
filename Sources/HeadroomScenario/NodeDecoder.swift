import HeadroomModel
import Yams

/// Field paths such as `campuses[2].phases[0].delay_months`.
enum FieldPath {
    /// `base.key`, or `key` at the root.
    static func key(_ base: String, _ key: String) -> String {
        base.isEmpty ? key : base + "." + key
    }

    /// `base[index]`.
    static func index(_ base: String, _ index: Int) -> String {
        "\(base)[\(index)]"
    }
}

/// The entries of one YAML mapping whose keys have been checked against the keys allowed there.
struct Fields {
    /// The mapping's field path.
    let path: String
    /// The mapping node itself.
    let node: Node
    /// The entries by key name, in file order, without unknown or duplicate keys.
    private(set) var entries: [(name: String, key: Node, value: Node)]
    /// Known keys that an unknown key was reported as a likely misspelling of (`delay_month` → `delay_months`);
    /// their absence is not reported again.
    let misspelled: Set<String>

    init(path: String, node: Node, entries: [(name: String, key: Node, value: Node)], misspelled: Set<String> = []) {
        self.path = path
        self.node = node
        self.entries = entries
        self.misspelled = misspelled
    }

    /// The value of `name`, if present.
    subscript(_ name: String) -> Node? {
        entries.first { $0.name == name }?.value
    }

    /// The key node of `name`, if present (for locating problems with the key itself).
    func keyNode(_ name: String) -> Node? {
        entries.first { $0.name == name }?.key
    }

    /// Whether `name` is present.
    func has(_ name: String) -> Bool {
        entries.contains { $0.name == name }
    }

    /// The field path of `name` inside this mapping.
    func path(_ name: String) -> String {
        FieldPath.key(path, name)
    }
}

/// Allowed ranges for numbers, with the wording used in messages.
enum NumberRange {
    /// Any finite number within ±1e18.
    case any
    /// `≥ 0`.
    case nonNegative
    /// `> 0`.
    case positive
    /// `[0, 1]`.
    case fraction
    /// `[0, 1)`.
    case rate
    /// `(0, 1)`: a probability level such as a CVaR's α.
    case openUnit
    /// `(0, 1]`: a share that must leave something.
    case positiveFraction
    /// `≥ bound`.
    case atLeast(Double)

    /// Whether `value` is allowed.
    func contains(_ value: Double) -> Bool {
        switch self {
        case .any: true
        case .nonNegative: value >= 0
        case .positive: value > 0
        case .fraction: value >= 0 && value <= 1
        case .rate: value >= 0 && value < 1
        case .openUnit: value > 0 && value < 1
        case .positiveFraction: value > 0 && value <= 1
        case .atLeast(let bound): value >= bound
        }
    }

    /// The expectation, as in "expected a number ≥ 0".
    var expectation: String {
        switch self {
        case .any: "a number"
        case .nonNegative: "a number ≥ 0"
        case .positive: "a number > 0"
        case .fraction: "a number in [0, 1]"
        case .rate: "a number in [0, 1)"
        case .openUnit: "a number in (0, 1)"
        case .positiveFraction: "a number in (0, 1]"
        case .atLeast(let bound): "a number ≥ \(ScalarSyntax.format(bound))"
        }
    }
}

/// Reads typed values out of Yams nodes, recording a located ``ScenarioDiagnostic`` for every problem.
///
/// Every reader returns `nil` after recording a diagnostic, so callers can carry on and collect every problem; a
/// scenario is only built when no diagnostic was recorded.
struct NodeDecoder {
    /// The file name diagnostics carry.
    let file: String
    /// The problems found so far, in the order found.
    private(set) var diagnostics: [ScenarioDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    // MARK: Reporting

    /// Records a problem at `mark` (line 1, column 1 when the node carries no mark).
    mutating func report(_ code: ScenarioDiagnostic.Code, _ message: String, at mark: Mark?, path: String) {
        diagnostics.append(
            ScenarioDiagnostic(
                code: code, message: message, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: path)
        )
    }

    /// Records a problem located at `node`.
    mutating func report(_ code: ScenarioDiagnostic.Code, _ message: String, at node: Node, path: String) {
        report(code, message, at: node.mark, path: path)
    }

    /// A short description of what a node is, for "expected …, found …" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain && scalar.style != .any {
                return "the string \"\(ScalarSyntax.excerpt(scalar.string))\""
            }
            let text = scalar.string
            if ScalarSyntax.isNull(text) { return "null" }
            if let flag = ScalarSyntax.boolean(text) { return "the boolean \(flag)" }
            if text.lowercased() == ".nan" { return "\(text) (NaN is not allowed)" }
            if ScalarSyntax.isSpecialFloat(text) { return "\(text) (infinity is not allowed)" }
            return "'\(ScalarSyntax.excerpt(text))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Structure

    /// Reads a mapping whose keys must be among `keys`; reports unknown (with a suggestion) and repeated keys.
    ///
    /// - Parameters:
    ///   - node: The node that should be a mapping.
    ///   - path: Its field path.
    ///   - keys: The keys allowed there.
    ///   - what: What the mapping is, for messages ("a campus").
    /// - Returns: The known entries, or `nil` when the node is not a mapping.
    mutating func fields(_ node: Node, at path: String, keys: [String], what: String) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType, "expected \(what) (a mapping), found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        var entries: [(name: String, key: Node, value: Node)] = []
        var seen: [String: Int] = [:]
        var misspelled: Set<String> = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(.syntax, "expected a key name, found \(Self.describe(key))", at: key, path: path)
                continue
            }
            let name = scalar.string
            let keyPath = FieldPath.key(path, name)
            if let firstLine = seen[name] {
                report(.duplicateKey, "duplicate key '\(name)' (first at line \(firstLine))", at: key, path: keyPath)
                continue
            }
            seen[name] = key.mark?.line ?? 0
            guard keys.contains(name) else {
                var message = "unknown key '\(ScalarSyntax.excerpt(name))'"
                if let suggestion = Suggestion.closest(to: name, among: keys) {
                    message += "; did you mean '\(suggestion)'?"
                    misspelled.insert(suggestion)
                } else {
                    message += "; expected one of: " + keys.joined(separator: ", ")
                }
                report(.unknownKey, message, at: key, path: keyPath)
                continue
            }
            entries.append((name, key, value))
        }
        return Fields(path: path, node: node, entries: entries, misspelled: misspelled)
    }

    /// Reads a list; reports a non-list, and an empty list when `nonEmpty`.
    mutating func list(_ node: Node, at path: String, what: String, nonEmpty: Bool = false) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(.wrongType, "expected \(what) (a list), found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        if nonEmpty && sequence.isEmpty {
            report(.invalidValue, "expected \(what) with at least one entry, found an empty list", at: node, path: path)
            return nil
        }
        return Array(sequence)
    }

    /// The value of a required key, reporting its absence at the mapping.
    mutating func required(_ fields: Fields, _ key: String, meaning: String? = nil) -> Node? {
        if let value = fields[key] { return value }
        guard !fields.misspelled.contains(key) else { return nil }
        let detail = meaning.map { " (\($0))" } ?? ""
        report(.missingKey, "missing required key '\(key)'\(detail)", at: fields.node, path: fields.path(key))
        return nil
    }

    /// Checks that exactly one of `keys` is present and returns it; reports none or several.
    mutating func exactlyOne(_ fields: Fields, of keys: [String]) -> String? {
        let present = keys.filter { fields.has($0) }
        let options = keys.map { "'\($0)'" }
        let list = options.count == 2 ? options.joined(separator: " or ") : options.joined(separator: ", ")
        switch present.count {
        case 1:
            return present[0]
        case 0:
            guard fields.misspelled.isDisjoint(with: keys) else { return nil }
            report(.missingKey, "expected exactly one of \(list), found none", at: fields.node, path: fields.path)
            return nil
        default:
            let second = present[1]
            let found = present.map { "'\($0)'" }.joined(separator: " and ")
            report(
                .conflictingKeys, "expected exactly one of \(list), found \(found)",
                at: fields.keyNode(second) ?? fields.node, path: fields.path(second))
            return nil
        }
    }

    // MARK: Scalars

    /// Reads a string (any scalar but null).
    mutating func string(_ node: Node, at path: String, what: String = "a string") -> String? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType, "expected \(what), found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        if scalar.style == .plain && ScalarSyntax.isNull(scalar.string) {
            report(.wrongType, "expected \(what), found null", at: node, path: path)
            return nil
        }
        return scalar.string
    }

    /// Reads a number: finite, within ±1e18 and in `range`; reports strings, booleans, NaN and infinity.
    mutating func number(_ node: Node, at path: String, _ range: NumberRange = .any) -> Double? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = ScalarSyntax.number(scalar.string)
        else {
            report(.wrongType, "expected \(range.expectation), found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        guard checkMagnitude(value, text: scalar.string, at: node, path: path) else { return nil }
        guard range.contains(value) else {
            report(.outOfRange, "expected \(range.expectation), found \(scalar.string)", at: node, path: path)
            return nil
        }
        return value
    }

    /// Reports a number that is infinite or beyond ±1e18; returns whether it is fine.
    mutating func checkMagnitude(_ value: Double, text: String, at node: Node, path: String) -> Bool {
        guard value.isFinite, abs(value) <= ScalarSyntax.numberLimit else {
            report(
                .outOfRange, "number \(ScalarSyntax.excerpt(text)) is out of range (allowed: -1e18 to 1e18)",
                at: node, path: path)
            return false
        }
        return true
    }

    /// Reads a whole number within `range`; `1e30` and `2.5` are reported, never trapped on.
    mutating func integer(_ node: Node, at path: String, in range: ClosedRange<Int>) -> Int? {
        let expectation = Self.integerExpectation(range)
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = ScalarSyntax.number(scalar.string)
        else {
            report(.wrongType, "expected \(expectation), found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        guard checkMagnitude(value, text: scalar.string, at: node, path: path) else { return nil }
        guard value == value.rounded() else {
            report(.wrongType, "expected \(expectation), found \(scalar.string)", at: node, path: path)
            return nil
        }
        // |value| ≤ 1e18 < Int64.max, so the conversion cannot trap.
        let whole = Int(value)
        guard range.contains(whole) else {
            report(.outOfRange, "expected \(expectation), found \(scalar.string)", at: node, path: path)
            return nil
        }
        return whole
    }

    private static func integerExpectation(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case (Int.min, Int.max): "a whole number"
        case (let low, Int.max): "a whole number ≥ \(low)"
        default: "a whole number in \(range.lowerBound)…\(range.upperBound)"
        }
    }

    /// Reads `true` or `false`.
    mutating func bool(_ node: Node, at path: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let flag = ScalarSyntax.boolean(scalar.string)
        else {
            report(.wrongType, "expected true or false, found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        return flag
    }

    /// Reads a month `YYYY-MM` (quoted or plain).
    mutating func month(_ node: Node, at path: String) -> Month? {
        guard case .scalar(let scalar) = node, !(scalar.style == .plain && ScalarSyntax.isNull(scalar.string)) else {
            report(.wrongType, "expected a month YYYY-MM, found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        let text = scalar.string
        guard ScalarSyntax.looksLikeMonth(text), let month = Month(text) else {
            let detail =
                ScalarSyntax.looksLikeMonth(text)
                ? "expected a month YYYY-MM with MM in 01…12 and a year from 0001, found '\(text)'"
                : "expected a month YYYY-MM (such as 2026-03), found \(Self.describe(node))"
            report(.invalidValue, detail, at: node, path: path)
            return nil
        }
        return month
    }

    /// Reads an id: `[A-Za-z0-9][A-Za-z0-9._-]*`.
    mutating func id<Entity>(_ node: Node, at path: String, kind: String) -> Identifier<Entity>? {
        guard let text = string(node, at: path, what: "a \(kind) id") else { return nil }
        guard ScalarSyntax.isID(text) else {
            report(
                .invalidValue,
                "expected a \(kind) id (letters, digits, '.', '_', '-', starting with a letter or digit), "
                    + "found '\(ScalarSyntax.excerpt(text))'",
                at: node, path: path)
            return nil
        }
        return Identifier(text)
    }

    /// Reads one of an enumeration's raw values, listing the allowed ones when it is not.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, at path: String, as type: T.Type) -> T?
    where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        let expectation = "one of " + allowed.joined(separator: ", ")
        guard let text = string(node, at: path, what: expectation) else { return nil }
        if let value = T(rawValue: text) { return value }
        var message = "expected \(expectation), found '\(ScalarSyntax.excerpt(text))'"
        if let suggestion = Suggestion.closest(to: text, among: allowed) {
            message += "; did you mean '\(suggestion)'?"
        }
        report(.invalidValue, message, at: node, path: path)
        return nil
    }

    // MARK: Fields by key

    /// Reads an optional (or required) number field.
    mutating func number(_ fields: Fields, _ key: String, _ range: NumberRange = .any, required: Bool = false)
        -> Double?
    {
        guard let node = value(fields, key, required: required) else { return nil }
        return number(node, at: fields.path(key), range)
    }

    /// Reads an optional (or required) whole-number field.
    mutating func integer(_ fields: Fields, _ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let node = value(fields, key, required: required) else { return nil }
        return integer(node, at: fields.path(key), in: range)
    }

    /// Reads an optional (or required) string field.
    mutating func string(_ fields: Fields, _ key: String, required: Bool = false) -> String? {
        guard let node = value(fields, key, required: required) else { return nil }
        return string(node, at: fields.path(key))
    }

    /// Reads an optional (or required) month field.
    mutating func month(_ fields: Fields, _ key: String, required: Bool = false) -> Month? {
        guard let node = value(fields, key, required: required) else { return nil }
        return month(node, at: fields.path(key))
    }

    private mutating func value(_ fields: Fields, _ key: String, required: Bool) -> Node? {
        required ? self.required(fields, key) : fields[key]
    }
}
