import NIOCore
import Testing
@testable import RedisClient

@Suite("Typed commands")
struct RedisCommandsTests {
    @Test("SET conditions and expirations report whether they wrote")
    func setOptions() async throws {
        let redis = try await TestRedis.connect()
        let key = TestRedis.key("set")
        #expect(try await redis.set(key, to: "a", condition: .ifExists) == false)
        #expect(try await redis.get(key) == nil)
        #expect(try await redis.set(key, to: "b", condition: .ifNotExists, expiration: .milliseconds(60_000)))
        #expect(try await redis.set(key, to: "c", condition: .ifNotExists) == false)
        #expect(try await redis.get(key) == "b")
        #expect(try await redis.set(key, to: "d", condition: .ifExists, expiration: .seconds(100)))
        #expect(try await redis.get(key) == "d")
        guard case .expiresIn(let seconds) = try await redis.ttl(key) else {
            Issue.record("EX did not set a TTL")
            return
        }
        #expect((1...100).contains(seconds))
        #expect(try await redis.set(key, to: "e"))
        #expect(try await redis.ttl(key) == .noExpiration)
        #expect(try await redis.delete(key) == 1)
        await redis.close()
    }

    @Test("PX expiry really expires the key")
    func pxExpires() async throws {
        let redis = try await TestRedis.connect()
        let key = TestRedis.key("px")
        #expect(try await redis.set(key, to: "soon", condition: .ifNotExists, expiration: .milliseconds(50)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await redis.get(key) == nil)
        #expect(try await redis.set(key, to: "again", condition: .ifNotExists, expiration: .milliseconds(50)))
        try await redis.delete(key)
        await redis.close()
    }

    @Test("DEL counts existing keys")
    func delete() async throws {
        let redis = try await TestRedis.connect()
        let (a, b, missing) = (TestRedis.key("del"), TestRedis.key("del"), TestRedis.key("del"))
        try await redis.set(a, to: "1")
        try await redis.set(b, to: "2")
        #expect(try await redis.delete([a, b, missing]) == 2)
        #expect(try await redis.delete(a) == 0)
        await redis.close()
    }

