import Testing
@testable import RedisClient

@Suite("Failures and recovery")
struct RedisFailureTests {
    @Test("server killed: commands fail, then succeed again once it is back, on the same pool")
    func serverKilledAndRestarted() async throws {
        let server = try await SpawnedRedisServer()
        defer { server.kill() }
        try await server.start()
        let pool = try RedisConnectionPool(configuration: server.configuration)
        let key = TestRedis.key("restart")
        #expect(try await pool.set(key, to: "before"))

        server.kill()
        await #expect {
            _ = try await pool.ping()
        } throws: { error in
            let kind = (error as? RedisError)?.kind
            return kind == .connectionClosed || kind == .connectionFailed
        }

        try await server.start()
        // Each connection opened before the crash can fail once more when it is used; then the pool
        // opens fresh ones. With 2 connections at most, the third try must succeed.
        var answer: String?
        for _ in 0..<3 where answer == nil {
            do { answer = try await pool.ping() } catch let error as RedisError {
                #expect([.connectionClosed, .connectionFailed].contains(error.kind))
            }
        }
        #expect(answer == "PONG")
        #expect(try await pool.get(key) == nil)  // a new, empty server
        #expect(pool.openConnections <= 2)
        await pool.shutdown()
    }

    @Test("no server listening: connectionFailed")
    func connectionRefused() async throws {
        var configuration = try TestRedis.configuration()
        configuration.port = try await freeLoopbackPort()
        await #expect {
            _ = try await RedisConnection.connect(configuration: configuration)
        } throws: { error in
            (error as? RedisError)?.kind == .connectionFailed
        }
    }

    @Test("a server that never answers AUTH: connectTimeout")
    func connectTimeoutOnHandshake() async throws {
        let silent = try await SilentServer()
        var configuration = try TestRedis.configuration()
        configuration.port = silent.port
        configuration.connectTimeout = .milliseconds(300)
        await #expect {
            _ = try await RedisConnection.connect(configuration: configuration)
        } throws: { error in
            (error as? RedisError)?.kind == .connectTimeout
        }
        await silent.close()
    }

    @Test("a server that never finishes the TLS handshake: connectTimeout")
    func connectTimeoutOnTLS() async throws {
        let silent = try await SilentServer()
        var configuration = try TestRedis.tlsConfiguration()
        configuration.port = silent.port
        configuration.connectTimeout = .milliseconds(300)
        let pool = try RedisConnectionPool(configuration: configuration)
        await #expect {
            _ = try await pool.ping()
        } throws: { error in
            (error as? RedisError)?.kind == .connectTimeout
        }
        #expect(pool.openConnections == 0)
        await pool.shutdown()
        await silent.close()
    }

    @Test("a command without a reply in time: commandTimeout, connection closed, pool recovers")
    func commandTimeout() async throws {
        var configuration = try TestRedis.configuration(maximumConnections: 1)
        configuration.commandTimeout = .milliseconds(200)
        let pool = try RedisConnectionPool(configuration: configuration)
        let key = TestRedis.key("blpop")
        try await pool.withConnection { connection in
            await #expect {
                _ = try await connection.send(["BLPOP", .bulkString(.init(string: key)), "5"])
            } throws: { error in
                (error as? RedisError)?.kind == .commandTimeout
            }
            try await connection.channel.closeFuture.get()
            #expect(!connection.isConnected)
        }
        #expect(try await pool.ping() == "PONG")
        await pool.shutdown()
    }

    @Test("replies within the timeout never trip it, however long the connection is busy")
    func timeoutRearms() async throws {
        var configuration = try TestRedis.configuration()
        configuration.commandTimeout = .milliseconds(500)
        let connection = try await RedisConnection.connect(configuration: configuration)
        // Three timeout periods: the timer fires with a newer command at the head and re-arms.
        let until = ContinuousClock.now + .milliseconds(1500)
        var sent = 0
        while ContinuousClock.now < until {
            #expect(try await connection.ping() == "PONG")
            sent += 1
        }
        #expect(sent > 0)
        #expect(connection.isConnected)
        await connection.close()
    }
}
