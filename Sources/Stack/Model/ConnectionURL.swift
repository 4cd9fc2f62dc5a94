import Foundation

/// A URL that may carry credentials (`postgres://user:password@host/db`). Its description
/// masks the password so printing a config, an error or a log line cannot leak it.
public struct ConnectionURL: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The full URL, password included: pass it to clients, never print it.
    public let rawValue: String
    public let scheme: String
    public let host: String
    public let port: Int?

    /// Fails unless `text` is an absolute URL with one of `schemes` and a host.
    public init?(_ text: String, schemes: Set<String>) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              schemes.contains(scheme), let host = components.host, !host.isEmpty else { return nil }
        self.rawValue = text
        self.scheme = scheme
        self.host = host
        self.port = components.port
    }

    public var description: String {
        guard var components = URLComponents(string: rawValue), components.password != nil else { return rawValue }
        components.password = "redacted"
        return components.string ?? "\(scheme)://\(host)"
    }

    public var debugDescription: String { description }

    /// `dump` and debuggers see the redacted form only.
    public var customMirror: Mirror { Mirror(self, children: ["url": description]) }
}
