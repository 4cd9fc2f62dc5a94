import Logging
import PostgresNIO
import ServiceRuntime
import Testing
import Ticketing

/// verify-full as the services run it, against the testenv's PostgreSQL over TLS: the chain is
/// checked against DB_SSLROOTCERT and the certificate against the host connected to; a refusal
/// is one line naming the certificate problem, never the password.
@Suite("PostgreSQL verify-full")
struct DatabaseVerifyFullTests {
    @Test("with the CA that signed the server's certificate, the probe and the services' pool connect")
    func trustedCA() async throws {
        let servers = try TLSTestServers.required()
        let settings = servers.database(roots: servers.ca)
        try await DatabaseProbe(try DatabaseTLS(settings)).run()

        let client = try ServiceClients.postgres(settings, maximumConnections: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            let rows = try await client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            for try await ssl in rows.decode(Bool.self) { #expect(ssl, "the pool's connection is encrypted") }
            group.cancelAll()
        }
    }

    @Test("a CA that did not sign the server's certificate: refused, one line naming the problem")
    func otherCA() async throws {
        let servers = try TLSTestServers.required()
        let reason = try await Self.refusal(servers.database(roots: TLSTestServers.otherCAs), servers: servers)
        #expect(reason.contains("does not verify against \(TLSTestServers.otherCAs)"), "\(reason)")
        #expect(reason.contains("CERTIFICATE_VERIFY_FAILED"), "\(reason)")
    }

    @Test("an address the certificate does not name: refused, one line naming it")
    func otherHost() async throws {
        let servers = try TLSTestServers.required()
        let relay = try await LoopbackRelay(to: servers.databasePort)
        defer { Task { await relay.close() } }
        let reason = try await Self.refusal(servers.database(roots: servers.ca, host: relay.host, port: relay.port),
                                            servers: servers)
        #expect(reason.contains("does not name \(relay.host)"), "\(reason)")
    }

    @Test("a CA file that does not exist stops the client at start, naming the file")
    func missingCAFile() throws {
        let servers = try TLSTestServers.required()
        #expect {
            _ = try ServiceClients.postgres(servers.database(roots: "/nonexistent/rds-ca.pem"))
        } throws: { error in
            "\(error)" == "CA file /nonexistent/rds-ca.pem: no such file"
        }
    }

    /// The probe's failure, checked to be one line without the password.
    static func refusal(_ settings: DatabaseSettings, servers: TLSTestServers) async throws -> String {
        do {
            try await DatabaseProbe(try DatabaseTLS(settings)).run()
        } catch {
            let line = "\(error)"
            #expect(!line.contains("\n"), "one line: \(line)")
            #expect(!line.contains(servers.databasePassword), "no password")
            #expect(line.hasPrefix("database connection failed: the TLS certificate of \(settings.host):\(settings.port) "), "\(line)")
            return line
        }
        Issue.record("verify-full connected to \(settings.host):\(settings.port) with roots \(settings.rootCertificatePath ?? "system")")
        return ""
    }
}
