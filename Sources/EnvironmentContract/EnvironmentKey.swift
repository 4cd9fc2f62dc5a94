/// The environment variables the services read — the one list shared by the services (which read
/// them), the stack file (whose `env` extras may not redefine them) and the engine (which writes
/// them per region into `infra/out/.env.generated`). A leaf module so all three can depend on it.
public enum EnvironmentKey: String, Sendable, CaseIterable, Hashable, Comparable {
    case awsRegion = "AWS_REGION"
    case stack = "TPS_STACK"
    case port = "PORT"
    case commitQueueURL = "COMMIT_QUEUE_URL"
    case commitDLQURL = "COMMIT_DLQ_URL"
    case seatLockTable = "SEAT_LOCK_TABLE"
    case redisHost = "REDIS_HOST"
    case redisPort = "REDIS_PORT"
    case redisTLS = "REDIS_TLS"
    case redisAuthToken = "REDIS_AUTH_TOKEN"
    /// Optional: a PEM file of the CAs Redis's TLS certificate must chain to; without it, the
    /// system roots (ElastiCache's in-transit certificates chain to public roots).
    case redisCAFile = "REDIS_CA_FILE"
    case dbHost = "DB_HOST"
    case dbPort = "DB_PORT"
    case dbName = "DB_NAME"
    case dbUser = "DB_USER"
    case dbPassword = "DB_PASSWORD"
    /// Optional: disable | require | verify-full; defaults to require with DB_HOST. tpsctl sets
    /// verify-full when the stack names the database's CA bundle (or the RDS Proxy's public roots).
    case dbSSLMode = "DB_SSLMODE"
    /// Optional: the PEM file of the CAs `verify-full` checks the server's chain against (libpq's
    /// sslrootcert): the bundle `tpsctl build` puts in the image; without it, the system roots.
    case dbSSLRootCert = "DB_SSLROOTCERT"
    case databaseURL = "DATABASE_URL"
    /// Optional (default 20): connections of each task's PostgreSQL pool, the stack's
    /// `dataPlane.aurora.connectionsPerTask`, which the connection budget counts.
    case dbPoolSize = "DB_POOL_SIZE"
    case roomTokenKey = "ROOM_TOKEN_KEY"
    case paymentWebhookSecret = "PAYMENT_WEBHOOK_SECRET"
    case awsEndpointURL = "AWS_ENDPOINT_URL"
    case admissionRatePerSec = "ADMISSION_RATE_PER_SEC"
    case holdTTLSec = "HOLD_TTL_SEC"
    /// Optional (default 4): the most active holds one user may have in one event.
    case maxHoldsPerUser = "MAX_HOLDS_PER_USER"
    /// The stack's home region (`app.homeRegion`): the APIs answer writes only there.
    case salesRegion = "SALES_REGION"
    /// Optional: confirm-worker's PostgreSQL statement_timeout / lock_timeout per transaction (ms).
    case dbStatementTimeoutMs = "DB_STATEMENT_TIMEOUT_MS"
    case dbLockTimeoutMs = "DB_LOCK_TIMEOUT_MS"

    /// Delivered to tasks from Secrets Manager by ECS `secrets`: generated files and task
    /// definitions name only the secret, never the value.
    public var isInjectedSecret: Bool {
        switch self {
        case .redisAuthToken, .dbPassword, .roomTokenKey, .paymentWebhookSecret: true
        default: false
        }
    }

    /// Values never repeated in errors or logs: the injected secrets, and DATABASE_URL, which may
    /// embed a password.
    public var isSecret: Bool { isInjectedSecret || self == .databaseURL }

    /// Set by tpsctl from the stack and its outputs, so a stack's `env` extras may not redefine
    /// it (nor weaken the database's TLS below what the stack's CA bundle allows). The worker's
    /// database timeouts are the operator's own choice.
    public var isSetByTpsctl: Bool {
        switch self {
        case .dbStatementTimeoutMs, .dbLockTimeoutMs: false
        default: true
        }
    }

    /// Declaration order: generated files list keys the same way every run.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
