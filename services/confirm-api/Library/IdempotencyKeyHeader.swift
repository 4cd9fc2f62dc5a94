import Hummingbird
import Ticketing

/// The `Idempotency-Key` request header, required by intent and commit: a missing one is
/// `idempotency-key-missing`, a malformed one a validation problem naming the header.
enum IdempotencyKeyHeader {
    static func read(_ request: Request) throws -> String {
        guard let value = HeaderValue.first(IdempotencyHeaders.key, in: request), !value.isEmpty else {
            throw Problem(.idempotencyKeyMissing)
        }
        if let problem = FieldRules.idempotencyKey(value, field: IdempotencyHeaders.key) {
            throw Problem.validation([problem])
        }
        return value
    }

    /// Response headers of an idempotent endpoint: never cached, and marked when replayed.
    static func responseHeaders(replayed: Bool) -> HTTPFields {
        var headers: HTTPFields = [.cacheControl: "no-store"]
        if replayed { headers.append(.init(name: .init(IdempotencyHeaders.replay)!, value: "true")) }
        return headers
    }
}
