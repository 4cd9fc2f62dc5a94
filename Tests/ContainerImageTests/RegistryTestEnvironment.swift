import ContainerImage
import Foundation

/// The local CNCF registry the tests push to, from TPS_REGISTRY_URL / _USERNAME / _PASSWORD
/// (written by `scripts/testenv start`). A missing variable fails the test, naming it.
struct RegistryTestEnvironment {
    let url: String
    let username: String
    let password: String

    struct Missing: Error, CustomStringConvertible {
        let variable: String
        var description: String { "\(variable) is not set: start the local registry (scripts/testenv start; source .testenv/env)" }
    }

    static func fromEnvironment() throws -> RegistryTestEnvironment {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else { throw Missing(variable: name) }
            return value
        }
        return RegistryTestEnvironment(url: try value("TPS_REGISTRY_URL"), username: try value("TPS_REGISTRY_USERNAME"),
                                       password: try value("TPS_REGISTRY_PASSWORD"))
    }

    var credentials: RegistryCredentials { .basic(username: username, password: password) }

    /// A repository name no other test or earlier run uses.
    static func uniqueRepository(_ purpose: String) -> String {
        "tps-tests/\(purpose)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
