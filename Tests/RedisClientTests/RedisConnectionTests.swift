import Glibc
import NIOCore
import Testing
@testable import RedisClient

@Suite("Connection")
struct RedisConnectionTests {
    @Test("AUTH with the password, then commands work")
    func authPassword() async throws {
        let connection = try await TestRedis.connect()
        #expect(try await connection.ping() == "PONG")
        await connection.close()
    }

    @Test("the socket has TCP_NODELAY and no SO_DEBUG (a SOL_SOCKET option that non-root processes may not set)")
    func socketOptions() async throws {
        let connection = try await TestRedis.connect()
        #expect(try await connection.channel.getOption(.tcpOption(.tcp_nodelay)).get() == 1)
        #expect(try await connection.channel.getOption(.socketOption(NIOBSDSocket.Option(rawValue: SO_DEBUG))).get() == 0)
        await connection.close()
    }

    @Test("AUTH with username and password")
    func authUsernamePassword() async throws {
        var configuration = try TestRedis.configuration()
        configuration.username = "default"
        let connection = try await RedisConnection.connect(configuration: configuration)
        #expect(try await connection.ping("hello") == "hello")
        await connection.close()
    }

    @Test("a wrong password fails with WRONGPASS, and the error does not contain it")
    func wrongPassword() async throws {
        var configuration = try TestRedis.configuration()
        let wrong = "not-the-password-\(Int.random(in: 1000...9999))"
        configuration.password = wrong
        do {
            _ = try await RedisConnection.connect(configuration: configuration)
            Issue.record("connect with a wrong password succeeded")
        } catch let error as RedisError {
            #expect(error.code == "WRONGPASS")
            #expect(!error.description.contains(wrong))
        }
    }

    @Test("no password against requirepass fails with NOAUTH on the handshake PING")
    func missingPassword() async throws {
        var configuration = try TestRedis.configuration()
        configuration.password = nil
        await #expect {
            _ = try await RedisConnection.connect(configuration: configuration)
        } throws: { error in
            (error as? RedisError)?.code == "NOAUTH"
        }
    }

    @Test("SELECT on connect: a key in database 3 is not in database 0")
    func selectDatabase() async throws {
        var configuration = try TestRedis.configuration()
        configuration.database = 3
        let inThree = try await RedisConnection.connect(configuration: configuration)
        let inZero = try await TestRedis.connect()
        let key = TestRedis.key("select")
        try await inThree.set(key, to: "x", expiration: .seconds(30))
        #expect(try await inThree.get(key) == "x")
        #expect(try await inZero.get(key) == nil)
        await inThree.close()
        await inZero.close()
    }

    @Test("1,000 commands pipelined in one write come back in order")
    func pipelineThousand() async throws {
        let connection = try await TestRedis.connect()
        let key = TestRedis.key("pipeline")
        var commands = (0..<1000).map { _ in RedisCommand("INCR", [.string(key)]) }
        commands.append(RedisCommand("DEL", [.string(key)]))
        let replies = try await connection.pipeline(commands)
        #expect(replies.count == 1001)
        #expect(replies.prefix(1000).map { $0.integer } == (1...1000).map { Int64($0) })
        #expect(replies.last == .integer(1))
        await connection.close()
    }

    @Test("an error reply in a pipeline stays in its place")
    func pipelineWithError() async throws {
        let connection = try await TestRedis.connect()
        let key = TestRedis.key("pipeline-error")
        let replies = try await connection.pipeline([
            RedisCommand("SET", [.string(key), "text", "EX", 30]),
            RedisCommand("INCR", [.string(key)]),
            RedisCommand("GET", [.string(key)]),
        ])
        #expect(replies[0].string == "OK")
        guard case .error(let error) = replies[1] else {
            Issue.record("INCR on text should fail")
            return
        }
        #expect(error.code == "ERR")
        #expect(replies[2].string == "text")
        await connection.close()
    }

    @Test("1,000 tasks sending on one connection at once each get their own reply")
    func concurrentSendsMatchFIFO() async throws {
        let connection = try await TestRedis.connect()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<1000 {
                group.addTask {
                    let reply = try await connection.send(["ECHO", .bulkString(ByteBuffer(string: "message-\(index)"))])
                    #expect(reply.string == "message-\(index)")
                }
            }
            try await group.waitForAll()
        }
        await connection.close()
    }

    @Test("a 4 MiB binary value round-trips")
    func largeValue() async throws {
        let connection = try await TestRedis.connect()
        let key = TestRedis.key("large")
        let value = binaryValue(size: 4 * 1024 * 1024 + 3)
        try await connection.set(key, to: value, expiration: .seconds(30))
        #expect(try await connection.getBytes(key) == value)
        try await connection.delete(key)
        await connection.close()
    }

    @Test("close waits for replies in flight, then refuses new commands")
    func cleanClose() async throws {
        let connection = try await TestRedis.connect()
        let key = TestRedis.key("close")
        // Submitted from one thread, in order: the batch is surely queued before the close request.
        let commands = (0..<200).map { _ in RedisCommand("INCR", [.string(key)]) }
        let replies = try await withCheckedThrowingContinuation { continuation in
            connection.submit(.batch(commands, continuation))
            _ = connection.startClosing()
        }
        try await connection.channel.closeFuture.get()
        #expect(replies.last == .integer(200))
        #expect(!connection.isConnected)
        await #expect {
            _ = try await connection.ping()
        } throws: { error in
            (error as? RedisError)?.kind == .connectionClosed
        }
        let other = try await TestRedis.connect()
        try await other.delete(key)
        await other.close()
    }

    @Test("a connection killed by the server fails in-flight and later commands with connectionClosed")
    func killedByServer() async throws {
        let victim = try await TestRedis.connect()
        let killer = try await TestRedis.connect()
        let id = try #require(try await victim.send(["CLIENT", "ID"]).integer)
        #expect(try await killer.send(["CLIENT", "KILL", "ID", .bulkString(ByteBuffer(string: String(id)))]) == .integer(1))
        try await victim.channel.closeFuture.get()
        await #expect {
            _ = try await victim.ping()
        } throws: { error in
            (error as? RedisError)?.kind == .connectionClosed
        }
        await killer.close()
    }
}
