/// The non-secret values a resource publishes after apply (ids, ARNs, endpoints): what its
/// dependents read and what `infra/out/<region>/<stage>.json` records.
public struct ResourceOutputs: Sendable, Hashable, Codable {
    public private(set) var values: [String: OutputValue]

    public init() { self.values = [:] }

    /// Outputs with plain values. Keys that look secret (password, token, …) must go through
    /// `setSecret(_:_:)`; see ``SecretNames``.
    public init(_ plain: [String: String]) {
        self.values = plain.mapValues(OutputValue.plain)
    }

    public mutating func set(_ key: String, _ value: String) {
        values[key] = .plain(value)
    }

    public mutating func setSecret(_ key: String, _ reference: SecretReference) {
        values[key] = .secret(reference)
    }

    public subscript(key: String) -> OutputValue? { values[key] }

    /// Keys in sorted order.
    public var keys: [String] { values.keys.sorted() }

    /// Fails with the offending key when a plain value sits under a secret-looking key.
    public func validateNoSecrets(at address: ResourceAddress) throws(SecretLeakError) {
        for key in keys {
            if case let .plain(text) = values[key]!, SecretNames.looksSecret(key), !SecretNames.isHarmless(text) {
                throw SecretLeakError(place: "\(address) output '\(key)'")
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        self.values = try decoder.singleValueContainer().decode([String: OutputValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

/// A recorded output: a plain string, or a reference to a secret (never its value).
public enum OutputValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case plain(String)
    case secret(SecretReference)

    /// The plain value, or the ARN of a secret reference (an ARN is not secret).
    public var text: String {
        switch self {
        case let .plain(text): text
        case let .secret(reference): reference.arn
        }
    }

    public var description: String {
        switch self {
        case let .plain(text): text
        case let .secret(reference): reference.description
        }
    }

    private enum CodingKeys: String, CodingKey { case secretArn }

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: CodingKeys.self),
            let arn = try keyed.decodeIfPresent(String.self, forKey: .secretArn)
        {
            self = .secret(SecretReference(arn: arn))
        } else {
            self = .plain(try decoder.singleValueContainer().decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .plain(text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case let .secret(reference):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reference.arn, forKey: .secretArn)
        }
    }
}
