@testable import DatabaseMigrations
import Foundation
import Testing

/// Against the real PostgreSQL in TPS_DATABASE_URL, each test in its own fresh database.
@Suite("Migration runner (PostgreSQL)")
struct MigrationRunnerTests {
    let migrations: [Migration]
    let seed: SeedScript

    init() throws {
        migrations = try MigrationDirectory.load(from: MigrationFixtures.templates)
        seed = try SeedScript.load(template: MigrationFixtures.templates.appendingPathComponent("seed.sql.template"),
                                   parameters: MigrationFixtures.smallSeed)
    }

    @Test func appliesEveryMigrationAndTheSeed() async throws {
        try await ScratchDatabase.with { db in
            let report = try await MigrationRunner(url: db.url).run(migrations: migrations, seed: seed)
            #expect(report.applied.map(\.version) == migrations.map(\.version))
            #expect(report.skipped.isEmpty)
            let tables = try await db.strings(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
            for table in ["events", "sections", "seats", "holds", "payment_intents", "commit_requests", "orders",
                          "order_seats", "payments", "schema_migrations"] {
                #expect(tables.contains(table), "missing table \(table)")
            }
            let recorded = try await db.strings(
                "SELECT version || ':' || name || ':' || checksum FROM schema_migrations ORDER BY version")
            #expect(recorded == migrations.map { "\($0.version):\($0.name):\($0.checksum)" })
            #expect(try await db.strings("SELECT count(*)::text FROM seats") == ["60"])
        }
    }

    @Test func aSecondRunAppliesNothingAndKeepsSeatState() async throws {
        try await ScratchDatabase.with { db in
            let runner = MigrationRunner(url: db.url)
            _ = try await runner.run(migrations: migrations, seed: seed)
            try await db.execute("UPDATE seats SET state = 'held' WHERE seat_id = 'S01-00001'")
            let again = try await runner.run(migrations: migrations, seed: seed)
            #expect(again.applied.isEmpty)
            #expect(again.skipped.map(\.version) == migrations.map(\.version))
            #expect(try await db.strings("SELECT count(*)::text FROM seats") == ["60"])
            #expect(try await db.strings("SELECT count(*)::text FROM seats WHERE state = 'held'") == ["2"])
            #expect(try await db.strings("SELECT count(*)::text FROM schema_migrations") == ["\(migrations.count)"])
        }
    }

    @Test func concurrentRunnersApplyEachMigrationOnce() async throws {
        try await ScratchDatabase.with { db in
            let reports = try await withThrowingTaskGroup(of: MigrationReport.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await MigrationRunner(url: db.url).run(migrations: migrations, seed: seed) }
                }
                var reports: [MigrationReport] = []
                for try await report in group { reports.append(report) }
                return reports
            }
            let appliedVersions = reports.flatMap { $0.applied.map(\.version) }.sorted()
            #expect(appliedVersions == migrations.map(\.version))
            #expect(reports.filter { !$0.applied.isEmpty }.count == 1)
            #expect(try await db.strings("SELECT count(*)::text FROM schema_migrations") == ["\(migrations.count)"])
            #expect(try await db.strings("SELECT count(*)::text FROM seats") == ["60"])
        }
    }

    @Test func aChangedAppliedMigrationIsAChecksumError() async throws {
        try await ScratchDatabase.with { db in
            let first = [Migration(version: 1, name: "one", sql: "CREATE TABLE one (id int);")]
            _ = try await MigrationRunner(url: db.url).run(migrations: first)
            let tampered = [Migration(version: 1, name: "one", sql: "CREATE TABLE one (id bigint);")]
            let error = await #expect(throws: MigrationError.self) {
                try await MigrationRunner(url: db.url).run(migrations: tampered)
            }
            #expect(error == .checksumMismatch(version: 1, name: "one", recorded: first[0].checksum,
                                               found: tampered[0].checksum))
            #expect(error?.description.contains("changed after it was applied") == true)
        }
    }

    @Test func aFailingMigrationRollsBackFully() async throws {
        try await ScratchDatabase.with { db in
            let migrations = [
                Migration(version: 1, name: "good", sql: "CREATE TABLE good (id int);"),
                Migration(version: 2, name: "bad", sql: """
                    CREATE TABLE partial (id int);
                    INSERT INTO good VALUES (1);
                    SELECT * FROM no_such_table;
                    """),
            ]
            let error = await #expect(throws: MigrationError.self) {
                try await MigrationRunner(url: db.url).run(migrations: migrations)
            }
            let text = try #require(error?.description)
            #expect(text.hasPrefix("migration 2 (bad) failed and was rolled back"))
            #expect(text.contains("no_such_table"))
            #expect(try await db.strings("SELECT version::text FROM schema_migrations") == ["1"])
            #expect(try await db.strings("SELECT coalesce(to_regclass('partial')::text, 'absent')") == ["absent"])
            #expect(try await db.strings("SELECT count(*)::text FROM good") == ["0"])
        }
    }

    @Test func anAppliedVersionMissingFromTheDirectoryIsAnError() async throws {
        try await ScratchDatabase.with { db in
            let two = [Migration(version: 1, name: "a", sql: "SELECT 1;"), Migration(version: 2, name: "b", sql: "SELECT 2;")]
            _ = try await MigrationRunner(url: db.url).run(migrations: two)
            await #expect(throws: MigrationError.unknownAppliedVersion(version: 2, name: "b")) {
                try await MigrationRunner(url: db.url).run(migrations: Array(two.prefix(1)))
            }
        }
    }

    @Test func thePasswordNeverAppearsInErrors() async throws {
        let server = try ScratchDatabase.serverURL()
        let password = try #require(server.password, "TPS_DATABASE_URL must carry a password for this test")
        let wrongDatabase = server.with(database: "no_such_db_\(UUID().uuidString.prefix(8).lowercased())")
        let error = await #expect(throws: MigrationError.self) {
            try await MigrationRunner(url: wrongDatabase).run(migrations: migrations)
        }
        let text = try #require(error?.description)
        #expect(text.hasPrefix("cannot connect to postgres://"))
        #expect(!text.contains(password))
        #expect(text.contains(":***@"))

        let badURL = "postgres://tps:\(password)@127.0.0.1:1/tps?sslmode=bogus"
        let parseError = #expect(throws: MigrationError.self) { try DatabaseURL(badURL) }
        #expect(parseError?.description.contains(password) == false)
        #expect("\(try DatabaseURL("postgres://u:\(password)@h:1/d"))".contains(password) == false)
    }
}
