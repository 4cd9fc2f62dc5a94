import AWSClient
import AWSSigV4
import FoundationEssentials
import Logging
import PostgresNIO
import RedisClient
import Ticketing

/// Builds the clients a service talks to from its environment settings; nothing connects yet.
public enum ServiceClients {
    /// PostgreSQL from DATABASE_URL or DB_*; `require` encrypts without checking the certificate
    /// (libpq's meaning), `verify-full` checks the chain against DB_SSLROOTCERT (the RDS bundle
    /// in the image; else the system roots) and the host name. A CA file that cannot be read
    /// fails here, at start, naming the file.
    public static func postgres(_ settings: DatabaseSettings, maximumConnections: Int = 20) throws -> PostgresClient {
        let tls: PostgresClient.Configuration.TLS
        if let configuration = try DatabaseTLS(settings).configuration {
            tls = .require(configuration)
        } else {
            tls = .disable
        }
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user,
            password: settings.password?.reveal, database: settings.name, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        return PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "postgres"))
    }

    /// Redis from REDIS_HOST/PORT/TLS/AUTH_TOKEN; with TLS the server's chain is checked against
    /// REDIS_CA_FILE (else the system roots: ElastiCache's chain to public roots) and its name.
    public static func redis(_ settings: RedisSettings, maximumConnections: Int = 32) throws -> RedisConnectionPool {
        let configuration = RedisConfiguration(
            host: settings.host, port: settings.port, password: settings.authToken?.reveal,
            tls: settings.tls ? RedisConfiguration.TLS(caFilePath: settings.caFilePath) : nil, clientName: "tps-service",
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
