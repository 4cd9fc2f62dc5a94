/// A hold record's life: active until released by its holder, expired by TTL, or consumed
/// by the order that sold the seat. Only an active hold blocks the seat.
public enum HoldStatus: String, Codable, Sendable, CaseIterable {
    case active, released, expired, consumed

    public var isFinal: Bool { self != .active }
}
