import ArgumentParser
import Foundation

/// A moment given on the command line (`--start-at`): positive unix seconds or RFC 3339
/// (`2026-11-26T05:00:00Z`). Keeps the text as typed, for errors that quote it.
struct Moment: FlagValue {
    let date: Date
    let text: String

    init(flagValue text: String) throws(FlagValueRefusal) {
        self.text = text
        if let seconds = Int(text), seconds > 0 {
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
        } else if let date = ISO8601DateFormatter().date(from: text) {
            self.date = date
        } else {
            throw FlagValueRefusal("'\(text)' is not unix seconds or RFC 3339 like 2026-11-26T05:00:00Z")
        }
    }
}
