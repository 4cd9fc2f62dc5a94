import AWSClient
import FoundationEssentials
import Logging
import RedisClient
import Ticketing

/// Holds and releases. Redis `SET NX PX` picks exactly one winner among concurrent callers;
/// the winner's hold is then written to DynamoDB (conditional, with TTL) and mirrored into
/// PostgreSQL. When a later step fails the earlier ones are undone, so no store keeps a hold
/// the caller was told it did not get.
struct SeatHolds: Sendable {
    let redis: RedisConnectionPool
    let dynamo: DynamoDB
    let repository: SeatRepository
    let table: String
    let ttlSeconds: Int
    let limit: HoldLimit
    let logger: Logger

    func hold(_ request: HoldRequest, for token: RoomToken, now: Date = Date()) async throws -> HoldResponse {
        let holdId = UUID()
        let holdValue = holdId.uuidString.lowercased()
        let expiresAt = now.addingTimeInterval(TimeInterval(ttlSeconds))
        let redisKey = RedisKeys.hold(request.eventId, request.seatId)
        let won = try await redis.set(redisKey, to: holdValue, condition: .ifNotExists,
                                      expiration: .milliseconds(ttlSeconds * 1000))
        guard won else { throw Problem(.seatUnavailable, detail: "seat \(request.seatId) is already held") }

        do {
            try await dynamo.putItem(
                table: table,
                item: SeatLockItem.item(eventId: request.eventId, seatId: request.seatId, holdId: holdId,
                                        userId: token.userId, expiresAt: expiresAt),
                condition: SeatLockItem.putCondition,
                values: [":now": ["N": .string(String(Int64(now.timeIntervalSince1970)))]])
        } catch {
            await undoRedis(redisKey, holdValue)
            if let error = error as? AWSError, error.isConditionalCheckFailure {
                throw Problem(.seatUnavailable, detail: "seat \(request.seatId) is already held")
            }
            throw error
        }

        let outcome: SeatRepository.HoldOutcome
        do {
            outcome = try await repository.recordHold(id: holdId, eventId: request.eventId, seatId: request.seatId,
                                                      userId: token.userId, expiresAt: expiresAt, limit: limit)
        } catch {
            await undoBoth(request.eventId, request.seatId, redisKey, holdValue)
            throw error
        }
        switch outcome {
        case .recorded:
            return HoldResponse(holdId: holdValue, expiresAt: expiresAt)
        case .seatSold:
            await undoBoth(request.eventId, request.seatId, redisKey, holdValue)
            throw Problem(.seatUnavailable, detail: "seat \(request.seatId) is sold")
        case .seatNotFound:
            await undoBoth(request.eventId, request.seatId, redisKey, holdValue)
            throw Problem(.seatNotFound, detail: "event \(request.eventId) has no seat \(request.seatId)")
        case .limitReached:
            await undoBoth(request.eventId, request.seatId, redisKey, holdValue)
            throw limit.problem(eventId: request.eventId)
        }
    }

    /// Removes the hold from every store, each only if it still is this hold.
    func release(_ request: ReleaseRequest) async throws -> ReleaseResponse {
        let holdValue = request.holdId.lowercased()
        let redisDeleted = try await redis.compareAndDelete(RedisKeys.hold(request.eventId, request.seatId),
                                                            token: holdValue)
        let dynamoDeleted = try await deleteLock(request.eventId, request.seatId, holdValue)
        guard let holdId = UUID(uuidString: holdValue) else {
            throw Problem.validation([FieldProblem(field: "holdId", message: "must be a UUID")])
        }
        let databaseReleased = try await repository.releaseHold(id: holdId, eventId: request.eventId,
                                                                seatId: request.seatId)
        guard redisDeleted || dynamoDeleted || databaseReleased else {
            throw Problem(.holdNotFound, detail: "no active hold \(holdValue) on seat \(request.seatId)")
        }
        return ReleaseResponse()
    }

    private func deleteLock(_ eventId: String, _ seatId: String, _ holdValue: String) async throws -> Bool {
        do {
            try await dynamo.deleteItem(table: table, key: SeatLockItem.key(eventId, seatId),
                                        condition: SeatLockItem.deleteCondition,
                                        values: [":holdId": ["S": .string(holdValue)]])
            return true
        } catch let error as AWSError where error.isConditionalCheckFailure {
            return false
        }
    }

    private func undoRedis(_ key: String, _ holdValue: String) async {
        do {
            _ = try await redis.compareAndDelete(key, token: holdValue)
        } catch {
            logger.error("could not undo a Redis hold; it lapses by TTL", metadata: ["key": "\(key)", "error": "\(error)"])
        }
    }

    private func undoBoth(_ eventId: String, _ seatId: String, _ key: String, _ holdValue: String) async {
        do {
            _ = try await deleteLock(eventId, seatId, holdValue)
        } catch {
            logger.error("could not undo a DynamoDB hold; it lapses by TTL", metadata: ["seat": "\(seatId)", "error": "\(error)"])
        }
        await undoRedis(key, holdValue)
    }
}
