/// The non-secret keys the services read (see the BRIEF); `.env.generated` accepts only these.
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
    case dbHost = "DB_HOST"
    case dbPort = "DB_PORT"
    case dbName = "DB_NAME"
    case dbUser = "DB_USER"
    case databaseURL = "DATABASE_URL"
    case awsEndpointURL = "AWS_ENDPOINT_URL"
    case admissionRatePerSec = "ADMISSION_RATE_PER_SEC"
    case holdTTLSec = "HOLD_TTL_SEC"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The secret keys: the generated environment names only the secret they come from
/// (ECS injects the value through `secrets`), never the value.
public enum SecretEnvironmentKey: String, Sendable, CaseIterable, Hashable, Comparable {
    case redisAuthToken = "REDIS_AUTH_TOKEN"
    case dbPassword = "DB_PASSWORD"
    case roomTokenKey = "ROOM_TOKEN_KEY"
    case paymentWebhookSecret = "PAYMENT_WEBHOOK_SECRET"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
