import EnvironmentContract
import Foundation
import Testing
import Ticketing

@Suite("ServiceEnvironment: typed configuration, one-line errors, no secret echoed")
struct ServiceEnvironmentTests {
    static let roomKey = "room-token-key-0123456789-abcdefgh"
    static let webhookSecret = "webhook-secret-0123456789-abcdefg"
    static let base: [String: String] = [
        "AWS_REGION": "ap-northeast-1", "TPS_STACK": "max-tps", "PORT": "8081",
        "SEAT_LOCK_TABLE": "max-tps-apne1-seat-locks",
        "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6390", "REDIS_TLS": "false", "REDIS_AUTH_TOKEN": "redis-pass-xyz",
        "DB_HOST": "db.internal", "DB_NAME": "tps", "DB_USER": "tps", "DB_PASSWORD": "db-pass-xyz",
        "ROOM_TOKEN_KEY": roomKey, "PAYMENT_WEBHOOK_SECRET": webhookSecret,
        "ADMISSION_RATE_PER_SEC": "250", "HOLD_TTL_SEC": "120", "SALES_REGION": "ap-northeast-2",
        "COMMIT_QUEUE_URL": "http://127.0.0.1:4566/000000000000/max-tps-commit.fifo",
        "COMMIT_DLQ_URL": "http://127.0.0.1:4566/000000000000/max-tps-commit-dlq.fifo",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:4566",
    ]
    static let secretValues = ["redis-pass-xyz", "db-pass-xyz", roomKey, webhookSecret, "s3cr3t-in-url"]

