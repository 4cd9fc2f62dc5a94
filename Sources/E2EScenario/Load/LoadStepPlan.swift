/// One step of a plan as scheduled: its whole-run target rate, when it begins (seconds after
/// the run's start) and how long it lasts. The soak, when there is one, is the last step.
public struct LoadStepPlan: Sendable, Equatable {
    public let rate: Int
    public let offsetSeconds: Int
    public let seconds: Int
    public let isSoak: Bool

    /// The column heading of this step in the report's tables.
    public var label: String { "\(rate) req/s" + (isSoak ? " soak" : "") }

    static func schedule(rates: [Int], stepSeconds: Int, soakSeconds: Int?) -> [LoadStepPlan] {
        var steps = rates.enumerated().map {
            LoadStepPlan(rate: $0.element, offsetSeconds: $0.offset * stepSeconds, seconds: stepSeconds, isSoak: false)
        }
        if let soakSeconds, let last = rates.last {
            steps.append(LoadStepPlan(rate: last, offsetSeconds: rates.count * stepSeconds, seconds: soakSeconds,
                                      isSoak: true))
        }
        return steps
    }
}
