@testable import DatabaseMigrations
import Foundation
import PostgresNIO
import Provisioning
import RedisClient
import Stages
import Testing
@testable import StagesTestSupport

/// `down` of a local stack erases the local PostgreSQL and Redis that hold its Aurora
/// cluster's and Redis group's data, as deleting them on AWS would: the next `up` starts
/// from nothing (`make demo` after a load test used to find every seat sold).
@Suite("A local stack's data goes with its cluster and group", .serialized)
struct LocalStoresTests {
    @Test("down to 03 drops the tables the stack's user made in the local database and flushes the local Redis; up left them alone")
    func downErasesLocalData() async throws {
        guard let server = ProcessInfo.processInfo.environment["TPS_DATABASE_URL"], !server.isEmpty,
              let redisPort = ProcessInfo.processInfo.environment["TPS_REDIS_PORT"].flatMap(Int.init) else {
            Issue.record("TPS_DATABASE_URL / TPS_REDIS_PORT not set: run scripts/testenv start and source .testenv/env")
            return
        }
        let redisPassword = ProcessInfo.processInfo.environment["TPS_REDIS_PASSWORD"]
        let admin = try DatabaseURL(server)
        let scratch = "erase_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.execute("CREATE DATABASE \(scratch)", on: admin)
        defer { Task { try? await Self.execute("DROP DATABASE IF EXISTS \(scratch) WITH (FORCE)", on: admin) } }
        let database = admin.with(database: scratch)
        var scratchURL = try #require(URLComponents(string: server))
        scratchURL.path = "/" + scratch

        var test = try TestStack("erase", localYAML: """
            databaseURL: postgres://\(admin.user)@\(admin.host):\(admin.port)/\(scratch)
            redisURL: redis://127.0.0.1:\(redisPort)
            """)
        test.serverEnvironment = ["TPS_DATABASE_URL": try #require(scratchURL.string)]
        if let redisPassword { test.serverEnvironment["TPS_REDIS_PASSWORD"] = redisPassword }
        defer { test.removeFiles() }

        let up = try await test.up(to: "03")
        #expect(up.failures.isEmpty, "up: \(up.failures)")
        let migration = Migration(version: 1, name: "seats", sql: "CREATE TABLE seats (id int PRIMARY KEY);")
        let first = try await MigrationRunner(url: database).run(migrations: [migration])
        #expect(first.applied.map(\.version) == [1])
        let redis = try await RedisConnection.connect(configuration: .init(host: "127.0.0.1", port: redisPort, password: redisPassword))
        let key = "tps-erase-test:\(test.name)"
        _ = try await redis.send(RedisCommand("SET", [.string(key), .string("held")]))

        let again = try await test.up(to: "03")
        #expect(again.failures.isEmpty, "up again: \(again.failures)")
        #expect(try await MigrationRunner(url: database).run(migrations: [migration]).applied.isEmpty,
                "up keeps the data: the table and its record are still there")

        let down = try await test.down(to: "03")
        #expect(down.failures.isEmpty, "down: \(down.failures)")
        #expect(try await MigrationRunner(url: database).run(migrations: [migration]).applied.map(\.version) == [1],
                "after down the schema is gone, record and all: the migration applies again")
        let value = try await redis.send(RedisCommand("GET", [.string(key)]))
        #expect(value == .bulkString(nil), "after down the local Redis holds nothing of the stack")
        await redis.close()
    }

    static func execute(_ sql: String, on url: DatabaseURL) async throws {
        let connection = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(), id: 1,
                                                              logger: .init(label: "test"))
        defer { Task { try? await connection.close() } }
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: .init(label: "test"))
    }
}
