import FoundationEssentials

/// The waiting room's arithmetic. Since the room opened, positions are admitted at a steady
/// `ratePerSecond` (ADMISSION_RATE_PER_SEC): the admitted count at time t is
/// ⌊(t − openedAt) × rate⌋, and position p is ready once that count reaches p. Pure, so every
/// public-api task computes the same answer from the same opening time.
public struct AdmissionSchedule: Sendable, Hashable {
    public let ratePerSecond: Double
    public let openedAt: Date

    static let maximumWait: Double = 1e15

    public init(ratePerSecond: Double, openedAt: Date) {
        precondition(ratePerSecond > 0 && ratePerSecond.isFinite, "admission rate must be positive")
        self.ratePerSecond = ratePerSecond
        self.openedAt = openedAt
    }

    /// How many positions have been admitted by `now` (0 before the room opened).
    public func admittedCount(at now: Date) -> Int64 {
        Int64(min((elapsed(at: now) * ratePerSecond).rounded(.down), Double(Int64.max / 2)))
    }

    /// Whether `position` may proceed, and if not, the fewest whole seconds after which it may.
    public func status(position: Int64, at now: Date) -> AdmissionStatus {
        // Not clamped: before the opening (clock skew between tasks), the wait includes it.
        let elapsed = now.timeIntervalSince(openedAt)
        guard !isAdmitted(position, after: elapsed) else { return AdmissionStatus(ready: true, leftSec: 0) }
        let estimate = ((Double(position) - elapsed * ratePerSecond) / ratePerSecond).rounded(.up)
        // Beyond ~30 million years the answer is "never" for any practical purpose.
        guard estimate < Self.maximumWait else { return AdmissionStatus(ready: false, leftSec: Int64(Self.maximumWait)) }
        var seconds = max(1, Int64(estimate))
        // Settle floating-point rounding against the same predicate `ready` uses.
        while seconds > 1, isAdmitted(position, after: elapsed + Double(seconds - 1)) { seconds -= 1 }
        while !isAdmitted(position, after: elapsed + Double(seconds)) { seconds += 1 }
        return AdmissionStatus(ready: false, leftSec: seconds)
    }

    /// The `etaSec` answered by enter: 0 when already admitted.
    public func etaSeconds(position: Int64, at now: Date) -> Int64 {
        status(position: position, at: now).leftSec
    }

    private func isAdmitted(_ position: Int64, after elapsed: Double) -> Bool {
        elapsed * ratePerSecond >= Double(position)
    }

    private func elapsed(at now: Date) -> Double {
        max(0, now.timeIntervalSince(openedAt))
    }
}

/// The answer to room-status.
public struct AdmissionStatus: Sendable, Hashable {
    public let ready: Bool
    /// 0 when ready, at least 1 otherwise.
    public let leftSec: Int64

    public init(ready: Bool, leftSec: Int64) {
        self.ready = ready
        self.leftSec = leftSec
    }
}
