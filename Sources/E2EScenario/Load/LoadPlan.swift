/// How hard and how long: open-loop steps of a target request rate (the seed steps up, e.g.
/// 10k → 50k → 100k per second, five minutes each), capped by in-flight requests so a
/// saturated client reports drops instead of silently slowing down (coordinated omission).
public struct LoadPlan: Sendable {
    public var rates: [Int]
    public var stepSeconds: Int
    public var maxInFlight: Int

    public init(rates: [Int], stepSeconds: Int, maxInFlight: Int) {
        self.rates = rates
        self.stepSeconds = stepSeconds
        self.maxInFlight = maxInFlight
    }
}
