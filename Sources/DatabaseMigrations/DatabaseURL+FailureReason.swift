import PostgresNIO
import ServerTrust

extension DatabaseURL {
    /// The server's message (never the query text or connection settings), scrubbed of the password.
    func failureReason(_ error: any Error) -> String {
        var error = error
        if let transaction = error as? PostgresTransactionError {
            error = transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? error
        }
        let text: String
        if sslMode == .verifyFull, let roots = try? trustRoots(),
           let refusal = CertificateRefusal.describe((error as? PSQLError)?.underlying ?? error,
                                                     server: "\(host):\(port)", host: host, roots: roots) {
            text = refusal
        } else if let psql = error as? PSQLError {
            if let info = psql.serverInfo, let message = info[.message] {
                let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                text = message + state
            } else if let underlying = psql.underlying {
                text = "\(psql.code): \(String(describing: underlying))"
            } else {
                text = "\(psql.code)"
            }
        } else {
            text = String(describing: error)
        }
        guard let password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }
}
