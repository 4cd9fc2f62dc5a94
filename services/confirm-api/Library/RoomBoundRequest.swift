import FoundationEssentials
import Hummingbird
import Ticketing

/// A body that speaks for a user at an event (payment-intent, commit), read together with the
/// caller's `x-room-token`: the token first (401), then the body (400), then the identity (403),
/// so nobody can price or buy seats in another user's name.
enum RoomBoundRequest {
    static func decode<Body: ValidatableRequest>(
        _ type: Body.Type, from request: Request, tokens: RoomTokenCheck,
        userId: KeyPath<Body, String>, eventId: KeyPath<Body, String>
    ) async throws -> Body {
        let token = try tokens.claims(HeaderValue.first(RoomToken.headerName, in: request))
        let body = try RequestDecoder.decode(Body.self, from: try await RequestBody.bytes(request))
        try RoomTokenCheck.requireIdentity(token, userId: body[keyPath: userId], eventId: body[keyPath: eventId])
        return body
    }
}
