import Crypto
import FoundationEssentials

/// Signs and verifies room tokens: `base64url(JSON claims) "." base64url(HMAC-SHA256(key, first part))`.
/// Verification compares MACs in constant time before the claims are even parsed.
public struct RoomTokenKey: Sendable {
    /// HMAC-SHA256 keys shorter than its 32-byte output weaken it.
    public static let minimumKeyBytes = 32
    /// Clocks of the tasks that issue and check tokens may differ a little.
    public static let allowedClockSkew: TimeInterval = 60

    private let key: SymmetricKey

    public enum KeyError: Error, Sendable, Hashable, CustomStringConvertible {
        case tooShort(bytes: Int)
        public var description: String {
            switch self {
            case .tooShort(let bytes): "room token key has \(bytes) bytes; at least \(RoomTokenKey.minimumKeyBytes) needed"
            }
        }
    }

    public init(secret: SecretValue) throws(KeyError) {
        let bytes = Data(secret.reveal.utf8)
        guard bytes.count >= Self.minimumKeyBytes else { throw .tooShort(bytes: bytes.count) }
        key = SymmetricKey(data: bytes)
    }

    public func sign(_ token: RoomToken) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding four plain fields cannot fail.
        let payload = Base64URL.encode(try! encoder.encode(token))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return payload + "." + Base64URL.encode(Data(mac))
    }

    /// The token's claims, if it was signed with this key and is not older than `maxAge`.
    public func verify(_ token: String, now: Date, maxAge: TimeInterval) throws(RoomTokenError) -> RoomToken {
        guard FieldRules.isRoomTokenShape(token) else { throw .malformed }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard let mac = Base64URL.decode(parts[1]), mac.count == SHA256.byteCount else { throw .malformed }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(parts[0].utf8), using: key) else {
            throw .signatureMismatch
        }
        guard let json = Base64URL.decode(parts[0]),
              let claims = try? JSONDecoder().decode(RoomToken.self, from: json), claims.position >= 1 else {
            throw .malformed
        }
        try Self.checkAge(of: claims, now: now, maxAge: maxAge)
        return claims
    }

    /// A verified token is refused once older than `maxAge`, or when issued in the future.
    public static func checkAge(of claims: RoomToken, now: Date, maxAge: TimeInterval) throws(RoomTokenError) {
        let nowSeconds = now.timeIntervalSince1970
        if TimeInterval(claims.issuedAt) > nowSeconds + allowedClockSkew { throw .issuedInFuture }
        if nowSeconds - TimeInterval(claims.issuedAt) > maxAge { throw .expired }
    }
}
