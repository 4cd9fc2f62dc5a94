import Foundation

/// Parses the timestamp spellings AWS answers with: ISO 8601 with or without fractional
/// seconds (STS, IMDS, ECS, credential_process) and RFC 1123 HTTP dates (the `Date` header).
public enum ISO8601Timestamp {
    /// `2026-11-25T20:31:22Z`, `2026-11-25T20:31:22.088993Z`, `2026-11-25T20:31:22+00:00`.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: trimmed) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: trimmed) { return date }
        // Microsecond fractions ("22.088993Z") are rejected by some formatter builds: drop the fraction.
        if let dot = trimmed.firstIndex(of: "."),
           let zone = trimmed[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" })
        {
            return plain.date(from: String(trimmed[..<dot]) + String(trimmed[zone...]))
        }
        return nil
    }

    /// `Wed, 25 Nov 2026 19:30:40 GMT` (RFC 1123, what servers put in `Date`).
    public static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// `2026-11-25T20:31:22Z`.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
