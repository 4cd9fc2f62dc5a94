import Foundation

/// The outputs one resource kind publishes, declared as a type: dependents read them by key
/// path, so a misspelled output name does not compile. Properties are `String`,
/// `SecretReference` or optionals of them; each property's name is its key in
/// `infra/out/<region>/<stage>.json`, so the recorded files keep their keys.
public protocol PublishedOutputs: Codable, Sendable, Hashable {}

extension PublishedOutputs {
    /// The flat `key → value` map the engine passes around and `infra/out` records.
    public var recorded: ResourceOutputs {
        do {
            return try JSONDecoder().decode(ResourceOutputs.self, from: try JSONEncoder().encode(self))
        } catch {
            preconditionFailure("\(Self.self) has an output that is neither a string nor a SecretReference: \(error)")
        }
    }
}

extension AnyKeyPath {
    /// The output key a key path reads, for messages: `\Outputs.vpcId` → `vpcId`.
    public var outputName: String {
        String(describing: self).split(separator: ".").dropFirst().joined(separator: ".")
    }
}

/// The untyped map publishes itself: for resources whose keys are data (test fixtures).
extension ResourceOutputs: PublishedOutputs {}

extension ResourceOutputs {
    /// One output, by key path into the outputs its resource declares. A map may lack keys (a
    /// test's partial outputs, a state file older than the key): only reading such a key fails.
    public func value<Outputs: PublishedOutputs, Value>(_ key: KeyPath<Outputs, Value>) throws(MissingOutputKey) -> Value {
        let value = try decoded(as: Outputs.self)[keyPath: key]
        if let missing = MissingOutputKey(standingIn: value) { throw missing }
        return value
    }

    /// A value as text, for resources whose output keys are data rather than declared (test
    /// fixtures): `context.output(\.[text: key], of: Dependency<ResourceOutputs>(address))`.
    public subscript(text key: String) -> String { values[key]?.text ?? MissingOutputKey.marker + key }

    /// Decodes `Outputs`, a marker standing in for each key the map lacks.
    private func decoded<Outputs: PublishedOutputs>(as type: Outputs.Type) throws(MissingOutputKey) -> Outputs {
        if let same = self as? Outputs { return same }
        var values = self.values
        while true {
            do {
                return try JSONDecoder().decode(Outputs.self, from: try JSONEncoder().encode(values))
            } catch let DecodingError.keyNotFound(key, _) where values[key.stringValue] == nil {
                values[key.stringValue] = .plain(MissingOutputKey.marker + key.stringValue)
            } catch let DecodingError.typeMismatch(_, context) {
                // A marker under a key whose type is a SecretReference.
                guard let key = context.codingPath.last?.stringValue, case let .plain(text)? = values[key],
                      text.hasPrefix(MissingOutputKey.marker) else { throw MissingOutputKey(key: "\(context.debugDescription)") }
                values[key] = .secret(SecretReference(arn: text))
            } catch {
                throw MissingOutputKey(key: "\(error)")
            }
        }
    }
}

/// A recorded output map lacks the key a reader asked for.
public struct MissingOutputKey: Error {
    public let key: String

    /// Never a real output value: control characters do not occur in ids, ARNs or URLs.
    static let marker = "\u{1}missing output "

    init(key: String) { self.key = key }

    init?(standingIn value: Any) {
        let text: String? = switch value {
        case let text as String: text
        case let reference as SecretReference: reference.arn
        default: nil
        }
        guard let text, text.hasPrefix(Self.marker) else { return nil }
        self.key = String(text.dropFirst(Self.marker.count))
    }
}
