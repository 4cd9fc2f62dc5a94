import AWSClient
import ConfirmTestSupport

/// Reads a seat's lock item straight from DynamoDB, to check what the worker left behind.
enum SeatLockProbe {
    static func holdId(_ stack: ConfirmStack, eventId: String, seatId: String) async throws -> String? {
        let item = try await DynamoDB(client: stack.aws).getItem(
            table: stack.table, key: ["seatKey": ["S": .string("\(eventId)#\(seatId)")]])
        return item?["holdId"]?["S"]?.string
    }
}
