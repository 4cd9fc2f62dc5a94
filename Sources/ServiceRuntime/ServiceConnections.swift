import AWSClient
import Logging
import PostgresNIO
import RedisClient
import Ticketing

/// The clients every service process holds, built from its environment settings; nothing connects yet.
public struct ServiceConnections: Sendable {
    public let redis: RedisConnectionPool
    public let postgres: PostgresClient
    public let aws: AWSClient

    public init(_ service: ServiceEnvironment) throws {
        redis = try ServiceClients.redis(service.redis)
        postgres = try ServiceClients.postgres(service.database, maximumConnections: service.database.poolSize)
        aws = try ServiceClients.aws(service)
    }
}
