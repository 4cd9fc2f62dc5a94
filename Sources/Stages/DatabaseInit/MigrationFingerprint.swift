import Crypto
import DatabaseMigrations
import Foundation
import Stack

/// What stage 08 applies, reduced to one hash: every migration's version, name and checksum,
/// the seed template and the stack's seed parameters. It is recorded on the cluster after a
/// successful run, so `up` runs the migration task again only when this set changes — a
/// converged stack makes no call that mutates anything.
struct MigrationFingerprint: Sendable, Hashable {
    /// Hex SHA-256, truncated to 32 characters: an AWS tag value, and plenty to tell sets apart.
    let value: String
    /// For the plan: how many migrations the set holds.
    let migrationCount: Int

    static let seedTemplateName = "seed.sql.template"

    /// Reads `directory` the way `tpsctl db-init` does (same validation of names and versions).
    static func compute(directory: URL, seed: DatabaseInitConfig) throws -> MigrationFingerprint {
        let migrations = try MigrationDirectory.load(from: directory)
        var text = "migrations\n"
        for migration in migrations {
            text += "\(migration.version) \(migration.name) \(migration.checksum)\n"
        }
        let template = directory.appendingPathComponent(seedTemplateName)
        if let seedSQL = try? String(contentsOf: template, encoding: .utf8) {
            text += "seed \(SHA256.hash(data: Data(seedSQL.utf8)).hexString)\n"
            for key in seed.seedTemplateValues.keys.sorted() {
                text += "\(key)=\(seed.seedTemplateValues[key]!)\n"
            }
        }
        let digest = SHA256.hash(data: Data(text.utf8)).hexString
        return MigrationFingerprint(value: String(digest.prefix(32)), migrationCount: migrations.count)
    }
}

extension SHA256.Digest {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
