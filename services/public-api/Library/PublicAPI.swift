import AWSClient
import Crypto
import FoundationEssentials
import Hummingbird
import Logging
import PostgresNIO
import RedisClient
import ServiceRuntime
import Ticketing

/// The `/public/*` routes of openapi/ticketing.yaml over their three stores. Built once per
/// process; `main.swift` only reads the environment and runs it.
public final class PublicAPI: Sendable {
    let room: WaitingRoom
    let reads: PublicReadCache
    let holds: SeatHolds
    let repository: SeatRepository
    let redis: RedisConnectionPool
    let dynamo: DynamoDB
    let table: String
    let sales: SalesRegion
    let logger: Logger

    public init(configuration: PublicAPIConfiguration, redis: RedisConnectionPool, postgres: PostgresClient,
                aws: AWSClient, logger: Logger) {
        let repository = SeatRepository(client: postgres, logger: logger)
        self.repository = repository
        self.redis = redis
        self.dynamo = DynamoDB(client: aws)
        self.table = configuration.seatLockTable
        self.sales = configuration.sales
        self.logger = logger
        room = WaitingRoom(redis: redis, repository: repository, configuration: configuration)
        reads = PublicReadCache(redis: redis, localTTL: configuration.readCacheLocalTTL,
                                redisTTLMilliseconds: configuration.readCacheRedisTTLMilliseconds)
        holds = SeatHolds(redis: redis, dynamo: dynamo, repository: repository, table: configuration.seatLockTable,
                          ttlSeconds: configuration.holdTTLSeconds,
                          limit: HoldLimit(maximum: configuration.maxHoldsPerUser), logger: logger)
    }

    /// How often this process loaded a section's summary from PostgreSQL (for the single-flight test).
    public func summaryDatabaseLoads(eventId: String, section: String) async -> Int {
        await reads.loadCount(key: RedisKeys.summary(eventId, section))
    }

    /// How often this process loaded an event's seat map from PostgreSQL (for the single-flight test).
    public func seatMapDatabaseLoads(eventId: String) async -> Int {
        await reads.loadCount(key: RedisKeys.seats(eventId))
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        let routes = ContractRoutes(router.group("public"))
        routes.post("enter") { request, _ in
            try self.sales.requireHome(for: "POST /public/enter")
            let body = try await ContractBody.decode(EnterRequest.self, from: request)
            return try JSONResponse.make(try await self.room.enter(body))
        }
        routes.get("room-status") { request, _ in
            let token = try self.room.verify(request.uri.queryParameters.get("token"), field: "token")
            return try JSONResponse.make(RoomStatusResponse(try await self.room.status(of: token)))
        }
        routes.get("summary/:eventId/:section") { request, context in
            try await self.summary(request, context)
        }
        routes.get("seats/:eventId") { request, context in
            try await self.seatMap(request, context)
        }
        routes.post("hold") { request, _ in
            try self.sales.requireHome(for: "POST /public/hold")
            let header = request.headers.first { $0.name.canonicalName == RoomToken.headerName }?.value
            let token = try self.room.verify(header, field: RoomToken.headerName)
            let body = try await ContractBody.decode(HoldRequest.self, from: request)
            guard token.eventId == body.eventId else {
                throw Problem(.eventMismatch, detail: "the room token is for event \(token.eventId)")
            }
            let admission = try await self.room.status(of: token)
            guard admission.ready else {
                throw Problem(.notAdmitted, detail: "admitted in about \(admission.leftSec) s")
            }
            return try JSONResponse.make(try await self.holds.hold(body, for: token), status: .created)
        }
        routes.post("release") { request, _ in
            try self.sales.requireHome(for: "POST /public/release")
            let body = try await ContractBody.decode(ReleaseRequest.self, from: request)
            return try JSONResponse.make(try await self.holds.release(body))
        }
        routes.get("health") { _, _ in
            let report = await self.health()
            return try JSONResponse.make(report, status: .init(code: report.httpStatus))
        }
        routes.get("ping") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: "pong")))
        }
        return router
    }

    private func summary(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let eventId = try Self.identifier(context, "eventId")
        let section = try Self.identifier(context, "section")
        let repository = repository
        guard let body = try await reads.body(key: RedisKeys.summary(eventId, section), load: {
            try await repository.summary(eventId: eventId, section: section).map { try JSONCoding.makeEncoder().encode($0) }
        }) else {
            throw Problem(.sectionNotFound, detail: "event \(eventId) has no section \(section)")
        }
        return Self.cached(body, request, cacheControl: "public, max-age=2, s-maxage=10")
    }

    /// The event's seat map, cached like the summary but shorter at the edge (2 s): it is what a
    /// buyer picks a seat from, so it may lag a hold by at most ~1 s here + 2 s in Redis + 2 s at
    /// the edge; a hold on a seat shown free still fails cleanly with 409.
    private func seatMap(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let eventId = try Self.identifier(context, "eventId")
        let repository = repository
        guard let body = try await reads.body(key: RedisKeys.seats(eventId), load: {
            try await repository.seats(eventId: eventId).map {
                try JSONCoding.makeEncoder().encode(SeatMap(eventId: eventId, seats: $0))
            }
        }) else {
            throw Problem(.eventNotFound, detail: "no event \(eventId)")
        }
        return Self.cached(body, request, cacheControl: "public, max-age=1, s-maxage=2")
    }

    /// 200 with the body, or 304 when the client already has it (If-None-Match).
    static func cached(_ body: PublicReadCache.Body, _ request: Request, cacheControl: String) -> Response {
        let headers: HTTPFields = [.cacheControl: cacheControl, .eTag: body.etag]
        if request.headers[.ifNoneMatch] == body.etag {
            return Response(status: .notModified, headers: headers)
        }
        return JSONResponse.make(bytes: body.bytes, headers: headers)
    }

    /// A path identifier, or a 400 naming it.
    static func identifier(_ context: BasicRequestContext, _ name: String) throws -> String {
        guard let value = context.parameters.get(name), FieldRules.isIdentifier(value) else {
            throw Problem.validation([FieldProblem(field: name, message:
                "must be 1-64 letters, digits, '_' or '-', starting with a letter or digit")])
        }
        return value
    }

    /// Each dependency answers within the health check's own time, or counts as failed.
    public func health() async -> HealthReport {
        async let redisOK = DependencyCheck.run("redis", logger: logger) { _ = try await self.redis.ping() }
        async let databaseOK = DependencyCheck.run("postgres", logger: logger) { try await self.repository.ping() }
        async let dynamoOK = DependencyCheck.run("dynamodb", logger: logger) {
            _ = try await self.dynamo.describeTable(name: self.table)
        }
        return HealthReport(service: .publicAPI, checks: [
            "redis": await redisOK, "postgres": await databaseOK, "dynamodb": await dynamoOK,
        ])
    }

}
