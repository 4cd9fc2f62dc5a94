import PostgresNIO

/// The SQLSTATE of a failed statement, to tell a unique-key race (an expected outcome under
/// concurrency) from a real failure.
enum PostgresErrorCode {
    static let uniqueViolation = "23505"

    static func sqlState(of error: any Error) -> String? {
        var error = error
        if let transaction = error as? PostgresTransactionError {
            error = transaction.closureError ?? transaction.commitError ?? error
        }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
