import Foundation

/// A user name and password for a registry. ECR's GetAuthorizationToken yields one of these
/// (base64 of "AWS:<password>"). The password never appears in descriptions or errors.
public struct BasicCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let username: String
    public let password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Decodes a base64 `user:password` token (ECR's authorizationToken).
    public init(authorizationToken: String) throws {
        guard let data = Data(base64Encoded: authorizationToken),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else {
            throw RegistryError.invalidCredentials("authorization token is not base64 of user:password")
        }
        self.init(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }

    /// The `Authorization` header value for Basic auth.
    var basicHeader: String { "Basic " + Data("\(username):\(password)".utf8).base64EncodedString() }

    public var description: String { "BasicCredentials(username: \(username), password: <redacted>)" }
    public var debugDescription: String { description }
}

/// How to authenticate to a registry: none, a fixed user/password, or a provider called
/// when credentials are first needed (tpsctl plugs ECR's GetAuthorizationToken in here).
public enum RegistryCredentials: Sendable, CustomStringConvertible {
    case anonymous
    case basic(BasicCredentials)
    case provider(@Sendable () async throws -> BasicCredentials)

    public static func basic(username: String, password: String) -> RegistryCredentials {
        .basic(BasicCredentials(username: username, password: password))
    }

    public var description: String {
        switch self {
        case .anonymous: return "anonymous"
        case .basic(let credentials): return credentials.description
        case .provider: return "credentials provider"
        }
    }
}
