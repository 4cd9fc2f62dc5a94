import ArgumentParser
import Foundation

/// `--start-at` as a moment: unix seconds or RFC 3339 in whole seconds (so every shard's
/// result names the same start). One further in the past than a step would leave the shard
/// behind its siblings, and one more than a day ahead is likely milliseconds: both refused.
enum LoadStartTime {
    static func parse(_ text: String, flag: String, stepSeconds: Int, now: Date = Date()) throws -> Date {
        let moment = try MomentArgument.parse(text, flag: flag)
        let ahead = moment.timeIntervalSince(now)
        guard ahead >= -Double(stepSeconds) else {
            throw ValidationError("\(flag) \(text): \(Int(-ahead)) s in the past, more than one step (\(stepSeconds) s)")
        }
        guard ahead <= 86_400 else {
            throw ValidationError("\(flag) \(text): more than a day ahead (unix seconds, not milliseconds)")
        }
        return moment
    }
}
