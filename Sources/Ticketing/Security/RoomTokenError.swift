/// Why a room token was refused. The cases never include the token itself.
public enum RoomTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not `payload.signature` in base64url, or a payload that is not a token.
    case malformed
    /// The signature does not match: tampered, or signed with another key.
    case signatureMismatch
    /// issuedAt is later than now (beyond the allowed clock skew).
    case issuedInFuture
    /// Older than the maximum age.
    case expired

    public var description: String {
        switch self {
        case .malformed: "room token is malformed"
        case .signatureMismatch: "room token signature does not match"
        case .issuedInFuture: "room token is issued in the future"
        case .expired: "room token has expired"
        }
    }

    /// The 401 the client gets.
    public var problem: Problem {
        Problem(self == .expired ? .roomTokenExpired : .roomTokenInvalid, detail: description)
    }
}
