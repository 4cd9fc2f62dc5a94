import ContainerImage
import Foundation

/// The project's local CNCF registry (htpasswd auth), from TPS_REGISTRY_URL, _USERNAME and
/// _PASSWORD: stage 01 pushes the test stacks' images there. A missing variable fails the
/// test, naming it.
struct LocalRegistry {
    let url: String
    let username: String
    let password: String

    static func required() throws -> LocalRegistry {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw MissingServer("\(name) is not set: start the local registry (scripts/testenv start) and export it")
            }
            return value
        }
        return LocalRegistry(url: try value("TPS_REGISTRY_URL"), username: try value("TPS_REGISTRY_USERNAME"),
                             password: try value("TPS_REGISTRY_PASSWORD"))
    }

    /// What `DeploymentRequest.validate(environment:)` reads for a local stack's registry.
    var environment: [String: String] {
        ["TPS_REGISTRY_URL": url, "TPS_REGISTRY_USERNAME": username, "TPS_REGISTRY_PASSWORD": password]
    }

    var credentials: RegistryCredentials { .basic(username: username, password: password) }

    func client() throws -> RegistryClient { try RegistryClient(url: url) }

    /// `host:port`, as image URIs spell the registry.
    var host: String { URLComponents(string: url).map { ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") } ?? url }
}
