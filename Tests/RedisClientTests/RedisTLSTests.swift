import Testing
@testable import RedisClient

@Suite("TLS")
struct RedisTLSTests {
    @Test("TLS + AUTH round trip, certificate verified against the test CA (IP SAN)")
    func roundTrip() async throws {
        let connection = try await RedisConnection.connect(configuration: TestRedis.tlsConfiguration())
        let key = TestRedis.key("tls")
        #expect(try await connection.set(key, to: "over-tls", expiration: .seconds(30)))
        #expect(try await connection.get(key) == "over-tls")
        try await connection.delete(key)
        await connection.close()
    }

    @Test("TLS with an explicit server name (SNI + DNS SAN)")
    func serverName() async throws {
        var configuration = try TestRedis.tlsConfiguration()
        configuration.tls?.serverName = "localhost"
        let pool = try RedisConnectionPool(configuration: configuration)
        #expect(try await pool.ping() == "PONG")
        await pool.shutdown()
    }

    @Test("without the test CA (system roots only) the server is not trusted")
    func untrustedCertificate() async throws {
        var configuration = try TestRedis.tlsConfiguration()
        configuration.tls?.caFilePath = nil
        await #expect {
            _ = try await RedisConnection.connect(configuration: configuration)
        } throws: { error in
            // One line naming the problem, however fast the server's handshake was refused.
            (error as? RedisError)?.kind == .connectionFailed
                && (error as? RedisError)?.message == "the TLS certificate of \(configuration.host):\(configuration.port) does not "
                    + "verify against the system roots (CERTIFICATE_VERIFY_FAILED: signed by another CA, or expired)"
        }
    }

    @Test("a CA file that does not exist fails when the pool is made, naming the file")
    func missingCAFile() throws {
        var configuration = try TestRedis.tlsConfiguration()
        configuration.tls?.caFilePath = "/nonexistent/ca.pem"
        do {
            _ = try RedisConnectionPool(configuration: configuration)
            Issue.record("a missing CA file was accepted")
        } catch {
            #expect(error.kind == .connectionFailed)
            #expect(error.message == "cannot set up TLS: CA file /nonexistent/ca.pem: no such file")
        }
    }
}
