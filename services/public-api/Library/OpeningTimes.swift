import FoundationEssentials
import NIOConcurrencyHelpers

/// Waiting-room opening times already read from Redis; they never change once set.
final class OpeningTimes: Sendable {
    private let times = NIOLockedValueBox<[String: Date]>([:])

    func get(_ eventId: String) -> Date? { times.withLockedValue { $0[eventId] } }
    func set(_ eventId: String, _ date: Date) { times.withLockedValue { $0[eventId] = date } }
}
