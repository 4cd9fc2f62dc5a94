import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment variables and home directory the configuration is read from.
/// Passed explicitly (never read from process globals below `current()`), so tests are
/// hermetic and can run in parallel with different settings.
public struct AWSEnvironment: Sendable {
    public var variables: [String: String]
    /// Where `~` points (for `~/.aws/config`); `nil` when unknown.
    public var homeDirectory: String?

    public init(_ variables: [String: String] = [:], homeDirectory: String? = nil) {
        self.variables = variables
        self.homeDirectory = homeDirectory
    }

    /// The running process's environment and home directory.
    public static func current() -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AWSEnvironment(variables, homeDirectory: variables["HOME"] ?? Self.passwordDatabaseHome())
    }

    /// The user's home directory from the password database, for processes started without HOME.
    private static func passwordDatabaseHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// A variable's value; empty values count as unset, as in the SDKs.
    public subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// `true`/`false` variables, case-insensitive; `nil` when unset.
    public func flag(_ name: String) -> Bool? {
        self[name].map { $0.lowercased() == "true" }
    }

    /// AWS_CONFIG_FILE, or ~/.aws/config.
    public var configFilePath: String {
        expandingTilde(self["AWS_CONFIG_FILE"] ?? "~/.aws/config")
    }

    /// AWS_SHARED_CREDENTIALS_FILE, or ~/.aws/credentials.
    public var credentialsFilePath: String {
        expandingTilde(self["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
    }

    /// Resolves a leading `~` against `homeDirectory`.
    public func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = homeDirectory else { return path }
        return home + path.dropFirst()
    }

    /// A path as shown in messages: under the home directory it reads `~/…`.
    public func displayPath(_ path: String) -> String {
        guard let home = homeDirectory, !home.isEmpty, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}
