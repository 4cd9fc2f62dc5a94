/// A service's paced send rate in one region changed enough to tell the operator: its first
/// throttle, then each time the rate has halved since last told (so a run under steady
/// throttling prints a few lines per service, not one per retry; recoveries are not news).
public struct SendRateChange: Sendable, Equatable, CustomStringConvertible {
    /// The SDK service id (`EC2`, `Elastic Load Balancing v2`).
    public let service: String
    public let region: String
    /// Calls per second now allowed.
    public let rate: Double

    public init(service: String, region: String, rate: Double) {
        self.service = service; self.region = region; self.rate = rate
    }

    /// `EC2 throttled in ap-northeast-1, sending at 3.5/s`.
    public var description: String {
        let tenths = Int((rate * 10).rounded())
        let figure = tenths >= 100 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        return "\(service) throttled in \(region), sending at \(figure)/s"
    }

    /// Whether `rate` fell enough below the last told one to be told again.
    static func isWorthTelling(_ rate: Double, after told: Double?) -> Bool {
        guard let told else { return true }
        return rate <= told / 2
    }
}
