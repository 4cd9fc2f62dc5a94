import FoundationEssentials

/// The room-token check every token-bearing request gets, the same in public-api (hold) and
/// confirm-api (payment-intent, commit): a missing header is 401 room-token-missing, a value
/// that is not a token's shape 400 naming the field, a forged or too old one 401. The token
/// binds a user to an event, so `requireIdentity` refuses a body speaking for anyone else.
public struct RoomTokenCheck: Sendable {
    /// A waiting room does not last a day; a token older than this is refused.
    public static let defaultMaxAge: TimeInterval = 6 * 3600

    public let key: RoomTokenKey
    public let maxAge: TimeInterval
    /// Tokens this check verified before (keep one check per process, not one per request).
    let verified: VerifiedRoomTokens

    public init(key: RoomTokenKey, maxAge: TimeInterval = defaultMaxAge, verified: VerifiedRoomTokens = VerifiedRoomTokens()) {
        self.key = key
        self.maxAge = maxAge
        self.verified = verified
    }

    /// The token's claims; `field` names where it came from (the header, or a query parameter).
    public func claims(_ token: String?, field: String = RoomToken.headerName, now: Date = Date()) throws -> RoomToken {
        guard let token, !token.isEmpty else {
            throw field == RoomToken.headerName
                ? Problem(.roomTokenMissing) : Problem.validation([FieldProblem(field: field, message: "is required")])
        }
        guard FieldRules.isRoomTokenShape(token) else {
            throw Problem.validation([FieldProblem(field: field, message: "is not a room token")])
        }
        do {
            if let known = verified.lookup(token) {
                try RoomTokenKey.checkAge(of: known, now: now, maxAge: maxAge)
                return known
            }
            let claims = try key.verify(token, now: now, maxAge: maxAge)
            verified.remember(token, claims)
            return claims
        } catch {
            throw error.problem
        }
    }

    /// 403 unless the body's user and event are the token's: a token is one user's, for one event.
    public static func requireIdentity(_ token: RoomToken, userId: String, eventId: String) throws {
        guard token.userId == userId else {
            throw Problem(.userMismatch, detail: "the room token is for another user than \(userId)")
        }
        guard token.eventId == eventId else {
            throw Problem(.eventMismatch, detail: "the room token is for event \(token.eventId)")
        }
    }
}
