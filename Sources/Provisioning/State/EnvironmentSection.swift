import EnvironmentContract
import Foundation

/// One region's environment for the services. Plain keys take values; secret keys take only a
/// `SecretReference`, so the type system keeps secret values out of the file.
public struct EnvironmentSection: Sendable, Hashable {
    public let region: RegionName
    public private(set) var values: [EnvironmentKey: String] = [:]
    public private(set) var secrets: [EnvironmentKey: SecretReference] = [:]

    public init(region: RegionName) {
        self.region = region
    }

    /// Sets a plain value. Refuses injected-secret keys, line breaks and a `DATABASE_URL`
    /// carrying a password.
    public mutating func set(_ key: EnvironmentKey, _ value: String) throws(EnvironmentValueError) {
        guard !key.isInjectedSecret else {
            throw EnvironmentValueError(key: key.rawValue, reason: "is a secret; name its Secrets Manager ARN instead")
        }
        guard !value.contains(where: \.isNewline) else { throw EnvironmentValueError(key: key.rawValue, reason: "contains a line break") }
        if key == .databaseURL, Self.urlHasPassword(value) {
            throw EnvironmentValueError(key: key.rawValue, reason: "embeds a password; set DB_PASSWORD from its secret instead")
        }
        values[key] = value
    }

    /// Names the secret a secret key is read from. Only injected-secret keys take a reference:
    /// anything else is a programming error in a stage.
    public mutating func setSecret(_ key: EnvironmentKey, _ reference: SecretReference) {
        precondition(key.isInjectedSecret, "\(key.rawValue) is not delivered from Secrets Manager")
        secrets[key] = reference
    }

    private static func urlHasPassword(_ text: String) -> Bool {
        guard let components = URLComponents(string: text) else { return text.contains("@") }
        return components.password.map { !$0.isEmpty } ?? false
    }
}

/// A value the generated environment refuses; names the key.
public struct EnvironmentValueError: Error, CustomStringConvertible {
    public let key: String
    public let reason: String

    public var description: String { "\(key): \(reason)" }
}
