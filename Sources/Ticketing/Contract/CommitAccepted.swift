/// The 202 answer to a commit: where to poll. `statusUrl` equals the `Location` header.
public struct CommitAccepted: Codable, Sendable, Hashable {
    public let idem: String
    public let statusUrl: String

    public init(idem: String) {
        self.idem = idem
        self.statusUrl = CommitAccepted.statusPath(idem: idem)
    }

    /// `/confirm/status?idem=<key>`; the key's alphabet needs no percent-encoding.
    public static func statusPath(idem: String) -> String {
        "/confirm/status?idem=\(idem)"
    }
}
