import ArgumentParser
import Foundation

/// A moment given on the command line (`--start-at`, `--from`, `--until`): positive unix
/// seconds or RFC 3339 (`2026-11-26T05:00:00Z`); anything else is a one-line error naming the flag.
enum MomentArgument {
    static func parse(_ text: String, flag: String) throws -> Date {
        if let seconds = Int(text), seconds > 0 { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        throw ValidationError("\(flag) \(text): expected unix seconds or RFC 3339 like 2026-11-26T05:00:00Z")
    }
}
