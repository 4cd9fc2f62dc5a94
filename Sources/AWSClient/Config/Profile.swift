/// One named profile, merged from the config file (`[profile name]`) and the credentials
/// file (`[name]`); a key in the credentials file wins. Each value remembers where it was
/// written, so errors can say `~/.aws/config:12`.
public struct Profile: Sendable, Equatable {
    public struct Setting: Sendable, Equatable {
        public var value: String
        /// `~/.aws/config:12`
        public var location: String
        public var subProperties: [String: String]
    }

    public var name: String
    public var settings: [String: Setting]
    /// Where the profile's header is (`~/.aws/config:3`), for messages about the whole profile.
    public var location: String

    public subscript(key: String) -> String? {
        guard let value = settings[key]?.value, !value.isEmpty else { return nil }
        return value
    }

    public func location(of key: String) -> String {
        settings[key]?.location ?? location
    }

    /// `true`/`false` settings, case-insensitive; `nil` when unset.
    public func flag(_ key: String) -> Bool? {
        self[key].map { $0.lowercased() == "true" }
    }
}
