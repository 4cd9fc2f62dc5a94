import AWSClient
import FoundationEssentials
import Ticketing

/// The DynamoDB seat-lock table as confirm-api and confirm-worker use it: read the holds of
/// several seats in one consistent BatchGetItem (to check who holds them), and delete a hold
/// only while it still is the given one (so a later hold of the seat is never removed).
public struct SeatLockTable: Sendable {
    /// One seat's lock item.
    public struct Lock: Sendable, Hashable {
        public let holdId: String
        public let userId: String
        public let expiresAt: Date
    }

    public let dynamo: DynamoDB
    public let table: String

    public init(dynamo: DynamoDB, table: String) {
        self.dynamo = dynamo
        self.table = table
    }

    /// The lock items of `seatIds` (at most 100, the BatchGetItem limit) by seat id; seats
    /// without an item are absent. Unprocessed keys (throttling) are asked again a few times.
    public func locks(eventId: String, seatIds: [String]) async throws -> [String: Lock] {
        var pending: [[String: AWSJSON]] = seatIds.map { seatId in
            [SeatHoldKeys.lockKeyAttribute: ["S": .string(SeatHoldKeys.lockKey(eventId: eventId, seatId: seatId))]]
        }
        var found: [String: Lock] = [:]
        var attempt = 0
        while !pending.isEmpty {
            let answer = try await dynamo.batchGetItem(table: table, keys: pending)
            for item in answer.items {
                guard let key = item[SeatHoldKeys.lockKeyAttribute]?["S"]?.string,
                      let seatId = key.split(separator: "#", maxSplits: 1).last.map(String.init),
                      let holdId = item[SeatHoldKeys.holdIdAttribute]?["S"]?.string,
                      let userId = item[SeatHoldKeys.userIdAttribute]?["S"]?.string,
                      let seconds = item[SeatHoldKeys.expiresAtAttribute]?["N"]?.string.flatMap(Double.init) else {
                    continue
                }
                found[seatId] = Lock(holdId: holdId, userId: userId, expiresAt: Date(timeIntervalSince1970: seconds))
            }
            pending = answer.unprocessedKeys
            attempt += 1
            if !pending.isEmpty {
                guard attempt < 5 else { throw SeatLockTableError.unprocessedKeys(pending.count) }
                try await Task.sleep(for: .milliseconds(20 << attempt))
            }
        }
        return found
    }

    /// Deletes the seat's lock if it is still `holdId`; false when it already was another or gone.
    @discardableResult
    public func release(eventId: String, seatId: String, holdId: String) async throws -> Bool {
        do {
            try await dynamo.deleteItem(
                table: table,
                key: [SeatHoldKeys.lockKeyAttribute: ["S": .string(SeatHoldKeys.lockKey(eventId: eventId, seatId: seatId))]],
                condition: "\(SeatHoldKeys.holdIdAttribute) = :holdId", values: [":holdId": ["S": .string(holdId)]])
            return true
        } catch let error as AWSError where error.isConditionalCheckFailure {
            return false
        }
    }
}

/// DynamoDB kept answering with unprocessed keys (sustained throttling).
public enum SeatLockTableError: Error, CustomStringConvertible {
    case unprocessedKeys(Int)

    public var description: String { "DynamoDB left \(self.count) seat-lock keys unprocessed after 5 attempts" }

    private var count: Int {
        switch self { case .unprocessedKeys(let count): count }
    }
}
