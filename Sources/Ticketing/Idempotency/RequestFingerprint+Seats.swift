/// The fingerprints of the two seat-list requests. A seat list is a set: `["A2","A1"]` and
/// `["A1","A2"]` ask for the same thing, so a client retrying with its seats in another order
/// replays instead of getting 422 key-reused. The decoded model (unknown members are already
/// refused) is fingerprinted with its seats sorted.
extension PaymentIntentRequest {
    public func fingerprint() throws -> RequestFingerprint {
        try RequestFingerprint(operation: Self.operation, encoding: PaymentIntentRequest(
            userId: userId, eventId: eventId, seatIds: seatIds.sorted()))
    }
}

extension CommitRequest {
    public func fingerprint() throws -> RequestFingerprint {
        try RequestFingerprint(operation: Self.operation, encoding: CommitRequest(
            intentId: intentId.lowercased(), eventId: eventId, seatIds: seatIds.sorted(), userId: userId))
    }
}
