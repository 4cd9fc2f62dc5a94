import Foundation

/// A repository URI as ECR reports it (`123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/stack/public-api`)
/// split into the registry endpoint a `RegistryClient` talks to and the repository name.
/// Local registries on loopback are spoken to over plain HTTP; everything else over HTTPS.
public struct RepositoryLocation: Sendable, Equatable {
    public let registryURL: String
    public let repository: String

    public init(registryURL: String, repository: String) {
        self.registryURL = registryURL
        self.repository = repository
    }

    /// Parses `host[:port]/name` or a URL with an explicit scheme.
    public init(uri: String) throws {
        var rest = Substring(uri)
        var scheme: String?
        if let range = rest.range(of: "://") {
            scheme = String(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex, rest.index(after: slash) != rest.endIndex else {
            throw RegistryError.invalidURL("repository URI '\(uri)': expected host[:port]/name")
        }
        let host = String(rest[..<slash])
        let hostname = host.split(separator: ":").first.map(String.init) ?? host
        let loopback = ["127.0.0.1", "localhost", "[::1]"].contains(hostname)
        registryURL = (scheme ?? (loopback ? "http" : "https")) + "://" + host
        repository = String(rest[rest.index(after: slash)...])
        try RegistryClient.validate(repository: repository)
    }
}
