import ConfirmWorker
import DatabaseMigrations
import Foundation
import Testing

/// The SQL compiled into confirm-worker is byte for byte templates/db, so `confirm-worker
/// migrate` and `tpsctl` record the same checksums. Fails after a migration is added until
/// scripts/embed-migrations.sh is run.
@Suite struct EmbeddedMigrationsTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../templates/db").standardizedFileURL

    @Test func embeddedMigrationsEqualTemplates() throws {
        let files = try MigrationDirectory.load(from: Self.templates)
        #expect(EmbeddedMigrations.migrations == files, "run scripts/embed-migrations.sh")
        #expect(EmbeddedMigrations.migrations.map(\.checksum) == files.map(\.checksum))
    }

    @Test func embeddedSeedEqualsTemplate() throws {
        let seed = try String(contentsOf: Self.templates.appendingPathComponent("seed.sql.template"), encoding: .utf8)
        #expect(EmbeddedMigrations.seedTemplate == seed, "run scripts/embed-migrations.sh")
    }
}
