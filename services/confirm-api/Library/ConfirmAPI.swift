import AWSClient
import FoundationEssentials
import Hummingbird
import Logging
import PostgresNIO
import RedisClient
import ServiceRuntime
import Ticketing

/// The `/confirm/*` routes of openapi/ticketing.yaml over PostgreSQL (intents, payments, commits,
/// orders), Redis and DynamoDB (the holds public-api wrote) and the SQS FIFO commit queue.
/// Built once per process; `main.swift` only reads the environment and runs it.
public final class ConfirmAPI: Sendable {
    let intents: PaymentIntents
    let callbacks: PaymentCallbacks
    let commits: Commits
    let statuses: OrderStatusStore
    let queue: CommitQueue
    let locks: SeatLockTable
    let roomTokens: RoomTokenCheck
    let sales: SalesRegion
    let redis: RedisConnectionPool
    let postgres: PostgresClient
    let logger: Logger

    public init(configuration: ConfirmAPIConfiguration, redis: RedisConnectionPool, postgres: PostgresClient,
                aws: AWSClient, logger: Logger) {
        let locks = SeatLockTable(dynamo: DynamoDB(client: aws), table: configuration.seatLockTable)
        let queue = CommitQueue(sqs: SQS(client: aws), queueURL: configuration.commitQueueURL)
        self.locks = locks
        self.roomTokens = configuration.roomTokens
        self.sales = configuration.sales
        self.queue = queue
        self.redis = redis
        self.postgres = postgres
        self.logger = logger
        intents = PaymentIntents(store: PaymentIntentStore(client: postgres, logger: logger),
                                 pricing: SeatPricing(client: postgres, logger: logger),
                                 holds: HoldOwnership(redis: redis, locks: locks),
                                 ttlSeconds: configuration.intentTTLSeconds)
        callbacks = PaymentCallbacks(client: postgres, signature: configuration.paymentSignature,
                                     wake: ParkedCommitWake(queue: queue, logger: logger), logger: logger)
        commits = Commits(store: CommitRequestStore(client: postgres, logger: logger), queue: queue, logger: logger)
        statuses = OrderStatusStore(client: postgres, logger: logger)
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        let routes = ContractRoutes(router.group("confirm"))
        routes.post("payment-intent") { request, _ in
            try self.sales.requireHome(for: "POST /confirm/payment-intent")
            let key = try IdempotencyKeyHeader.read(request)
            let body = try await RoomBoundRequest.decode(PaymentIntentRequest.self, from: request, tokens: self.roomTokens,
                                                         userId: \.userId, eventId: \.eventId)
            let outcome = try await self.intents.create(idempotencyKey: key, request: body)
            return try JSONResponse.make(outcome.response, status: outcome.replayed ? .ok : .created,
                                         headers: IdempotencyKeyHeader.responseHeaders(replayed: outcome.replayed))
        }
        // Not refused outside the home region: an intent lives only in the region that created
        // it (the home region at the time), so the callback is answered wherever its intent is
        // (404 elsewhere) — after a move of app.homeRegion, refusing it would lose a taken payment.
        routes.post("payment-callback") { request, _ in
            let header = HeaderValue.first(PaymentSignature.headerName, in: request)
            let outcome = try await self.callbacks.receive(signatureHeader: header,
                                                           body: try await RequestBody.bytes(request))
            return try JSONResponse.make(outcome.response, headers: IdempotencyKeyHeader.responseHeaders(replayed: outcome.replayed))
        }
        routes.post("commit") { request, _ in
            try self.sales.requireHome(for: "POST /confirm/commit")
            let key = try IdempotencyKeyHeader.read(request)
            let body = try await RoomBoundRequest.decode(CommitRequest.self, from: request, tokens: self.roomTokens,
                                                         userId: \.userId, eventId: \.eventId)
            let outcome = try await self.commits.commit(idem: key, request: body)
            var headers = IdempotencyKeyHeader.responseHeaders(replayed: outcome.replayed)
            headers[.location] = outcome.accepted.statusUrl
            return try JSONResponse.make(outcome.accepted, status: .accepted, headers: headers)
        }
        routes.get("status") { request, _ in
            try await self.status(request)
        }
        routes.get("health") { _, _ in
            let report = await self.health()
            return try JSONResponse.make(report, status: .init(code: report.httpStatus))
        }
        return router
    }

    private func status(_ request: Request) async throws -> Response {
        let idem = request.uri.queryParameters.get("idem")
        if let problem = FieldRules.idempotencyKey(idem, field: "idem") { throw Problem.validation([problem]) }
        guard let idem, let status = try await statuses.status(idem: idem) else {
            throw Problem(.orderNotFound, detail: "no commit with idem \(idem ?? "")")
        }
        let body = try JSONCoding.makeEncoder().encode(status)
        let etag = StatusETag.of(body)
        let headers: HTTPFields = [.cacheControl: "no-cache", .eTag: etag]
        if StatusETag.matches(request.headers[.ifNoneMatch], etag) {
            return Response(status: .notModified, headers: headers)
        }
        return JSONResponse.make(bytes: body, headers: headers)
    }

    /// Each dependency answers, or counts as failed; the report never carries an error text.
    public func health() async -> HealthReport {
        async let redisOK = DependencyCheck.run("redis", logger: logger) { _ = try await self.redis.ping() }
        async let databaseOK = DependencyCheck.run("postgres", logger: logger) {
            let rows = try await self.postgres.query("SELECT 1", logger: self.logger)
            for try await _ in rows {}
        }
        async let sqsOK = DependencyCheck.run("sqs", logger: logger) { try await self.queue.ping() }
        async let dynamoOK = DependencyCheck.run("dynamodb", logger: logger) {
            _ = try await self.locks.dynamo.describeTable(name: self.locks.table)
        }
        return HealthReport(service: .confirmAPI, checks: [
            "redis": await redisOK, "postgres": await databaseOK, "sqs": await sqsOK, "dynamodb": await dynamoOK,
        ])
    }

}
