/// A seat's state. `sold` is final: nothing moves a seat out of it, which is what makes
/// "nothing sold twice" checkable.
public enum SeatState: String, Codable, Sendable, CaseIterable {
    case available, held, sold

    /// The state after `event`, or nil when the event is not allowed in this state.
    public func applying(_ event: SeatEvent) -> SeatState? {
        switch (self, event) {
        case (.available, .hold): .held
        case (.held, .release), (.held, .expire): .available
        case (.held, .sell): .sold
        default: nil
        }
    }
}

/// What can happen to a seat.
public enum SeatEvent: String, Sendable, CaseIterable {
    /// A user won the seat's hold.
    case hold
    /// The holder gave it back.
    case release
    /// The hold's TTL ran out.
    case expire
    /// The worker confirmed an order containing it.
    case sell
}
