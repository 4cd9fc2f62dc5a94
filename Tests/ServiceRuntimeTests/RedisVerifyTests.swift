import RedisClient
import ServiceRuntime
import Testing
import Ticketing

/// The services' Redis over TLS (ElastiCache's in-transit encryption), against the testenv's
/// TLS port: the chain is checked against REDIS_CA_FILE (else the system roots) and the
/// certificate against the host; a refusal is one line naming the problem, never the token.
@Suite("Redis TLS verification")
struct RedisVerifyTests {
    @Test("with the CA that signed the server's certificate, the services' pool answers PING")
    func trustedCA() async throws {
        let servers = try TLSTestServers.required()
        let pool = try ServiceClients.redis(servers.redis(ca: servers.ca), maximumConnections: 1)
        #expect(try await pool.ping() == "PONG")
        await pool.shutdown()
    }

    @Test("the system roots (the default, as for ElastiCache) do not trust the local CA: refused, one line")
    func systemRoots() async throws {
        let servers = try TLSTestServers.required()
        let reason = try await Self.refusal(servers.redis(ca: nil), servers: servers)
        #expect(reason.contains("does not verify against the system roots"), "\(reason)")
        #expect(reason.contains("CERTIFICATE_VERIFY_FAILED"), "\(reason)")
    }

    @Test("a CA that did not sign the server's certificate: refused, one line naming the file")
    func otherCA() async throws {
        let servers = try TLSTestServers.required()
        let reason = try await Self.refusal(servers.redis(ca: TLSTestServers.otherCAs), servers: servers)
        #expect(reason.contains("does not verify against \(TLSTestServers.otherCAs)"), "\(reason)")
    }

    @Test("an address the certificate does not name: refused, one line naming it")
    func otherHost() async throws {
        let servers = try TLSTestServers.required()
        let relay = try await LoopbackRelay(to: servers.redisTLSPort)
        defer { Task { await relay.close() } }
        let reason = try await Self.refusal(servers.redis(ca: servers.ca, host: relay.host, port: relay.port), servers: servers)
        #expect(reason.contains("does not name \(relay.host)"), "\(reason)")
    }

    static func refusal(_ settings: RedisSettings, servers: TLSTestServers) async throws -> String {
        let pool = try ServiceClients.redis(settings, maximumConnections: 1)
        defer { Task { await pool.shutdown() } }
        do {
            _ = try await pool.ping()
        } catch {
            let line = "\(error)"
            #expect(!line.contains("\n"), "one line: \(line)")
            #expect(!line.contains(servers.redisPassword), "no token")
            #expect(line.hasPrefix("redis connection failed: the TLS certificate of \(settings.host):\(settings.port) "), "\(line)")
            return line
        }
        Issue.record("Redis TLS connected to \(settings.host):\(settings.port) with CA \(settings.caFilePath ?? "system roots")")
        return ""
    }
}
