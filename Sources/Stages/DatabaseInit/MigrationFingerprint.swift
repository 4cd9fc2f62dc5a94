import Crypto
import DatabaseMigrations
import Foundation
import Stack

/// What a migration run applies, reduced to one hash: every migration's version, name and
/// checksum, and for stage 08 the seed template and the stack's seed parameters. It is recorded on the cluster after a
/// successful run, so `up` runs the migration task again only when this set changes — a
/// converged stack makes no call that mutates anything.
struct MigrationFingerprint: Sendable, Hashable {
    /// Hex SHA-256, truncated to 32 characters: an AWS tag value, and plenty to tell sets apart.
    let value: String
    /// For the plan: how many migrations the set holds.
    let migrationCount: Int

    static let seedTemplateName = "seed.sql.template"

    /// Reads `directory` the way `tpsctl db-init` does (same validation of names and versions);
    /// `seed` nil: the schema alone (stage 05's run).
    static func compute(directory: URL, seed: DatabaseInitConfig?) throws -> MigrationFingerprint {
        let migrations = try MigrationDirectory.load(from: directory)
        var text = "migrations\n"
        for migration in migrations {
            text += "\(migration.version) \(migration.name) \(migration.checksum)\n"
        }
        let template = directory.appendingPathComponent(seedTemplateName)
        if let seed, let seedSQL = try? String(contentsOf: template, encoding: .utf8) {
            text += "seed \(SHA256.hash(data: Data(seedSQL.utf8)).hexString)\n"
            for key in seed.seedTemplateValues.keys.sorted() {
                text += "\(key)=\(seed.seedTemplateValues[key]!)\n"
            }
        }
        return MigrationFingerprint(hashing: text, migrationCount: migrations.count)
    }

    /// The set as applied to one database (`identity` tells it from any other): a database that
    /// replaced the one the set was applied to (stage 03 recreated the cluster) gets another
    /// value, so `up` runs the migrations against it although the files did not change.
    func applied(toDatabase identity: String) -> MigrationFingerprint {
        MigrationFingerprint(hashing: "\(value)\ndatabase \(identity)\n", migrationCount: migrationCount)
    }

    private init(hashing text: String, migrationCount: Int) {
        value = String(SHA256.hash(data: Data(text.utf8)).hexString.prefix(32))
        self.migrationCount = migrationCount
    }
}

extension SHA256.Digest {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
