import ArgumentParser
import DatabaseMigrations
import Foundation
import Ticketing

/// Stage 08 directly: apply pending migrations and the (idempotent) seed to one database.
struct DBInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db-init",
        abstract: "Apply the versioned SQL migrations and the seed to PostgreSQL (safe to re-run)."
    )

    @Option(name: .customLong("database-url"),
            help: "postgres://user:pass@host:port/db?sslmode=disable|prefer|require|verify-full")
    var databaseURL: String

    @Option(help: "Stack file whose `seed:` section sizes the seed data; without it no seed is applied.")
    var stack: String?

    @Option(help: "Directory of NNNN_name.sql migrations (and seed.sql.template).")
    var migrations: String = "templates/db"

    func run() async throws {
        do {
            let url = try DatabaseURL(databaseURL)
            let directory = URL(fileURLWithPath: migrations)
            let loaded = try MigrationDirectory.load(from: directory)
            var seed: SeedScript?
            if let stack {
                let parameters = try DBInitSeedSettings.load(stackFile: stack)
                seed = try SeedScript.load(template: directory.appendingPathComponent("seed.sql.template"),
                                           parameters: parameters)
            }
            print("db-init \(url.redacted)")
            let report = try await MigrationRunner(url: url).run(migrations: loaded, seed: seed)
            for entry in report.applied { print("applied \(entry)") }
            for entry in report.skipped { print("skipped \(entry) (already applied)") }
            if seed != nil { print("seed: \(report.seedStatements) statements run (existing rows kept)") }
            print("db-init: \(report.applied.count) applied, \(report.skipped.count) skipped")
        } catch let error as MigrationError {
            FileHandle.standardError.write(Data("tpsctl db-init: \(error.description)\n".utf8))
            throw ExitCode.failure
        } catch let error as DBInitSeedSettings.SettingsError {
            FileHandle.standardError.write(Data("tpsctl db-init: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
