@testable import AWSSigV4
import Foundation
import Testing

@Suite("Signing timestamp")
struct SigV4TimestampTests {
    @Test("known instants", arguments: [
        (0.0, "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (951_782_400, "20000229T000000Z"),
        (4_107_542_400, "21000301T000000Z"), (-1, "19691231T235959Z"), (1_440_938_160.999, "20150830T123600Z"),
        (253_402_300_799, "99991231T235959Z"),
    ])
    func knownInstants(_ seconds: Double, _ expected: String) {
        let timestamp = SigV4Timestamp(Date(timeIntervalSince1970: seconds))
        #expect(timestamp.amzDate == expected)
        #expect(timestamp.day == String(expected.prefix(8)))
    }

    @Test("agrees with Foundation's Gregorian UTC calendar across two centuries")
    func agreesWithFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator)))
            #expect(SigV4Timestamp(date).amzDate == formatter.string(from: date))
        }
    }
}
