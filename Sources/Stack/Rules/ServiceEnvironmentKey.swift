/// The environment variables tpsctl itself sets for the services (the BRIEF's list; the engine's
/// `EnvironmentKey`/`SecretEnvironmentKey` write them). A stack's `env` extras may not redefine
/// them. Kept here because Stack validates before the engine exists and cannot import it.
enum ServiceEnvironmentKey: String, CaseIterable, Sendable {
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
    case databaseURL = "DATABASE_URL"
    case roomTokenKey = "ROOM_TOKEN_KEY"
    case paymentWebhookSecret = "PAYMENT_WEBHOOK_SECRET"
    case awsEndpointURL = "AWS_ENDPOINT_URL"
    case admissionRatePerSecond = "ADMISSION_RATE_PER_SEC"
    case holdTTLSeconds = "HOLD_TTL_SEC"

    /// nil when `name` may be used as an extra environment variable, otherwise why not.
    static func problemWithExtra(_ name: String) -> String? {
        let first = name.first.map { ("A"..."Z").contains($0) || $0 == "_" } ?? false
        let rest = name.allSatisfy { ("A"..."Z").contains($0) || $0.isASCIIDigit || $0 == "_" }
        guard first, rest else {
            return "'\(name)' is not an environment variable name (A-Z, 0-9 and _, not starting with a digit)"
        }
        if ServiceEnvironmentKey(rawValue: name) != nil {
            return "'\(name)' is set by tpsctl from the stack's outputs and cannot be overridden"
        }
        return nil
    }
}
