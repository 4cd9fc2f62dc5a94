import Crypto
import FoundationEssentials

/// The payment provider's callback authentication:
/// `Payment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + raw body)>`.
/// The timestamp is signed with the body, so an old callback cannot be replayed past the
/// tolerance; several v1 entries let the provider roll its secret.
public struct PaymentSignature: Sendable {
    public static let headerName = "Payment-Signature"
    public static let defaultTolerance: TimeInterval = 300

    private let key: SymmetricKey

    public init(secret: SecretValue) {
        key = SymmetricKey(data: Data(secret.reveal.utf8))
    }

    /// The header value a provider would send (used by the E2E runner and tests).
    public func header(for body: Data, at time: Date) -> String {
        let timestamp = Int64(time.timeIntervalSince1970.rounded(.down))
        let mac = HMAC<SHA256>.authenticationCode(for: signedBytes(timestamp: timestamp, body: body), using: key)
        return "t=\(timestamp),v1=" + mac.lowercaseHex
    }

    /// Succeeds when one v1 entry is the MAC of this body and timestamp (constant-time
    /// comparison) and the timestamp is within `tolerance` of `now`.
    public func verify(header: String?, body: Data, now: Date,
                       tolerance: TimeInterval = defaultTolerance) throws(PaymentSignatureError) {
        guard let header, !header.isEmpty else { throw .missing }
        let (timestamp, macs) = try Self.parse(header)
        guard abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else {
            throw .outsideTolerance
        }
        let signed = signedBytes(timestamp: timestamp, body: body)
        var matched = false
        for mac in macs {
            // No early exit: every candidate is checked the same way.
            matched = HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key) || matched
        }
        guard matched else { throw .mismatch }
    }

    private func signedBytes(timestamp: Int64, body: Data) -> Data {
        Data("\(timestamp).".utf8) + body
    }

    private static func parse(_ header: String) throws(PaymentSignatureError) -> (Int64, [Data]) {
        var timestamp: Int64?
        var macs: [Data] = []
        for item in header.split(separator: ",") {
            let pair = item.trimmingWhitespace().split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { throw .malformed }
            switch pair[0] {
            case "t":
                guard timestamp == nil, pair[1].count <= 12, let value = Int64(pair[1]), value >= 0 else {
                    throw .malformed
                }
                timestamp = value
            case "v1":
                guard let mac = hexBytes(pair[1]), mac.count == SHA256.byteCount else { throw .malformed }
                macs.append(mac)
            default:
                throw .malformed
            }
        }
        guard let timestamp, !macs.isEmpty else { throw .malformed }
        return (timestamp, macs)
    }

    private static func hexBytes(_ text: Substring) -> Data? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes = Data(capacity: digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// Why a callback's signature was refused; every case answers 401 signature-invalid.
public enum PaymentSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing, malformed, outsideTolerance, mismatch

    public var description: String {
        switch self {
        case .missing: "\(PaymentSignature.headerName) header is missing"
        case .malformed: "\(PaymentSignature.headerName) header is not t=<seconds>,v1=<64 hex digits>"
        case .outsideTolerance: "\(PaymentSignature.headerName) timestamp is outside the tolerance window"
        case .mismatch: "\(PaymentSignature.headerName) does not match the body"
        }
    }

    public var problem: Problem { Problem(.signatureInvalid, detail: description) }
}
