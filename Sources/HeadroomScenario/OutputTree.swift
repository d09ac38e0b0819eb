/// A document to print as YAML or JSON: ordered mappings, lists and typed scalars.
///
/// The writer and the JSON Schema both build one of these, so that the output is deterministic and needs no
/// `[String: Any]` bags.
indirect enum OutputTree: Sendable {
    /// A number, printed so that it reads back bit-identical.
    case number(Double)
    /// A whole number.
    case integer(Int)
    /// Free text, always quoted.
    case string(String)
    /// A word (id, month, inline distribution): plain in YAML when that reads back unchanged, quoted in JSON.
    case word(String)
    /// `true` or `false`.
    case bool(Bool)
    /// A mapping, in the order given.
    case map([(String, OutputTree)])
    /// A list.
    case list([OutputTree])

    // MARK: JSON

    /// Pretty-printed JSON (two-space indent), keys in the given order or sorted.
    func json(sortedKeys: Bool = false) -> String {
        var out = ""
        writeJSON(into: &out, indent: 0, sortedKeys: sortedKeys)
        return out + "\n"
    }

    private func writeJSON(into out: inout String, indent: Int, sortedKeys: Bool) {
        let pad = String(repeating: " ", count: indent + 2)
        let closingPad = String(repeating: " ", count: indent)
        switch self {
        case .number(let value): out += ScalarSyntax.format(value)
        case .integer(let value): out += String(value)
        case .string(let text), .word(let text): out += Self.quoted(text)
        case .bool(let flag): out += flag ? "true" : "false"
        case .map(let pairs):
            guard !pairs.isEmpty else {
                out += "{}"
                return
            }
            let ordered = sortedKeys ? pairs.sorted { $0.0 < $1.0 } : pairs
            out += "{\n"
            for (index, (key, value)) in ordered.enumerated() {
                out += pad + Self.quoted(key) + ": "
                value.writeJSON(into: &out, indent: indent + 2, sortedKeys: sortedKeys)
                out += index == ordered.count - 1 ? "\n" : ",\n"
            }
            out += closingPad + "}"
        case .list(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                item.writeJSON(into: &out, indent: indent + 2, sortedKeys: sortedKeys)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += closingPad + "]"
        }
    }

    /// A double-quoted string valid in both JSON and YAML, escaping everything YAML does not print as itself.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                let printable =
                    (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF && v != 0x2028 && v != 0x2029)
                    || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF) || v >= 0x10000
                if printable {
                    out.unicodeScalars.append(scalar)
                } else {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                }
            }
        }
        return out + "\""
    }

    // MARK: YAML

    /// Block-style YAML with two-space indents.
    func yaml() -> String {
        switch self {
        case .map(let pairs) where !pairs.isEmpty:
            return Self.yamlEntries(pairs, indent: 0)
        case .list(let items) where !items.isEmpty:
            return Self.yamlItems(items, indent: 0)
        default:
            return yamlScalar + "\n"
        }
    }

    /// The inline rendering of a scalar or an empty collection.
    private var yamlScalar: String {
        switch self {
        case .number(let value): ScalarSyntax.format(value)
        case .integer(let value): String(value)
        case .string(let text): Self.quoted(text)
        case .word(let text): Self.isSafePlain(text) ? text : Self.quoted(text)
        case .bool(let flag): flag ? "true" : "false"
        case .map: "{}"
        case .list: "[]"
        }
    }

    private var isBlockCollection: Bool {
        switch self {
        case .map(let pairs): !pairs.isEmpty
        case .list(let items): !items.isEmpty
        default: false
        }
    }

    private static func yamlEntries(_ pairs: [(String, OutputTree)], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for (key, value) in pairs {
            // Keys that some YAML reader takes for something else (`on`, `2026` as ids) are quoted, like words.
            let renderedKey = isSafePlain(key) && !ScalarSyntax.isAmbiguousPlain(key) ? key : quoted(key)
            switch value {
            case .map(let inner) where !inner.isEmpty:
                out += pad + renderedKey + ":\n" + yamlEntries(inner, indent: indent + 2)
            case .list(let items) where !items.isEmpty:
                out += pad + renderedKey + ":\n" + yamlItems(items, indent: indent + 2)
            default:
                out += pad + renderedKey + ": " + value.yamlScalar + "\n"
            }
        }
        return out
    }

    /// The items of a block list, each `- ` at `indent` spaces.
    static func yamlItems(_ items: [OutputTree], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for item in items {
            guard item.isBlockCollection else {
                out += pad + "- " + item.yamlScalar + "\n"
                continue
            }
            // Render the collection two columns in, then put the dash in place of the first line's indent.
            let body: String
            switch item {
            case .map(let pairs): body = yamlEntries(pairs, indent: indent + 2)
            case .list(let inner): body = yamlItems(inner, indent: indent + 2)
            default: body = ""
            }
            out += pad + "- " + body.dropFirst(indent + 2)
        }
        return out
    }

    /// Whether `text` reads back unchanged as a plain YAML scalar in block context.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first),
            last != " ", !ScalarSyntax.isNull(text), !text.contains(": "), !text.contains(" #")
        else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/(),[]+ ".unicodeScalars)
        return text.unicodeScalars.allSatisfy { allowed.contains($0) }
    }
}
