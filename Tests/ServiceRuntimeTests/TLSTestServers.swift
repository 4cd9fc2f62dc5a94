import Foundation
import Ticketing

/// The local servers `scripts/testenv start` runs, with TLS from its CA: PostgreSQL and Redis's
/// TLS port, and that CA. A missing variable fails the test with its name: these tests never skip.
struct TLSTestServers {
    let databaseHost: String
    let databasePort: Int
    let databaseUser: String
    let databasePassword: String
    let databaseName: String
    let redisTLSPort: Int
    let redisPassword: String
    /// The testenv CA, which signed both servers' certificates.
    let ca: String
    /// A PEM bundle of real CAs, none of which signed the local servers' certificates.
    static let otherCAs = "/etc/ssl/certs/ca-certificates.crt"

    struct MissingVariable: Error, CustomStringConvertible {
        let name: String
        var description: String { "\(name) is not set: start the test servers (scripts/testenv start; source .testenv/env)" }
    }

    static func required() throws -> TLSTestServers {
        let environment = ProcessInfo.processInfo.environment
        func variable(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else { throw MissingVariable(name: name) }
            return value
        }
        guard let url = URLComponents(string: try variable("TPS_DATABASE_URL")), let host = url.host, let port = url.port,
              let user = url.user, let password = url.password else { throw MissingVariable(name: "TPS_DATABASE_URL (as a URL)") }
        guard let redisPort = Int(try variable("TPS_REDIS_TLS_PORT")) else { throw MissingVariable(name: "TPS_REDIS_TLS_PORT (a port)") }
        return TLSTestServers(databaseHost: host, databasePort: port, databaseUser: user, databasePassword: password,
                              databaseName: String(url.path.dropFirst()), redisTLSPort: redisPort,
                              redisPassword: try variable("TPS_REDIS_PASSWORD"), ca: try variable("TPS_DATABASE_CA"))
    }

    /// The services' settings for the local PostgreSQL with verify-full against `roots`, at `host:port`.
    func database(roots: String?, host: String? = nil, port: Int? = nil) -> DatabaseSettings {
        DatabaseSettings(host: host ?? databaseHost, port: port ?? databasePort, name: databaseName, user: databaseUser,
                         password: SecretValue(databasePassword), tls: .verifyFull, rootCertificatePath: roots)
    }

    /// The services' settings for the local Redis's TLS port, checked against `ca`.
    func redis(ca: String?, host: String = "127.0.0.1", port: Int? = nil) -> RedisSettings {
        RedisSettings(host: host, port: port ?? redisTLSPort, tls: true, authToken: SecretValue(redisPassword), caFilePath: ca)
    }
}
