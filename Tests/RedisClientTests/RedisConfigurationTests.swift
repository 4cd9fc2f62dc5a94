import Testing
@testable import RedisClient

@Suite("Configuration")
struct RedisConfigurationTests {
    @Test("redis:// URL with password, port and database")
    func plainURL() throws {
        let configuration = try RedisConfiguration(url: "redis://:s%40cret@cache.internal:6380/2")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6380)
        #expect(configuration.password == "s@cret")
        #expect(configuration.username == nil)
        #expect(configuration.database == 2)
        #expect(configuration.tls == nil)
    }

    @Test("rediss:// URL turns TLS on with CA and server name")
    func tlsURL() throws {
        let configuration = try RedisConfiguration(url: "rediss://app:pw@10.0.0.5?ca=/etc/ca.pem&sni=master.cache.amazonaws.com")
        #expect(configuration.port == 6379)
        #expect(configuration.username == "app")
        #expect(configuration.tls == .init(caFilePath: "/etc/ca.pem", serverName: "master.cache.amazonaws.com"))
    }

    @Test("IPv6 host in brackets")
    func ipv6() throws {
        let configuration = try RedisConfiguration(url: "redis://[::1]:7000")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 7000)
    }

    @Test("bad URLs name the field", arguments: [
        ("http://host", "url"),
        ("redis://host:99999", "url port"),
        ("redis://host/x", "url database"),
        ("redis://host?ca=/x", "url ca"),
        ("redis://:%zz@host", "url password"),
        ("redis://:6379", "url host"),
    ])
    func badURL(url: String, field: String) {
        #expect(throws: RedisConfigurationError.self) { _ = try RedisConfiguration(url: url) }
        do { _ = try RedisConfiguration(url: url) } catch { #expect(error.field == field) }
    }

    @Test("the services' environment keys")
    func environment() throws {
        let configuration = try RedisConfiguration(environment: [
            "REDIS_HOST": "master.abc.cache.amazonaws.com", "REDIS_PORT": "6380",
            "REDIS_TLS": "true", "REDIS_AUTH_TOKEN": "token-value",
        ])
        #expect(configuration.host == "master.abc.cache.amazonaws.com")
        #expect(configuration.port == 6380)
        #expect(configuration.tls != nil)
        #expect(configuration.password == "token-value")
        #expect(throws: RedisConfigurationError(field: "REDIS_HOST", problem: "is not set")) {
            _ = try RedisConfiguration(environment: [:])
        }
        #expect(throws: RedisConfigurationError.self) {
            _ = try RedisConfiguration(environment: ["REDIS_HOST": "h", "REDIS_TLS": "yes"])
        }
    }

    @Test("no secret in description, debugDescription or dump")
    func redaction() throws {
        let secret = "very-secret-token"
        let configuration = try RedisConfiguration(url: "rediss://user:\(secret)@host:6379/1")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [configuration.description, configuration.debugDescription, String(reflecting: configuration), dumped] {
            #expect(!text.contains(secret))
        }
        #expect(configuration.description == "rediss://user:<redacted>@host:6379/1")
    }

    @Test("a malformed escape in the password does not echo it")
    func escapeErrorRedacted() {
        do {
            _ = try RedisConfiguration(url: "redis://:topsecret%zz@host")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("topsecret"))
        }
    }
}
