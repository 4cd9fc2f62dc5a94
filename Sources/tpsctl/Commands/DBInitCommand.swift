import ArgumentParser
import DatabaseMigrations
import Foundation
import Stack
import Ticketing

/// `tpsctl db-init`: stage 08 directly — apply pending migrations and the (idempotent) seed to
/// one database, printing what was applied and what was already there.
struct DBInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db-init",
        abstract: "Apply the versioned SQL migrations and the seed to PostgreSQL (safe to re-run).",
        discussion: """
            Without --stack only migrations run; with it, its databaseInit section sizes the seed. \
            The password never goes on the command line (any user sees it in `ps`): give it in \
            PGPASSWORD or --password-file, or the whole URL in TPS_DATABASE_URL.
            """)

    @Option(name: .customLong("database-url"),
            help: "postgres://user@host:port/db?sslmode=disable|prefer|require|verify-full[&sslrootcert=CA.pem] (no password; default: TPS_DATABASE_URL)")
    var databaseURL: String?

    @Option(help: "File whose first line is the database password (default: PGPASSWORD).")
    var passwordFile: String?

    @Option(help: "Stack file whose databaseInit section sizes the seed data.")
    var stack: String?

    @Option(help: "Directory of NNNN_name.sql migrations (and seed.sql.template).")
    var migrations: String = "templates/db"

    func run() async throws {
        try await reportingErrors {
            let url = try DatabasePassword.url(flag: databaseURL, passwordFile: passwordFile,
                                               environment: ProcessInfo.processInfo.environment)
            let directory = URL(fileURLWithPath: migrations)
            let loaded = try MigrationDirectory.load(from: directory)
            var seed: SeedScript?
            if let stack {
                let settings = try StackLoader.load(path: stack).databaseInit
                let parameters = try SeedParameters(
                    eventCount: settings.events, sectionsPerEvent: settings.sectionsPerEvent,
                    seatsPerSection: settings.seatsPerSection, basePriceMinor: Int64(settings.basePriceMinor),
                    priceStepMinor: Int64(settings.priceStepMinor), currency: settings.currency,
                    saleStartOffsetSeconds: settings.saleStartOffsetSeconds)
                seed = try SeedScript.load(template: directory.appendingPathComponent("seed.sql.template"),
                                           parameters: parameters)
            }
            print("db-init \(url.redacted)")
            let report = try await MigrationRunner(url: url).run(migrations: loaded, seed: seed)
            for entry in report.applied { print("applied \(entry)") }
            for entry in report.skipped { print("skipped \(entry) (already applied)") }
            if seed != nil { print("seed: \(report.seedStatements) statements run (existing rows kept)") }
            print("db-init: \(report.applied.count) applied, \(report.skipped.count) skipped")
        }
    }
}
