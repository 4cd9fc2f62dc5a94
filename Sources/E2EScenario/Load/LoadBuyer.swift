/// Who buys a load purchase: a user of its own per seat. A room token binds one user and event,
/// and a user may hold only `app.maxHoldsPerUser` seats at once (4 by default) while the worker
/// has not yet decided their orders, so one user buying a shard's seats in parallel would be
/// refused `hold-limit-reached` instead of measuring the purchase path.
enum LoadBuyer {
    /// `base`-`seatId`, `base` shortened so the id stays within the 64 characters a userId may
    /// have; a seat is bought at most once per run, so the id is the purchase's own.
    static func userId(base: String, seatId: String) -> String {
        let room = max(1, 63 - seatId.count)
        return String(base.prefix(room)) + "-" + seatId
    }
}
