import FoundationEssentials
import NIOConcurrencyHelpers

/// Waiting-room opening times this process read lately, so room-status polls do not each ask
/// Redis. Bounded: entries live `lifetime`, and at `capacity` the expired ones go (then, if
/// still full, an arbitrary one), so a stream of new or made-up event ids cannot grow it.
final class OpeningTimes: Sendable {
    private struct Entry { let opensAt: Date; let until: ContinuousClock.Instant }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    let capacity: Int
    let lifetime: Duration

    init(capacity: Int = 1024, lifetime: Duration = .seconds(30)) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    func get(_ eventId: String) -> Date? {
        let now = ContinuousClock.now
        return entries.withLockedValue { entries in
            guard let entry = entries[eventId] else { return nil }
            guard entry.until > now else { entries[eventId] = nil; return nil }
            return entry.opensAt
        }
    }

    func set(_ eventId: String, _ date: Date) {
        let now = ContinuousClock.now
        entries.withLockedValue { entries in
            if entries[eventId] == nil, entries.count >= capacity {
                entries = entries.filter { $0.value.until > now }
                if entries.count >= capacity { entries.remove(at: entries.startIndex) }
            }
            entries[eventId] = Entry(opensAt: date, until: now.advanced(by: lifetime))
        }
    }

    var count: Int { entries.withLockedValue(\.count) }
}
