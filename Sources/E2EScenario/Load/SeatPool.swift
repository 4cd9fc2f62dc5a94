/// The free seats purchases may take, each handed out once, so the worker path buys real
/// seats instead of hammering one (which would only measure 409s).
actor SeatPool {
    private var seats: [String]

    init(_ seats: [String]) { self.seats = seats.shuffled() }

    func take() -> String? { seats.popLast() }
}
