/// The machine-readable `code` of every problem the services answer with.
/// Each code fixes its HTTP status and title, so two services can never disagree on them.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    case malformedJSON = "malformed-json"
    case validationFailed = "validation-failed"
    case idempotencyKeyMissing = "idempotency-key-missing"
    case roomTokenMissing = "room-token-missing"
    case roomTokenInvalid = "room-token-invalid"
    case roomTokenExpired = "room-token-expired"
    case signatureInvalid = "signature-invalid"
    case notAdmitted = "not-admitted"
    case eventMismatch = "event-mismatch"
    case userMismatch = "user-mismatch"
    case eventNotFound = "event-not-found"
    case sectionNotFound = "section-not-found"
    case seatNotFound = "seat-not-found"
    case holdNotFound = "hold-not-found"
    case intentNotFound = "intent-not-found"
    case orderNotFound = "order-not-found"
    case pathNotFound = "path-not-found"
    case seatUnavailable = "seat-unavailable"
    case holdNotOwned = "hold-not-owned"
    case intentMismatch = "intent-mismatch"
    case intentExpired = "intent-expired"
    case intentOpen = "intent-open"
    case idempotencyInProgress = "idempotency-in-progress"
    case callbackConflict = "callback-conflict"
    case holdLimitReached = "hold-limit-reached"
    case wrongRegion = "wrong-region"
    case idempotencyKeyReused = "idempotency-key-reused"
    case callbackMismatch = "callback-mismatch"
    case methodNotAllowed = "method-not-allowed"
    case unsupportedMediaType = "unsupported-media-type"
    case rateLimited = "rate-limited"
    case dependencyUnavailable = "dependency-unavailable"
    case internalError = "internal-error"

    /// The HTTP status every response carrying this code has.
    public var status: Int {
        switch self {
        case .malformedJSON, .validationFailed, .idempotencyKeyMissing: 400
        case .roomTokenMissing, .roomTokenInvalid, .roomTokenExpired, .signatureInvalid: 401
        case .notAdmitted, .eventMismatch, .userMismatch: 403
        case .eventNotFound, .sectionNotFound, .seatNotFound, .holdNotFound, .intentNotFound,
             .orderNotFound, .pathNotFound: 404
        case .seatUnavailable, .holdNotOwned, .intentMismatch, .intentExpired, .intentOpen,
             .idempotencyInProgress, .callbackConflict, .holdLimitReached, .wrongRegion: 409
        case .idempotencyKeyReused, .callbackMismatch: 422
        case .methodNotAllowed: 405
        case .unsupportedMediaType: 415
        case .rateLimited: 429
        case .dependencyUnavailable: 503
        case .internalError: 500
        }
    }

    /// A short, stable, human-readable summary (RFC 9457 `title`).
    public var title: String {
        switch self {
        case .malformedJSON: "The request body is not valid JSON"
        case .validationFailed: "The request has invalid fields"
        case .idempotencyKeyMissing: "The Idempotency-Key header is required"
        case .roomTokenMissing: "The x-room-token header is required"
        case .roomTokenInvalid: "The room token is not valid"
        case .roomTokenExpired: "The room token has expired"
        case .signatureInvalid: "The payment signature is not valid"
        case .notAdmitted: "Not admitted from the waiting room yet"
        case .eventMismatch: "The room token is for another event"
        case .userMismatch: "The room token is for another user"
        case .eventNotFound: "No such event"
        case .sectionNotFound: "No such section"
        case .seatNotFound: "No such seat"
        case .holdNotFound: "No such hold"
        case .intentNotFound: "No such payment intent"
        case .orderNotFound: "No such order"
        case .pathNotFound: "No such path"
        case .seatUnavailable: "The seat is already held or sold"
        case .holdNotOwned: "A seat is not held by this user"
        case .intentMismatch: "The request does not match the payment intent"
        case .intentExpired: "The payment intent has expired"
        case .intentOpen: "An open payment intent already covers these seats"
        case .idempotencyInProgress: "A request with this Idempotency-Key is in progress"
        case .callbackConflict: "The callback contradicts the recorded payment outcome"
        case .holdLimitReached: "The user holds as many seats as allowed"
        case .wrongRegion: "Sales are answered in the home region only"
        case .idempotencyKeyReused: "The Idempotency-Key was used with a different request body"
        case .callbackMismatch: "The callback's amount or currency differs from the intent"
        case .methodNotAllowed: "The method is not allowed on this path"
        case .unsupportedMediaType: "The request body must be application/json"
        case .rateLimited: "Too many requests"
        case .dependencyUnavailable: "A dependency is unavailable"
        case .internalError: "Internal error"
        }
    }

    /// The RFC 9457 `type`: a URN, so it never points at a host that does not exist.
    public var typeURI: String { "urn:tps:problem:\(rawValue)" }
}
