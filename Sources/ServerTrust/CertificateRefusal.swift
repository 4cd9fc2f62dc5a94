import NIOSSL

/// Why a TLS client refused a server, in one line, from the errors NIOSSL raises: a chain that
/// does not lead to the trusted roots, or a certificate that does not name the host connected
/// to. The clients (PostgreSQL, Redis, the migration runner) wrap their transport's errors
/// differently; each unwraps its own and asks here, so all three say it the same way.
public enum CertificateRefusal {
    /// nil when `error` is not about the server's certificate.
    public static func describe(_ error: any Error, server: String, host: String, roots: TrustRoots) -> String? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the TLS certificate of \(server) does not name \(host) (verify-full checks the host name)"
        }
        guard let error = error as? NIOSSLError else { return nil }
        switch error {
        case let .handshakeFailed(reason):
            let detail = String(describing: reason)
            if detail.contains("CERTIFICATE_VERIFY_FAILED") {
                return "the TLS certificate of \(server) does not verify against \(roots) "
                    + "(CERTIFICATE_VERIFY_FAILED: signed by another CA, or expired)"
            }
            return "the TLS handshake with \(server) failed: \(reasonCodes(detail))"
        case .noCertificateToValidate, .unableToValidateCertificate:
            return "the TLS certificate of \(server) could not be checked (\(error))"
        default:
            return nil
        }
    }

    /// BoringSSL's stack as its reason names (`WRONG_VERSION_NUMBER`), one line.
    private static func reasonCodes(_ detail: String) -> String {
        var names: [String] = []
        for word in detail.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "[" || $0 == "]" || $0 == "(" || $0 == ")" }) {
            guard let last = word.split(separator: ":").last.map(String.init), last.count > 3, last.contains("_"),
                  last.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) else { continue }
            names.append(last)
        }
        if names.isEmpty { return detail.split(separator: "\n").map(String.init).joined(separator: " ") }
        return names.joined(separator: ", ")
    }
}
