import FoundationEssentials

/// Registry credentials from ECR's GetAuthorizationToken: the `AWS:<password>` token already
/// decoded, so callers never handle the base64 form. The password is valid for 12 hours and
/// grants push and pull on every repository of the account, so it never appears in
/// descriptions, logs or errors.
public struct ECRAuthorization: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let username: String
    public let password: String
    /// `https://<account>.dkr.ecr.<region>.amazonaws.com`: the registry the token is for.
    public let proxyEndpoint: String
    public let expiresAt: Date?

    public init(username: String, password: String, proxyEndpoint: String, expiresAt: Date?) {
        self.username = username
        self.password = password
        self.proxyEndpoint = proxyEndpoint
        self.expiresAt = expiresAt
    }

    /// Decodes ECR's `authorizationToken` (base64 of `user:password`). The error names the
    /// problem, never the token.
    public init(token: String, proxyEndpoint: String, expiresAt: Date?) throws {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), colon != text.startIndex
        else {
            throw AWSError(code: "MalformedResponse", message: "authorizationToken is not base64 of user:password",
                           httpStatus: 200, service: "ecr", action: "GetAuthorizationToken")
        }
        self.init(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]),
                  proxyEndpoint: proxyEndpoint, expiresAt: expiresAt)
    }

    public var description: String {
        "ECRAuthorization(username: \(username), password: <redacted>, proxyEndpoint: \(proxyEndpoint))"
    }

    public var debugDescription: String { description }
}
