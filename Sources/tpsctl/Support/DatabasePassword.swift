import DatabaseMigrations
import Foundation

/// Where `db-init` takes the database's password from: never its arguments, which every user of
/// the machine reads in `ps`. The URL comes from `--database-url` (without a password) or
/// TPS_DATABASE_URL (the environment is private to the process's user); the password from the
/// URL in the environment, `--password-file`, or PGPASSWORD (libpq's variable).
enum DatabasePassword {
    static let urlVariable = "TPS_DATABASE_URL"
    static let passwordVariable = "PGPASSWORD"

    static func url(flag: String?, passwordFile: String?, environment: [String: String]) throws -> DatabaseURL {
        let url: DatabaseURL
        if let flag {
            url = try DatabaseURL(flag)
            guard !url.hasPassword else {
                throw DatabasePasswordError(
                    "--database-url \(url.redacted): holds a password, which other users see in `ps`; leave it out and set \(passwordVariable) or --password-file")
            }
        } else if let text = environment[urlVariable], !text.isEmpty {
            url = try DatabaseURL(text)
        } else {
            throw DatabasePasswordError("--database-url: missing (or set \(urlVariable))")
        }
        if let passwordFile {
            let text: String
            do {
                text = try String(contentsOfFile: passwordFile, encoding: .utf8)
            } catch {
                throw DatabasePasswordError("--password-file \(passwordFile): cannot read it")
            }
            guard let line = text.split(separator: "\n", omittingEmptySubsequences: false).first, !line.isEmpty else {
                throw DatabasePasswordError("--password-file \(passwordFile): the first line is empty")
            }
            return url.with(password: String(line))
        }
        if !url.hasPassword, let password = environment[passwordVariable], !password.isEmpty {
            return url.with(password: password)
        }
        return url
    }
}

/// A database URL or password given the wrong way; one line naming the flag.
struct DatabasePasswordError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
