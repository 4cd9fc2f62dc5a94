/// Seconds on a clock the test moves by hand: the adaptive limiter takes time as a value, so a
/// test drives it through minutes of throttling instantly and exactly.
struct FakeClock {
    private(set) var now: Double = 0

    mutating func advance(by seconds: Double) {
        now += seconds
    }
}
