import ArgumentParser
import Foundation

/// `--start-at` as a start: a moment in whole seconds (so every shard's result names the same
/// start). One further in the past than a step would leave the shard behind its siblings, and
/// one more than a day ahead is likely milliseconds: both refused.
enum LoadStartTime {
    static func checked(_ moment: Moment, flag: String, stepSeconds: Int, now: Date = Date()) throws -> Date {
        let ahead = moment.date.timeIntervalSince(now)
        guard ahead >= -Double(stepSeconds) else {
            throw ValidationError("\(flag) \(moment.text): \(Int(-ahead)) s in the past, more than one step (\(stepSeconds) s)")
        }
        guard ahead <= 86_400 else {
            throw ValidationError("\(flag) \(moment.text): more than a day ahead (unix seconds, not milliseconds)")
        }
        return moment.date
    }
}
