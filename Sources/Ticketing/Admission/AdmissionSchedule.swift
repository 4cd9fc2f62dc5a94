import Foundation

/// The waiting room's arithmetic. Since the room opened, positions are admitted at a steady
/// `ratePerSecond` (ADMISSION_RATE_PER_SEC): the admitted count at time t is
/// ⌊(t − openedAt) × rate⌋, and position p is ready once that count reaches p. Pure, so every
/// public-api task computes the same answer from the same opening time.
public struct AdmissionSchedule: Sendable, Hashable {
    public let ratePerSecond: Double
    public let openedAt: Date

    public init(ratePerSecond: Double, openedAt: Date) {
        precondition(ratePerSecond > 0 && ratePerSecond.isFinite, "admission rate must be positive")
        self.ratePerSecond = ratePerSecond
        self.openedAt = openedAt
    }

    /// How many positions have been admitted by `now` (0 before the room opened).
    public func admittedCount(at now: Date) -> Int64 {
        Int64(min((elapsed(at: now) * ratePerSecond).rounded(.down), Double(Int64.max / 2)))
    }

    /// Whether `position` may proceed, and if not, the whole seconds until it may.
    public func status(position: Int64, at now: Date) -> AdmissionStatus {
        let remaining = Double(position) - elapsed(at: now) * ratePerSecond
        guard remaining > 0 else { return AdmissionStatus(ready: true, leftSec: 0) }
        let seconds = (remaining / ratePerSecond).rounded(.up)
        return AdmissionStatus(ready: false, leftSec: max(1, Int64(min(seconds, Double(Int64.max / 2)))))
    }

    /// The `etaSec` answered by enter: 0 when already admitted.
    public func etaSeconds(position: Int64, at now: Date) -> Int64 {
        status(position: position, at: now).leftSec
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
