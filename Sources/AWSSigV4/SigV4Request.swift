/// An HTTP request as the signer sees it. Header names keep their case; order is kept.
public struct SigV4Request: Sendable {
    public var method: String
    /// Full URL: scheme, host[:port], raw path and raw query exactly as they go on the wire.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var payload: SigV4Payload

    public init(method: String, url: String, headers: [(name: String, value: String)], payload: SigV4Payload) {
        self.method = method
        self.url = url
        self.headers = headers
        self.payload = payload
    }

    /// The values of every header called `name` (case-insensitive), in request order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }
}
