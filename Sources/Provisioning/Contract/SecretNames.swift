/// The guard on everything the engine writes to disk: a plain value under a name that looks
/// like a secret is refused, unless the value is obviously harmless (an ARN, a flag, a number).
/// Names ending in an identifier suffix (`…Arn`, `…Id`, `…Name`) are references, not secrets.
public enum SecretNames {
    private static let secretWords = ["password", "passwd", "secret", "token", "privatekey", "apikey", "credential"]
    private static let referenceSuffixes = ["arn", "id", "name", "ref", "enabled", "ttl", "seconds"]

    public static func looksSecret(_ name: String) -> Bool {
        let folded = name.lowercased().filter { $0.isLetter || $0.isNumber }
        guard secretWords.contains(where: folded.contains) else { return false }
        return !referenceSuffixes.contains(where: folded.hasSuffix)
    }

    /// Values that cannot be a secret whatever their name.
    public static func isHarmless(_ value: String) -> Bool {
        let unquoted = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
            ? String(value.dropFirst().dropLast()) : value
        return unquoted.hasPrefix("arn:") || unquoted.isEmpty || ["true", "false", "null"].contains(unquoted)
            || Double(unquoted) != nil
    }
}

/// Raised instead of writing something that looks like a secret value.
public struct SecretLeakError: Error, CustomStringConvertible {
    public let place: String

    public var description: String {
        "\(place): refusing to record a value under a secret-looking name; record a SecretReference (ARN) instead"
    }
}
