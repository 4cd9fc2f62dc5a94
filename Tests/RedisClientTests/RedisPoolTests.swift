import NIOCore
import Synchronization
import Testing
@testable import RedisClient

@Suite("Pool")
struct RedisPoolTests {
    /// Lines of CLIENT LIST for connections named `name`.
    private func serverSideConnections(named name: String) async throws -> Int {
        let observer = try await TestRedis.connect()
        defer { Task { await observer.close() } }
        let list = try #require(try await observer.send(["CLIENT", "LIST"]).string)
        return list.split(separator: "\n").filter { $0.contains(" name=\(name) ") }.count
    }

    @Test("200 concurrent tasks share 4 connections; the server never sees more than 4")
    func boundedUnderLoad() async throws {
        let name = "pool-bound-\(Int.random(in: 0..<1_000_000))"
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 4, clientName: name))
        let key = TestRedis.key("pool-counter")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    _ = try await pool.increment(key)
                    _ = try await pool.get(key)
                    #expect(pool.openConnections <= 4)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pool.get(key) == "200")
        #expect(pool.openConnections <= 4)
        #expect(try await serverSideConnections(named: name) == pool.openConnections)
        try await pool.delete(key)
        await pool.shutdown()
        // The server notices the closes on its next loop turn; look a few times (bounded).
        var remaining = try await serverSideConnections(named: name)
        for _ in 0..<50 where remaining > 0 {
            try await Task.sleep(for: .milliseconds(20))
            remaining = try await serverSideConnections(named: name)
        }
        #expect(remaining == 0)
    }

    @Test("connections are opened lazily")
    func lazy() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 4))
        #expect(pool.openConnections == 0)
        _ = try await pool.ping()
        #expect(pool.openConnections == 1)
        _ = try await pool.ping()
        #expect(pool.openConnections == 1)
        await pool.shutdown()
    }

    @Test("200 concurrent SET NX on one key: exactly one winner")
    func setNXRace() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 16))
        let key = TestRedis.key("hold")
        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await pool.set(key, to: "holder-\(index)", condition: .ifNotExists, expiration: .milliseconds(30_000))
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        #expect(try await pool.get(key)?.hasPrefix("holder-") == true)
        try await pool.delete(key)
        await pool.shutdown()
    }

    @Test("pipeline sends a batch on one connection")
    func pipeline() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 2))
        let key = TestRedis.key("pool-pipeline")
        let replies = try await pool.pipeline([
            RedisCommand("SET", [.string(key), "1", "EX", 30]),
            RedisCommand("INCRBY", [.string(key), 41]),
            RedisCommand("CLIENT", ["ID"]),
            RedisCommand("CLIENT", ["ID"]),
            RedisCommand("DEL", [.string(key)]),
        ])
        #expect(replies[1] == .integer(42))
        #expect(replies[2] == replies[3])  // same connection
        await pool.shutdown()
    }

    @Test("waiters are served first come, first served")
    func fairness() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 1))
        let order = OrderLog()
        // Hold the only connection while three tasks queue up one after another.
        try await pool.withConnection { _ in
            for index in 0..<3 {
                Task {
                    try await pool.withConnection { _ in order.append(index) }
                }
                try await waitUntil("task \(index) waits") { pool.waitingTasks >= index + 1 }
            }
        }
        try await waitUntil("all three ran") { order.values.count >= 3 }
        #expect(order.values == [0, 1, 2])
        await pool.shutdown()
    }

    @Test("a cancelled waiter leaves the line without taking a connection")
    func cancelledWaiter() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 1))
        try await pool.withConnection { _ in
            let waiter = Task { try await pool.ping() }
            try await waitUntil("a task waits") { pool.waitingTasks >= 1 }
            waiter.cancel()
            await #expect(throws: CancellationError.self) { _ = try await waiter.value }
            #expect(pool.waitingTasks == 0)
        }
        #expect(try await pool.ping() == "PONG")
        await pool.shutdown()
    }

    @Test("a connection killed while pooled is replaced")
    func brokenConnectionReplaced() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 1))
        let id = try #require(try await pool.send(["CLIENT", "ID"]).integer)
        let killer = try await TestRedis.connect()
        _ = try await killer.send(["CLIENT", "KILL", "ID", .bulkString(ByteBuffer(string: String(id)))])
        await killer.close()
        // The idle connection is dead now (or about to be): either this command fails, or the pool
        // already noticed and opened a new one. The next one must work either way.
        _ = try? await pool.ping()
        let newID = try #require(try await pool.send(["CLIENT", "ID"]).integer)
        #expect(newID != id)
        #expect(pool.openConnections == 1)
        await pool.shutdown()
    }

    @Test("shutdown fails waiters, lets the leased connection finish, then refuses leases")
    func gracefulShutdown() async throws {
        let pool = try RedisConnectionPool(configuration: TestRedis.configuration(maximumConnections: 1))
        let key = TestRedis.key("shutdown")
        let started = OrderLog()
        let holder = Task {
            try await pool.withConnection { connection in
                started.append(1)
                // Still usable while the pool is shutting down.
                try await waitUntil("shutdown began") { pool.isShutDown }
                return try await connection.increment(key)
            }
        }
        try await waitUntil("the holder has its connection") { !started.values.isEmpty }
        let waiter = Task { try await pool.ping() }
        try await waitUntil("a task waits") { pool.waitingTasks >= 1 }
        await pool.shutdown()
        #expect(try await holder.value == 1)
        await #expect {
            _ = try await waiter.value
        } throws: { error in
            (error as? RedisError)?.kind == .poolShutdown
        }
        await #expect {
            _ = try await pool.ping()
        } throws: { error in
            (error as? RedisError)?.kind == .poolShutdown
        }
        #expect(pool.openConnections == 0)
        let cleanup = try await TestRedis.connect()
        try await cleanup.delete(key)
        await cleanup.close()
    }
}

/// A thread-safe list for recording the order things happened in.
final class OrderLog: Sendable {
    private let storage = Mutex<[Int]>([])
    func append(_ value: Int) { storage.withLock { $0.append(value) } }
    var values: [Int] { storage.withLock { $0 } }
}
