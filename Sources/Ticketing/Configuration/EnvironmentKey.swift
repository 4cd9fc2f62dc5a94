/// The environment variables the services read — the keys tpsctl writes per region into
/// infra/out/.env.generated (secrets are injected by ECS `secrets`, never written there).
public enum EnvironmentKey: String, Sendable, CaseIterable {
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
    case dbHost = "DB_HOST"
    case dbPort = "DB_PORT"
    case dbName = "DB_NAME"
    case dbUser = "DB_USER"
    case dbPassword = "DB_PASSWORD"
    /// Optional: disable | require | verify-full; defaults to require with DB_HOST.
    case dbSSLMode = "DB_SSLMODE"
    case databaseURL = "DATABASE_URL"
    case roomTokenKey = "ROOM_TOKEN_KEY"
    case paymentWebhookSecret = "PAYMENT_WEBHOOK_SECRET"
    case awsEndpointURL = "AWS_ENDPOINT_URL"
    case admissionRatePerSec = "ADMISSION_RATE_PER_SEC"
    case holdTTLSec = "HOLD_TTL_SEC"

    /// Values never repeated in errors or logs. DATABASE_URL may embed a password.
    public var isSecret: Bool {
        switch self {
        case .redisAuthToken, .dbPassword, .databaseURL, .roomTokenKey, .paymentWebhookSecret: true
        default: false
        }
    }
}
