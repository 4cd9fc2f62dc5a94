import Foundation

/// One target's health as a target group sees it: `initial` until the first verdict, healthy
/// after `healthyThreshold` consecutive passing checks, unhealthy after `unhealthyThreshold`
/// consecutive failures. A verdict only changes after a full run of the opposite result.
public struct TargetHealthState: Sendable, Hashable {
    public enum Status: String, Sendable { case initial, healthy, unhealthy }

    public private(set) var status: Status = .initial
    private var passes = 0
    private var failures = 0

    public init() {}

    /// Records one check's result; returns whether the status changed.
    @discardableResult
    public mutating func record(passed: Bool, healthyThreshold: Int, unhealthyThreshold: Int) -> Bool {
        let before = status
        if passed {
            passes += 1
            failures = 0
            if status != .healthy && passes >= max(1, healthyThreshold) { status = .healthy }
        } else {
            failures += 1
            passes = 0
            if status != .unhealthy && failures >= max(1, unhealthyThreshold) { status = .unhealthy }
        }
        return status != before
    }
}

/// A target group matcher's `HttpCode`: `200`, `200,202` or `200-399`.
public struct HealthCodeMatcher: Sendable, Hashable {
    let ranges: [ClosedRange<Int>]

    public init(_ httpCode: String) {
        let parsed = httpCode.split(separator: ",").compactMap { part -> ClosedRange<Int>? in
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1: return bounds[0]...bounds[0]
            case 2 where bounds[0] <= bounds[1]: return bounds[0]...bounds[1]
            default: return nil
            }
        }
        ranges = parsed.isEmpty ? [200...200] : parsed
    }

    public func accepts(_ status: Int) -> Bool { ranges.contains { $0.contains(status) } }
}
