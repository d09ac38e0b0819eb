import Crypto
import Foundation
import GRDB
import HeadroomScenario

/// What an API key may do.
public enum APIRole: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Reads scenarios, versions, runs and results.
    case viewer
    /// Reads, and writes: new scenarios and versions, runs, cancellations.
    case editor
}

/// A stored API key: its name and role; the key itself is kept only as its SHA-256.
public struct APIKey: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The table.
    public static let databaseTableName = "api_key"
    /// Who holds it (it names the caller in the audit table).
    public var name: String
    /// The lowercase hex SHA-256 of the key.
    public var keyHash: String
    /// What it may do.
    public var role: APIRole
    /// When it was made.
    public var createdAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    enum CodingKeys: String, CodingKey {
        case name, role
        case keyHash = "key_hash"
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }
}

extension ScenarioStore {
    /// Makes an API key for `name` with `role`; only its hash is stored.
    /// - Returns: the key (`hr_` and 43 base64url characters of 32 random bytes), shown once.
    /// - Throws: ``StoreError``: a malformed or taken name.
    public func createAPIKey(name: String, role: APIRole, by author: String) throws(StoreError) -> String {
        guard name.count <= 200, ScenarioReader.isValidID(name) else {
            throw StoreError(.invalidInput, "key name '\(name)': expected letters, digits, '.', '_', '-'")
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let key =
            "hr_"
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try write { db throws(StoreError) in
            if try run({ try APIKey.exists(db, key: name) }) { throw StoreError(.conflict, "key \(name) exists") }
            let record = APIKey(
                name: name, keyHash: Self.keyHash(key), role: role, createdAt: currentDate(), revokedAt: nil)
            try run { try record.insert(db) }
            try recordAudit(db, actor: author, action: "create-key", target: "\(name) (\(role.rawValue))")
        }
        return key
    }

    /// The unrevoked key whose hash matches `key`, if any.
    public func apiKey(matching key: String) throws(StoreError) -> APIKey? {
        let hash = Self.keyHash(key)
        return try read { db throws(StoreError) in
            try run {
                try APIKey.filter(Column("key_hash") == hash && Column("revoked_at") == nil).fetchOne(db)
            }
        }
    }

    /// Every key (revoked ones included), by name.
    public func apiKeys() throws(StoreError) -> [APIKey] {
        try read { db throws(StoreError) in try run { try APIKey.order(Column("name")).fetchAll(db) } }
    }

    /// Whether any unrevoked key exists (a server with none runs open, on loopback only).
    public func hasActiveAPIKeys() throws(StoreError) -> Bool {
        try read { db throws(StoreError) in
            try run { try APIKey.filter(Column("revoked_at") == nil).fetchCount(db) > 0 }
        }
    }

    /// Revokes the key named `name`.
    /// - Throws: ``StoreError/Code/notFound`` when there is no such unrevoked key.
    public func revokeAPIKey(name: String, by author: String) throws(StoreError) {
        try write { db throws(StoreError) in
            guard var record = try run({ try APIKey.fetchOne(db, key: name) }), record.revokedAt == nil else {
                throw StoreError(.notFound, "no active key \(name)")
            }
            record.revokedAt = currentDate()
            try run { try record.update(db) }
            try recordAudit(db, actor: author, action: "revoke-key", target: name)
        }
    }

    /// The lowercase hex SHA-256 of a key.
    static func keyHash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
