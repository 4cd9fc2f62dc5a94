import DatabaseMigrations
import Foundation
import RedisClient
import Stack

/// The stores behind a local stack's Aurora cluster and Redis group: the emulator keeps only
/// their records, the data lives in `local.databaseURL`'s PostgreSQL and `local.redisURL`'s
/// Redis. On AWS, deleting the cluster or the group deletes its data, so `down` of a local stack
/// erases these stores too, and the next `up` starts from nothing (no sold seat, no stale
/// hold). Both regions of `stacks/local.yaml` share one PostgreSQL and one Redis: deleting
/// either region's erases them.
///
/// The resources erase before their AWS delete: a `down` killed in between finds the record
/// still there and erases again, which is harmless.
struct LocalStores: Sendable {
    let database: DatabaseURL?
    let redis: RedisConfiguration?

    /// Nil for stacks without a local section (AWS stacks never erase anything this way).
    init?(local: LocalConfig?, passwords: LocalServerPasswords?) {
        guard let local else { return nil }
        database = local.databaseURL.flatMap { url -> DatabaseURL? in
            guard var parts = URLComponents(string: url.rawValue) else { return nil }
            if let password = passwords?.database?.value { parts.password = password }
            if let ca = local.databaseCA {
                // Checked as the services check it: the server's chain against the local CA.
                parts.queryItems = (parts.queryItems ?? []).filter { $0.name != "sslmode" && $0.name != "sslrootcert" }
                    + [URLQueryItem(name: "sslmode", value: "verify-full"), URLQueryItem(name: "sslrootcert", value: ca)]
            }
            return parts.string.flatMap { try? DatabaseURL($0) }
        }
        redis = local.redisURL.map { url in
            RedisConfiguration(host: url.host, port: url.port ?? 6379, password: passwords?.redis?.value,
                               tls: url.scheme == "rediss" ? .init(caFilePath: local.redisCA) : nil)
        }
    }

    /// Drops every object the stack's database user owns (tables, sequences, the migrations'
    /// record), as the cluster's deletion would.
    func eraseDatabase() async throws {
        guard let database else { return }
        do {
            try await DatabaseErase(url: database).run()
        } catch {
            throw StageFailure("erasing the local database \(database.redacted): \(error)")
        }
    }

    /// FLUSHDB on the database the services use (0), as the group's deletion would.
    func eraseRedis() async throws {
        guard let redis else { return }
        do {
            let connection = try await RedisConnection.connect(configuration: redis)
            defer { Task { await connection.close() } }
            _ = try await connection.send(RedisCommand("FLUSHDB"))
        } catch {
            throw StageFailure("erasing the local Redis \(redis.host):\(redis.port): \(error)")
        }
    }
}
