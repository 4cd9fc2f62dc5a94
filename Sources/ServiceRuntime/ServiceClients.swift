import AWSClient
import AWSSigV4
import FoundationEssentials
import Logging
import NIOSSL
import PostgresNIO
import RedisClient
import Ticketing

/// Builds the clients a service talks to from its environment settings; nothing connects yet.
public enum ServiceClients {
    /// PostgreSQL from DATABASE_URL or DB_*; `require` encrypts without checking the certificate
    /// (Aurora's CA is not in the image), `verify-full` checks it against the system roots.
    public static func postgres(_ settings: DatabaseSettings, maximumConnections: Int = 20) throws -> PostgresClient {
        let tls: PostgresClient.Configuration.TLS
        switch settings.tls {
        case .disable:
            tls = .disable
        case .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            tls = .require(configuration)
        case .verifyFull:
            tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user,
            password: settings.password?.reveal, database: settings.name, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        return PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "postgres"))
    }

    /// Redis from REDIS_HOST/PORT/TLS/AUTH_TOKEN.
    public static func redis(_ settings: RedisSettings, maximumConnections: Int = 32) throws -> RedisConnectionPool {
        let configuration = RedisConfiguration(
            host: settings.host, port: settings.port, password: settings.authToken?.reveal,
            tls: settings.tls ? RedisConfiguration.TLS() : nil, clientName: "tps-service",
            maximumConnections: maximumConnections)
        return try RedisConnectionPool(configuration: configuration, logger: Logger(label: "redis"))
    }

    /// AWS in AWS_REGION, against AWS_ENDPOINT_URL when set (local runs), with the default
    /// credential chain (the ECS task role on Fargate).
    public static func aws(_ environment: ServiceEnvironment) throws -> AWSClient {
        let configuration = try AWSConfiguration.load(
            AWSOverrides(region: environment.region, endpointURL: environment.awsEndpoint?.absoluteString))
        return try AWSClient(configuration: configuration, region: environment.region)
    }
}
