/// The answer to a successful release; always `{"released": true}`.
public struct ReleaseResponse: Codable, Sendable, Hashable {
    public let released: Bool

    public init() {
        released = true
    }
}
