import AWSSigV4
import FoundationEssentials

/// Parses the timestamp spellings AWS answers with: ISO 8601 with or without fractional
/// seconds (STS, IMDS, ECS, credential_process) and RFC 1123 HTTP dates (the `Date` header).
///
/// Written out by hand rather than with `ISO8601DateFormatter`/`DateFormatter`: those live in
/// Foundation proper, whose ICU data would be linked into every service image.
public enum ISO8601Timestamp {
    /// `2026-11-25T20:31:22Z`, `2026-11-25T20:31:22.088993Z`, `2026-11-25T20:31:22+00:00`.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(text.trimmingWhitespace())
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2), scanner.skip("T") || scanner.skip("t"),
              let time = scanner.timeOfDay()
        else { return nil }
        var fraction = 0.0
        if scanner.skip(".") {
            guard let digits = scanner.digitRun(), !digits.isEmpty else { return nil }
            fraction = Double("0." + digits) ?? 0
        }
        let offset: Int
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else if let sign = scanner.sign(), let hours = scanner.number(digits: 2), scanner.skip(":"),
                  let minutes = scanner.number(digits: 2) {
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.isAtEnd, let seconds = CivilTime.secondsSince1970(
            year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second)
        else { return nil }
        return Date(timeIntervalSince1970: Double(seconds - offset) + fraction)
    }

    /// `Wed, 25 Nov 2026 19:30:40 GMT` (RFC 1123, what servers put in `Date`).
    public static func parseHTTPDate(_ text: String) -> Date? {
        let fields = text.trimmingWhitespace().split(separator: " ")
        guard fields.count == 6, fields[0].hasSuffix(","), fields[5] == "GMT" || fields[5] == "UTC",
              let day = Int(fields[1]), let month = CivilTime.monthNames.firstIndex(of: String(fields[2])),
              let year = Int(fields[3])
        else { return nil }
        var scanner = DigitScanner(String(fields[4]))
        guard let time = scanner.timeOfDay(), scanner.isAtEnd, let seconds = CivilTime.secondsSince1970(
            year: year, month: month + 1, day: day, hour: time.hour, minute: time.minute, second: time.second)
        else { return nil }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// `2026-11-25T20:31:22Z`.
    public static func format(_ date: Date) -> String {
        let civil = CivilTime(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2))T"
            + "\(pad(civil.hour, 2)):\(pad(civil.minute, 2)):\(pad(civil.second, 2))Z"
    }
}

/// A UTC calendar date and time of day, converted to and from seconds since 1970 with the
/// proleptic Gregorian day-count arithmetic (no time zone database needed).
struct CivilTime {
    var year, month, day, hour, minute, second: Int

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    init(secondsSince1970 seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        hour = secondOfDay / 3600; minute = secondOfDay % 3600 / 60; second = secondOfDay % 60
        let date = SigV4Timestamp.civil(fromDaysSinceEpoch: Int64(days))
        (year, month, day) = (Int(date.year), Int(date.month), Int(date.day))
    }

    /// Nil when a field is out of range (month 13, day 31 of a 30-day month, hour 24…).
    static func secondsSince1970(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Reads fixed-width numbers and separators from a timestamp, left to right.
private struct DigitScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool { index == characters.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < characters.count, characters[index] == character else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= characters.count else { return nil }
        let slice = characters[index..<index + digits]
        guard slice.allSatisfy(\.isASCIIDigit), let value = Int(String(slice)) else { return nil }
        index += digits
        return value
    }

    /// Every digit from here on (a fraction's digits).
    mutating func digitRun() -> String? {
        let start = index
        while index < characters.count, characters[index].isASCIIDigit { index += 1 }
        return String(characters[start..<index])
    }

    /// `+` → 1, `-` → -1.
    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    /// `HH:MM:SS`.
    mutating func timeOfDay() -> (hour: Int, minute: Int, second: Int)? {
        guard let hour = number(digits: 2), skip(":"), let minute = number(digits: 2), skip(":"),
              let second = number(digits: 2)
        else { return nil }
        return (hour, minute, second)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
