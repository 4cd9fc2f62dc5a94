import Foundation

/// JSON encoding with a fixed key order and no escaped slashes: the bytes (hence the
/// digests) of configs, manifests and indexes depend only on their content.
enum CanonicalJSON {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], source: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw ContainerImageError.invalidLayout(path: source, reason: "cannot decode \(T.self): \(error)")
        }
    }
}