    @Test func readsEveryRole() throws {
        let publicAPI = try PublicAPIEnvironment(environment: Self.base)
        #expect(publicAPI.service.role == .publicAPI)
        #expect(publicAPI.service.region == "ap-northeast-1" && publicAPI.service.stack == "max-tps")
        #expect(publicAPI.service.port == 8081)
        #expect(publicAPI.service.redis == RedisSettings(host: "127.0.0.1", port: 6390, tls: false,
                                                         authToken: SecretValue("redis-pass-xyz")))
        #expect(publicAPI.service.database == DatabaseSettings(host: "db.internal", port: 5432, name: "tps", user: "tps",
                                                               password: SecretValue("db-pass-xyz"), tls: .require))
        #expect(publicAPI.admissionRatePerSecond == 250 && publicAPI.holdTTLSeconds == 120)
        #expect(publicAPI.service.awsEndpoint?.absoluteString == "http://127.0.0.1:4566")

        let confirm = try ConfirmAPIEnvironment(environment: Self.base)
        #expect(confirm.commitQueueURL.path.hasSuffix("max-tps-commit.fifo"))
        #expect(confirm.intentTTLSeconds == 120)
        #expect(publicAPI.sales == SalesRegion(home: "ap-northeast-2", current: "ap-northeast-1"))
        #expect(confirm.sales == SalesRegion(home: "ap-northeast-2", current: "ap-northeast-1"))
        let worker = try ConfirmWorkerEnvironment(environment: Self.base)
        #expect(worker.commitDLQURL != nil)
        #expect(worker.service.seatLockTable == "max-tps-apne1-seat-locks")
    }

    @Test func defaultsAndDatabaseURL() throws {
        var env = Self.base
        for key in ["PORT", "REDIS_PORT", "REDIS_TLS", "REDIS_AUTH_TOKEN", "AWS_ENDPOINT_URL", "COMMIT_DLQ_URL"] {
            env[key] = nil
        }
        env["DATABASE_URL"] = "postgres://tps:s3cr3t-in-url@127.0.0.1:5433/tps"
        env["PORT"] = ""
        let worker = try ConfirmWorkerEnvironment(environment: env)
        #expect(worker.service.port == 8080)
        #expect(worker.service.redis.port == 6379 && !worker.service.redis.tls && worker.service.redis.authToken == nil)
        #expect(worker.service.database == DatabaseSettings(host: "127.0.0.1", port: 5433, name: "tps", user: "tps",
                                                            password: SecretValue("s3cr3t-in-url"), tls: .disable))
        #expect(worker.service.awsEndpoint == nil && worker.commitDLQURL == nil)
        env["DATABASE_URL"] = "postgresql://u@h/db?sslmode=verify-full"
        #expect(try ServiceEnvironment(role: .confirmWorker, environment: env).database.tls == .verifyFull)
    }

    @Test("verify-full names its roots: DB_SSLROOTCERT or sslrootcert=, and REDIS_CA_FILE for Redis's TLS")
    func trustRoots() throws {
        var env = Self.base
        env["DB_SSLMODE"] = "verify-full"
        env["DB_SSLROOTCERT"] = "/etc/ssl/tps/database-ca.pem"
        env["REDIS_TLS"] = "true"
        env["REDIS_CA_FILE"] = "/etc/ssl/tps/redis-ca.pem"
        let service = try ServiceEnvironment(role: .publicAPI, environment: env)
        #expect(service.database.tls == .verifyFull && service.database.rootCertificatePath == "/etc/ssl/tps/database-ca.pem")
        #expect(service.database.description.hasSuffix(" tls=verify-full roots=/etc/ssl/tps/database-ca.pem"))
        #expect(service.redis.tls && service.redis.caFilePath == "/etc/ssl/tps/redis-ca.pem")
        env["DATABASE_URL"] = "postgres://u@h/db?sslmode=verify-full&sslrootcert=/tmp/ca.pem"
        #expect(try ServiceEnvironment(role: .publicAPI, environment: env).database.rootCertificatePath == "/tmp/ca.pem")
        env["DB_SSLROOTCERT"] = nil
        env["DATABASE_URL"] = nil
        #expect(try ServiceEnvironment(role: .publicAPI, environment: env).database.description.hasSuffix("roots=system"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let role: ServiceRole
        let changes: [String: String?]
        let key: String
        let message: String
        var testDescription: String { "\(key): \(message)" }
    }

    @Test("Missing or bad keys: one line naming the key", arguments: [
        Case(role: .publicAPI, changes: ["AWS_REGION": nil], key: "AWS_REGION",
             message: "environment variable AWS_REGION is required but not set"),
        Case(role: .publicAPI, changes: ["AWS_REGION": "Tokyo"], key: "AWS_REGION",
             message: #"environment variable AWS_REGION must be a region name like ap-northeast-1 (got "Tokyo")"#),
        Case(role: .publicAPI, changes: ["PORT": "80a"], key: "PORT",
             message: #"environment variable PORT must be an integer in 1...65535 (got "80a")"#),
        Case(role: .publicAPI, changes: ["PORT": "70000"], key: "PORT",
             message: #"environment variable PORT must be an integer in 1...65535 (got "70000")"#),
        Case(role: .publicAPI, changes: ["REDIS_TLS": "yes"], key: "REDIS_TLS",
             message: #"environment variable REDIS_TLS must be true or false (got "yes")"#),
        Case(role: .publicAPI, changes: ["REDIS_HOST": ""], key: "REDIS_HOST",
             message: "environment variable REDIS_HOST is required but not set"),
        Case(role: .publicAPI, changes: ["DB_PASSWORD": nil], key: "DB_PASSWORD",
             message: "environment variable DB_PASSWORD is required but not set"),
        Case(role: .publicAPI, changes: ["DB_SSLMODE": "prefer"], key: "DB_SSLMODE",
             message: #"environment variable DB_SSLMODE must be disable, require or verify-full (got "prefer")"#),
        Case(role: .publicAPI, changes: ["ROOM_TOKEN_KEY": "short-s3cr3t"], key: "ROOM_TOKEN_KEY",
             message: "environment variable ROOM_TOKEN_KEY must be at least 32 bytes long (it has 12)"),
        Case(role: .publicAPI, changes: ["ADMISSION_RATE_PER_SEC": "0"], key: "ADMISSION_RATE_PER_SEC",
             message: #"environment variable ADMISSION_RATE_PER_SEC must be a number greater than 0 and at most 1000000 (got "0")"#),
        Case(role: .publicAPI, changes: ["HOLD_TTL_SEC": nil], key: "HOLD_TTL_SEC",
             message: "environment variable HOLD_TTL_SEC is required but not set"),
        Case(role: .publicAPI, changes: ["SEAT_LOCK_TABLE": nil], key: "SEAT_LOCK_TABLE",
             message: "environment variable SEAT_LOCK_TABLE is required but not set"),
        Case(role: .publicAPI, changes: ["AWS_ENDPOINT_URL": "localhost:4566"], key: "AWS_ENDPOINT_URL",
             message: #"environment variable AWS_ENDPOINT_URL must be an http(s) URL (got "localhost:4566")"#),
        Case(role: .publicAPI, changes: ["SALES_REGION": nil], key: "SALES_REGION",
             message: "environment variable SALES_REGION is required but not set"),
        Case(role: .confirmAPI, changes: ["SALES_REGION": "Seoul"], key: "SALES_REGION",
             message: #"environment variable SALES_REGION must be a region name like ap-northeast-1 (got "Seoul")"#),
        Case(role: .confirmAPI, changes: ["COMMIT_QUEUE_URL": nil], key: "COMMIT_QUEUE_URL",
             message: "environment variable COMMIT_QUEUE_URL is required but not set"),
        Case(role: .confirmAPI, changes: ["PAYMENT_WEBHOOK_SECRET": "s3cr3t-in-url"], key: "PAYMENT_WEBHOOK_SECRET",
             message: "environment variable PAYMENT_WEBHOOK_SECRET must be at least 32 bytes long (it has 13)"),
        Case(role: .confirmWorker, changes: ["DATABASE_URL": "mysql://tps:s3cr3t-in-url@h/db"], key: "DATABASE_URL",
             message: "environment variable DATABASE_URL must be a postgres:// URL"),
        Case(role: .confirmWorker, changes: ["DATABASE_URL": "postgres://tps:s3cr3t-in-url@h"], key: "DATABASE_URL",
             message: "environment variable DATABASE_URL has no database name in its path"),
        Case(role: .confirmWorker, changes: ["DATABASE_URL": "postgres://tps:s3cr3t-in-url@h/db?sslmode=s3cr3t-in-url"],
             key: "DATABASE_URL", message: "environment variable DATABASE_URL sslmode must be disable, require or verify-full"),
        Case(role: .confirmWorker, changes: ["COMMIT_DLQ_URL": "ftp://x/y"], key: "COMMIT_DLQ_URL",
             message: #"environment variable COMMIT_DLQ_URL must be an http(s) URL (got "ftp://x/y")"#),
    ])
    func errors(example: Case) throws {
        var env = Self.base
        for (key, value) in example.changes { env[key] = value }
        let error = try #require(loadError(example.role, env))
        #expect(error.key.rawValue == example.key)
        #expect(error.description == example.message)
        #expect(!error.description.contains("\n"))
        for secret in Self.secretValues { #expect(!error.description.contains(secret)) }
    }

    @Test("Descriptions of secret-bearing settings are redacted")
    func redaction() throws {
        var env = Self.base
        env["DATABASE_URL"] = "postgres://tps:s3cr3t-in-url@127.0.0.1:5433/tps"
        let service = try PublicAPIEnvironment(environment: env).service
        let rendered = "\(service) \(service.redis) \(service.database) \(SecretValue("db-pass-xyz"))"
        for secret in Self.secretValues { #expect(!rendered.contains(secret), "\(secret) leaked") }
        #expect(service.database.description == "postgres://tps:<redacted>@127.0.0.1:5433/tps tls=disable")
        #expect(service.redis.description == "redis://127.0.0.1:6390 auth=<redacted>")
    }

    @Test("Every key the brief lists is known, and exactly the secret ones are marked secret")
    func keys() {
        #expect(Set(EnvironmentKey.allCases.filter(\.isSecret).map(\.rawValue)) ==
                ["REDIS_AUTH_TOKEN", "DB_PASSWORD", "DATABASE_URL", "ROOM_TOKEN_KEY", "PAYMENT_WEBHOOK_SECRET"])
        let brief: Set<String> = ["AWS_REGION", "TPS_STACK", "PORT", "COMMIT_QUEUE_URL", "COMMIT_DLQ_URL",
            "SEAT_LOCK_TABLE", "REDIS_HOST", "REDIS_PORT", "REDIS_TLS", "REDIS_AUTH_TOKEN", "DB_HOST", "DB_PORT",
            "DB_NAME", "DB_USER", "DB_PASSWORD", "DATABASE_URL", "ROOM_TOKEN_KEY", "PAYMENT_WEBHOOK_SECRET",
            "AWS_ENDPOINT_URL", "ADMISSION_RATE_PER_SEC", "HOLD_TTL_SEC"]
        #expect(brief.isSubset(of: Set(EnvironmentKey.allCases.map(\.rawValue))))
    }

    private func loadError(_ role: ServiceRole, _ env: [String: String]) -> EnvironmentError? {
        do {
            switch role {
            case .publicAPI: _ = try PublicAPIEnvironment(environment: env)
            case .confirmAPI: _ = try ConfirmAPIEnvironment(environment: env)
            case .confirmWorker: _ = try ConfirmWorkerEnvironment(environment: env)
            }
            return nil
        } catch {
            return error
        }
    }
}
