import FoundationEssentials

/// The two spellings of the signing time: `20150830T123600Z` (X-Amz-Date, string to sign)
/// and `20150830` (credential scope, signing key).
///
/// Computed arithmetically from the epoch (proleptic Gregorian, UTC) rather than with a
/// `DateFormatter`: no locale or time-zone state can leak in, and it is cheap enough to run
/// on every request.
public struct SigV4Timestamp: Sendable, Equatable {
    /// `YYYYMMDD'T'HHMMSS'Z'`.
    public let amzDate: String
    /// `YYYYMMDD`.
    public let day: String

    public init(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, dayOfMonth) = Self.civil(fromDaysSinceEpoch: days)
        amzDate = Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(dayOfMonth, 2) + "T"
            + Self.pad(secondOfDay / 3600, 2) + Self.pad(secondOfDay / 60 % 60, 2) + Self.pad(secondOfDay % 60, 2) + "Z"
        self.day = String(amzDate.prefix(8))
    }

    /// Days since 1970-01-01 to a (year, month, day) date, after H. Hinnant's public-domain
    /// `civil_from_days` algorithm (eras of 400 years starting on March 1st). Public because
    /// AWSClient's timestamp codec needs the same UTC arithmetic without Foundation's calendar.
    public static func civil(fromDaysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
