import Foundation

/// The registry's JSON error body (`{"errors":[{"code","message"}]}`) reduced to one line.
enum RegistryErrorBody {
    private struct Envelope: Decodable {
        struct Item: Decodable {
            let code: String?
            let message: String?
        }
        let errors: [Item]?
    }

    static func summary(_ body: [UInt8]) -> String {
        if let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)), let errors = envelope.errors, !errors.isEmpty {
            return errors.map { [$0.code, $0.message].compactMap { $0 }.joined(separator: ": ") }.joined(separator: "; ")
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return text.split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Whether the registry refused a tag because tags are immutable (ECR says so in the message).
    static func isImmutableTagRefusal(_ body: [UInt8]) -> Bool {
        let text = summary(body).lowercased()
        return text.contains("immutable") || text.contains("tag_invalid") && text.contains("already exists")
    }
}
