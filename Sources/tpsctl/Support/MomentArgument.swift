import ArgumentParser
import Foundation

/// A moment checked after parsing (`load figures --from/--until`, which may also come from a
/// result file): a `Moment`, refused in the commands' `--flag value: why` form.
enum MomentArgument {
    static func parse(_ text: String, flag: String) throws -> Date {
        guard let moment = Moment(argument: text) else {
            throw ValidationError("\(flag) \(text): expected unix seconds or RFC 3339 like 2026-11-26T05:00:00Z")
        }
        return moment.date
    }
}
