import Crypto
import FoundationEssentials

/// What "the same request" means for an Idempotency-Key: SHA-256 (hex) of the operation name
/// and the body's canonical JSON. Stored beside the key; a retry must reproduce it exactly.
/// The operation is hashed in so one key reused across endpoints never counts as a replay.
public struct RequestFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public let hex: String

    public init(hex: String) {
        self.hex = hex
    }

    /// Fingerprints a raw request body; throws when it is not JSON.
    public init(operation: String, body: Data) throws {
        self.init(operation: operation, value: try JSONDecoder().decode(RequestJSON.self, from: body))
    }

    /// Fingerprints an already-parsed body.
    public init(operation: String, value: RequestJSON) {
        var hasher = SHA256()
        hasher.update(data: Data(operation.utf8))
        hasher.update(data: Data([0x0A]))
        hasher.update(data: CanonicalJSON.data(value))
        hex = hasher.finalize().lowercaseHex
    }

    /// Fingerprints a decoded request model, as it would be sent.
    public init<Body: Encodable>(operation: String, encoding body: Body) throws {
        let data = try JSONEncoder().encode(body)
        try self.init(operation: operation, body: data)
    }

    public var description: String { hex }
}
