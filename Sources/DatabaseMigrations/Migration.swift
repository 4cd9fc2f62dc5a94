import Crypto
import FoundationEssentials

/// One versioned SQL file. The checksum pins its text once applied, so an edit after the fact
/// is caught instead of silently diverging between databases.
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 hex of the UTF-8 text, as recorded in `schema_migrations.checksum`.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).lowercaseHex
    }
}
