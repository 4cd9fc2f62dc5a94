@testable import DatabaseMigrations
import Foundation
import Testing

@Suite("Migration directory")
struct MigrationDirectoryTests {
    @Test func loadsTheRepositorysMigrationsInOrder() throws {
        let migrations = try MigrationDirectory.load(from: MigrationFixtures.templates)
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        #expect(migrations.first?.name == "schema")
        #expect(migrations.first?.checksum.count == 64)
    }

    @Test func ordersByVersionNotByName() throws {
        let directory = try MigrationFixtures.directory([
            "0002_a.sql": "SELECT 2;", "0001_z.sql": "SELECT 1;", "notes.txt": "ignored",
        ])
        let migrations = try MigrationDirectory.load(from: directory)
        #expect(migrations.map(\.name) == ["z", "a"])
    }

    @Test(arguments: ["1_short.sql", "0001-dash.sql", "0001_.sql", "0001_bad name.sql", "abcd_x.sql", "0000_zero.sql"])
    func rejectsBadFileNames(file: String) throws {
        let directory = try MigrationFixtures.directory(["0001_ok.sql": "SELECT 1;", file: "SELECT 2;"])
        let error = #expect(throws: MigrationError.self) { try MigrationDirectory.load(from: directory) }
        #expect(error == .badFileName(file: directory.appendingPathComponent(file).path))
        #expect(error?.description.contains(file) == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func rejectsDuplicateVersions() throws {
        let directory = try MigrationFixtures.directory(["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 1;"])
        let error = #expect(throws: MigrationError.self) { try MigrationDirectory.load(from: directory) }
        let text = try #require(error?.description)
        #expect(text.contains("0001_a.sql") && text.contains("0001_b.sql") && text.contains("more than once"))
    }

    @Test func rejectsGaps() throws {
        let directory = try MigrationFixtures.directory(["0001_a.sql": "SELECT 1;", "0003_c.sql": "SELECT 3;"])
        let error = #expect(throws: MigrationError.self) { try MigrationDirectory.load(from: directory) }
        #expect(error == .versionGap(file: directory.appendingPathComponent("0003_c.sql").path, expected: 2))
    }

    @Test func rejectsAMissingOrEmptyDirectory() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect(throws: MigrationError.unreadableDirectory(path: missing.path, reason: "no such directory or not readable")) {
            try MigrationDirectory.load(from: missing)
        }
        let empty = try MigrationFixtures.directory([:])
        #expect(throws: MigrationError.emptyDirectory(path: empty.path)) { try MigrationDirectory.load(from: empty) }
    }
}
