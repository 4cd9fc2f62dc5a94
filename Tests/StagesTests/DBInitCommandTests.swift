@testable import DatabaseMigrations
import Foundation
import Testing
import TpsctlTestSupport

/// `tpsctl db-init` never needs the password in its arguments, where every user reads it in `ps`:
/// a URL carrying one is refused; the password comes from PGPASSWORD or --password-file.
@Suite("db-init takes the password from the environment or a file")
struct DBInitCommandTests {
    static let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates/db").path

    @Test("a password in --database-url is refused, in one line that does not show it")
    func passwordInArgumentsIsRefused() async throws {
        let result = try await TpsctlChild.run(
            ["db-init", "--database-url", "postgres://tps:hunter2-secret@127.0.0.1:1/tps", "--migrations", Self.migrations],
            environment: ["HOME": NSTemporaryDirectory()])
        result.expectOneLineError(
            "--database-url postgres://tps:***@127.0.0.1:1/tps?sslmode=prefer: holds a password, which other users see in `ps`; leave it out and set PGPASSWORD or --password-file")
        #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
    }

    @Test("the URL without its password, the password from PGPASSWORD, then from --password-file, applies the migrations")
    func passwordFromEnvironmentOrFile() async throws {
        guard let server = ProcessInfo.processInfo.environment["TPS_DATABASE_URL"], !server.isEmpty else {
            Issue.record("TPS_DATABASE_URL is not set: run scripts/testenv start and source .testenv/env")
            return
        }
        let admin = try DatabaseURL(server)
        let password = try #require(admin.password, "the test server has a password")
        let scratch = "dbinit_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await LocalStoresTests.execute("CREATE DATABASE \(scratch)", on: admin)
        defer { Task { try? await LocalStoresTests.execute("DROP DATABASE IF EXISTS \(scratch) WITH (FORCE)", on: admin) } }
        let url = "postgres://\(admin.user)@\(admin.host):\(admin.port)/\(scratch)?sslmode=\(admin.sslMode.rawValue)"
        let arguments = ["db-init", "--database-url", url, "--migrations", Self.migrations]

        let fromEnvironment = try await TpsctlChild.run(arguments, environment: ["HOME": NSTemporaryDirectory(), "PGPASSWORD": password])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stdout.contains("applied "), "\(fromEnvironment.stdout)")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(scratch)")
        try (password + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try await TpsctlChild.run(arguments + ["--password-file", file.path], environment: ["HOME": NSTemporaryDirectory()])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains("skipped "), "a re-run applies nothing new: \(fromFile.stdout)")

        let none = try await TpsctlChild.run(arguments, environment: ["HOME": NSTemporaryDirectory()])
        #expect(none.status == 1, "without a password the server refuses: \(none.stdout)")
    }
}
