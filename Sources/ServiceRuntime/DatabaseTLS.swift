import NIOSSL
import PostgresNIO
import ServerTrust
import Ticketing

/// The TLS a service's PostgreSQL connections use, from its settings: none (`disable`), encrypted
/// but unchecked (`require`), or the chain checked against the trust roots and the certificate
/// against the host (`verify-full`). The pool and `DatabaseProbe` share it, so a refused
/// certificate is refused the same way by both.
public struct DatabaseTLS: Sendable {
    public let settings: DatabaseSettings
    /// What verify-full checks against; nil for the other modes.
    public let roots: TrustRoots?
    /// nil: plain TCP.
    public let configuration: TLSConfiguration?

    public init(_ settings: DatabaseSettings) throws(TrustRootsError) {
        self.settings = settings
        switch settings.tls {
        case .disable:
            roots = nil
            configuration = nil
        case .require:
            var unchecked = TLSConfiguration.makeClientConfiguration()
            unchecked.certificateVerification = .none
            roots = nil
            configuration = unchecked
        case .verifyFull:
            let loaded = try TrustRoots.load(settings.rootCertificatePath)
            roots = loaded
            configuration = loaded.clientConfiguration
        }
    }

    /// One line for a failed connect: the certificate problem when that is what it was, else
    /// PostgreSQL's own message or the connection error's code (never the password).
    public func failureReason(_ error: any Error) -> String {
        let server = "\(settings.host):\(settings.port)"
        let underlying = (error as? PSQLError)?.underlying ?? error
        if let roots, let refusal = CertificateRefusal.describe(underlying, server: server, host: settings.host, roots: roots) {
            return refusal
        }
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                return "\(server): \(message)" + (psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            if let underlying = psql.underlying { return "\(server): \(psql.code): \(underlying)" }
            return "\(server): \(psql.code)"
        }
        return "\(server): \(error)"
    }
}
