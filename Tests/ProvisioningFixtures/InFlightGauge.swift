import Provisioning
/// Counts mutating calls in progress per region and remembers the peak, to check the
/// engine's concurrency bound and that regions run at the same time.
public actor InFlightGauge {
    private var current: [RegionName: Int] = [:]
    private var totalCurrent = 0
    public private(set) var peak: [RegionName: Int] = [:]
    public private(set) var totalPeak = 0

    public init() {}

    public func enter(_ region: RegionName) {
        current[region, default: 0] += 1
        totalCurrent += 1
        peak[region] = max(peak[region] ?? 0, current[region]!)
        totalPeak = max(totalPeak, totalCurrent)
    }

    public func leave(_ region: RegionName) {
        current[region, default: 0] -= 1
        totalCurrent -= 1
    }
}
