import Foundation

/// A parsed `WWW-Authenticate` header: the scheme a registry wants (ECR and htpasswd
/// registries say Basic; Docker Hub, GHCR and Harbor say Bearer with a token realm).
struct RegistryAuthChallenge: Equatable, Sendable {
    enum Scheme: Equatable, Sendable {
        case basic
        case bearer
        case other(String)
    }

    let scheme: Scheme
    let parameters: [String: String]

    var realm: String? { parameters["realm"] }
    var service: String? { parameters["service"] }
    var scope: String? { parameters["scope"] }

    /// Parses `Scheme key="value", key=value`; quoted values may hold commas and `\"`.
    init?(header: String) {
        let trimmed = header.drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") ?? (trimmed.isEmpty ? nil : trimmed.endIndex) else { return nil }
        let schemeName = trimmed[..<space].lowercased()
        switch schemeName {
        case "basic": scheme = .basic
        case "bearer": scheme = .bearer
        default: scheme = .other(schemeName)
        }
        var parameters: [String: String] = [:]
        var rest = trimmed[space...]
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { break }
                    value.append(character)
                }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            parameters[key] = value
        }
        self.parameters = parameters
    }
}

