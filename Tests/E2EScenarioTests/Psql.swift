import Foundation

/// psql against a database URL, with the password passed in PGPASSWORD (never argv); a failure
/// carries psql's own message, never the URL.
struct Psql {
    let url: String

    func run(_ arguments: [String]) throws {
        guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user else {
            throw StackError("not a postgres URL")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(parts.port ?? 5432),
                             "-U", user, "-d", String(parts.path.dropFirst())] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = parts.password ?? ""
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StackError("psql failed: " + String(decoding: message, as: UTF8.self))
        }
    }
}
