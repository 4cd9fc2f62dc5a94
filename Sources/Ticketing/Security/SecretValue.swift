/// A secret read from the environment (keys, passwords, tokens). Its description is redacted,
/// so interpolating it into a log line or an error can never leak it; `reveal` is explicit.
public struct SecretValue: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret itself, for the one place that needs it (HMAC key, AUTH, password message).
    public var reveal: String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