    @Test("INCR and INCRBY; INCR on text is a server error")
    func counters() async throws {
        let redis = try await TestRedis.connect()
        let key = TestRedis.key("counter")
        #expect(try await redis.increment(key) == 1)
        #expect(try await redis.increment(key, by: 41) == 42)
        #expect(try await redis.increment(key, by: -2) == 40)
        let text = TestRedis.key("text")
        try await redis.set(text, to: "abc")
        await #expect {
            _ = try await redis.increment(text)
        } throws: { error in
            (error as? RedisError)?.code == "ERR"
        }
        try await redis.delete(key, text)
        await redis.close()
    }

    @Test("EXPIRE, PEXPIRE, TTL, PTTL")
    func expiry() async throws {
        let redis = try await TestRedis.connect()
        let key = TestRedis.key("expiry")
        #expect(try await redis.ttl(key) == .keyDoesNotExist)
        #expect(try await redis.pttl(key) == .keyDoesNotExist)
        #expect(try await redis.expire(key, seconds: 10) == false)
        try await redis.set(key, to: "v")
        #expect(try await redis.pttl(key) == .noExpiration)
        #expect(try await redis.expire(key, seconds: 10))
        guard case .expiresIn(let seconds) = try await redis.ttl(key) else { Issue.record("no TTL"); return }
        #expect((1...10).contains(seconds))
        #expect(try await redis.pexpire(key, milliseconds: 5_000))
        guard case .expiresIn(let milliseconds) = try await redis.pttl(key) else { Issue.record("no PTTL"); return }
        #expect((1...5_000).contains(milliseconds))
        try await redis.delete(key)
        await redis.close()
    }

    @Test("MGET returns nil for missing keys, in key order")
    func mget() async throws {
        let redis = try await TestRedis.connect()
        let (a, b, missing) = (TestRedis.key("mget"), TestRedis.key("mget"), TestRedis.key("mget"))
        try await redis.set(a, to: "A")
        try await redis.set(b, to: "B")
        #expect(try await redis.get([b, missing, a]) == ["B", nil, "A"])
        try await redis.delete(a, b)
        await redis.close()
    }

    @Test("HSET, HGET, HGETALL")
    func hashes() async throws {
        let redis = try await TestRedis.connect()
        let key = TestRedis.key("hash")
        #expect(try await redis.hgetall(key) == [:])
        #expect(try await redis.hset(key, fields: [("available", "10"), ("held", "2")]) == 2)
        #expect(try await redis.hset(key, field: "held", to: "3") == 0)
        #expect(try await redis.hget(key, field: "held") == "3")
        #expect(try await redis.hget(key, field: "sold") == nil)
        #expect(try await redis.hgetall(key) == ["available": "10", "held": "3"])
        try await redis.delete(key)
        await redis.close()
    }

    @Test("generic send with raw values, and a wrong-type error")
    func genericSend() async throws {
        let redis = try await TestRedis.connect()
        let key = TestRedis.key("generic")
        #expect(try await redis.send(["RPUSH", .bulkString(ByteBuffer(string: key)), "x", "y"]) == .integer(2))
        #expect(try await redis.send(["LRANGE", .bulkString(ByteBuffer(string: key)), .integer(0), .integer(-1)])
            == .array([.bulkString(ByteBuffer(string: "x")), .bulkString(ByteBuffer(string: "y"))]))
        await #expect {
            _ = try await redis.get(key)
        } throws: { error in
            (error as? RedisError)?.code == "WRONGTYPE"
        }
        try await redis.delete(key)
        await redis.close()
    }

    @Test("RedisScript's SHA1 is the one the server computes")
    func scriptDigest() async throws {
        let redis = try await TestRedis.connect()
        let loaded = try await redis.send(["SCRIPT", "LOAD", .bulkString(ByteBuffer(string: RedisScript.compareAndDelete.source))])
        #expect(loaded.string == RedisScript.compareAndDelete.sha1)
        #expect(RedisScript("return 1").sha1 == "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
        await redis.close()
    }

    @Test("compare-and-delete removes the key only for its holder")
    func compareAndDelete() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 4))
        let key = TestRedis.key("cad")
        #expect(try await pool.compareAndDelete(key, token: "anyone") == false)
        try await pool.set(key, to: "token-A", condition: .ifNotExists, expiration: .seconds(30))
        #expect(try await pool.compareAndDelete(key, token: "token-B") == false)
        #expect(try await pool.get(key) == "token-A")
        #expect(try await pool.compareAndDelete(key, token: "token-A"))
        #expect(try await pool.get(key) == nil)
        await pool.shutdown()
    }

    @Test("after SCRIPT FLUSH, EVALSHA fails with NOSCRIPT and run() reloads the script")
    func noscriptReload() async throws {
        let redis = try await TestRedis.connect()
        // A script no other test loads, so the NOSCRIPT below is certain.
        let script = RedisScript("return {KEYS[1], ARGV[1], '\(TestRedis.key("script"))'}")
        #expect(try await redis.send(["SCRIPT", "FLUSH"]).string == "OK")
        await #expect {
            _ = try await redis.evalsha(script.sha1, keys: ["k"], arguments: ["a"])
        } throws: { error in
            (error as? RedisError)?.code == "NOSCRIPT"
        }
        let reply = try await redis.run(script, keys: ["k"], arguments: ["a"])
        #expect(reply.array?.prefix(2).map { $0.string } == ["k", "a"])
        // Loaded again: EVALSHA alone works now.
        #expect(try await redis.evalsha(script.sha1, keys: ["k"], arguments: ["a"]) == reply)
        await redis.close()
    }

    @Test("PING")
    func ping() async throws {
        let redis = try await TestRedis.connect()
        #expect(try await redis.ping() == "PONG")
        #expect(try await redis.ping("座席") == "座席")
        await redis.close()
    }
}
