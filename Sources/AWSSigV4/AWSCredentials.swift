import FoundationEssentials

/// A set of AWS credentials.
///
/// `description` and `debugDescription` never show the secret or the session token, so a
/// credentials value can be logged or interpolated into an error without leaking them.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    public var expiration: Date?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        let token = sessionToken == nil ? "none" : "<redacted>"
        return "AWSCredentials(accessKeyId: \(accessKeyId), secret: <redacted>, sessionToken: \(token))"
    }

    public var debugDescription: String { description }
}
