import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The CAs a client accepts a TLS server's certificate from: the system's roots, or the
/// certificates of one PEM file (the RDS bundle in the image, a local CA). The file is read when
/// the roots are made, so a missing or unreadable file fails a process at start, naming the file,
/// rather than every connection later.
public enum TrustRoots: Sendable, Hashable, CustomStringConvertible {
    case system
    case file(path: String, certificates: [NIOSSLCertificate])

    /// `path` nil: the system roots.
    public static func load(_ path: String?) throws(TrustRootsError) -> TrustRoots {
        guard let path else { return .system }
        guard access(path, F_OK) == 0 else { throw TrustRootsError(path: path, problem: "no such file") }
        guard access(path, R_OK) == 0 else { throw TrustRootsError(path: path, problem: "cannot be read") }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw TrustRootsError(path: path, problem: "is not a PEM file of certificates")
        }
        guard !certificates.isEmpty else { throw TrustRootsError(path: path, problem: "holds no PEM certificate") }
        return .file(path: path, certificates: certificates)
    }

    /// A client configuration that checks the server's chain against these roots and its name
    /// (the host connected to, or the address when it is an IP), TLS 1.2 at least.
    public var clientConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .fullVerification
        if case let .file(_, certificates) = self {
            configuration.trustRoots = .certificates(certificates)
        }
        return configuration
    }

    /// What the errors say the chain was checked against: `system roots` or the file.
    public var description: String {
        switch self {
        case .system: "the system roots"
        case let .file(path, _): path
        }
    }
}

/// A CA file that cannot serve as trust roots; names the file, never its content.
public struct TrustRootsError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public var description: String { "CA file \(path): \(problem)" }
}
