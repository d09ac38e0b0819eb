import Foundation
import Yams

/// What changed between two scenario texts, field by field: only the paths whose values differ.
///
/// Both texts are read as YAML trees (comments and layout do not count). Mappings are compared key by key; lists
/// whose items all have an `id` are compared item by item by id (`contracts[aws-38b].price_usd_per_mw_month`),
/// other lists by position (`demand[0].anchors[2].mw`). Scalars compare as the text YAML gives them.
public struct ScenarioDiff: Sendable, Hashable, Codable {
    /// One changed field.
    public struct Change: Sendable, Hashable, Codable {
        /// The field's path.
        public var path: String
        /// `added`, `removed` or `changed`.
        public var kind: Kind
        /// The old value (a scalar, or the subtree as flow YAML), when there was one.
        public var before: String?
        /// The new value, when there is one.
        public var after: String?

        /// How a field changed.
        public enum Kind: String, Sendable, Hashable, Codable {
            /// Only in the new text.
            case added
            /// Only in the old text.
            case removed
            /// In both, with different values.
            case changed
        }
    }

    /// The changes, in path order of the new text.
    public var changes: [Change]

    /// The diff from `old` to `new`.
    /// - Throws: ``StoreError/Code/invalidInput`` when a text is not YAML.
    public init(from old: String, to new: String) throws(StoreError) {
        let a = try Self.load(old, which: "the old version")
        let b = try Self.load(new, which: "the new version")
        var changes: [Change] = []
        Self.compare(a, b, path: "", into: &changes)
        self.changes = changes
    }

    private static func load(_ text: String, which: String) throws(StoreError) -> Any? {
        do {
            return try Yams.load(yaml: text)
        } catch {
            throw StoreError(.invalidInput, "\(which) is not YAML: \(error)")
        }
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    private static func compare(_ a: Any?, _ b: Any?, path: String, into changes: inout [Change]) {
        switch (a, b) {
        case (nil, nil):
            return
        case (nil, let b?):
            changes.append(Change(path: path, kind: .added, before: nil, after: render(b)))
        case (let a?, nil):
            changes.append(Change(path: path, kind: .removed, before: render(a), after: nil))
        case (let a as [String: Any], let b as [String: Any]):
            for key in b.keys.sorted() { compare(a[key], b[key], path: join(path, key), into: &changes) }
            for key in a.keys.sorted() where b[key] == nil {
                compare(a[key], nil, path: join(path, key), into: &changes)
            }
        case (let a as [Any], let b as [Any]):
            if let ka = keyed(a), let kb = keyed(b) {
                for (id, item) in kb.order.map({ ($0, kb.items[$0]) }) {
                    compare(ka.items[id], item, path: path + "[\(id)]", into: &changes)
                }
                for id in ka.order where kb.items[id] == nil {
                    compare(ka.items[id], nil, path: path + "[\(id)]", into: &changes)
                }
            } else {
                for i in 0..<max(a.count, b.count) {
                    compare(i < a.count ? a[i] : nil, i < b.count ? b[i] : nil, path: path + "[\(i)]", into: &changes)
                }
            }
        default:
            let (ra, rb) = (render(a), render(b))
            if ra != rb { changes.append(Change(path: path, kind: .changed, before: ra, after: rb)) }
        }
    }

    /// The items of a list keyed by their `id`, when every item is a mapping with a distinct scalar id.
    private static func keyed(_ list: [Any]) -> (order: [String], items: [String: Any])? {
        var order: [String] = []
        var items: [String: Any] = [:]
        for item in list {
            guard let mapping = item as? [String: Any], let id = mapping["id"].map({ "\($0)" }), items[id] == nil else {
                return nil
            }
            order.append(id)
            items[id] = item
        }
        return order.isEmpty ? nil : (order, items)
    }

    /// A value as one line: scalars as YAML reads them, trees as flow-style YAML.
    private static func render(_ value: Any?) -> String {
        guard let value else { return "" }
        if value is [String: Any] || value is [Any] {
            let text = (try? Yams.dump(object: value, width: -1, sortKeys: true)) ?? "\(value)"
            return text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
        }
        return "\(value)"
    }
}

extension ScenarioStore {
    /// The structural diff between versions `old` and `new` (hashes).
    /// - Throws: ``StoreError``: an unknown version, a text that is not YAML.
    public func diff(_ old: String, _ new: String) throws(StoreError) -> ScenarioDiff {
        try ScenarioDiff(from: version(old).text, to: version(new).text)
    }
}
