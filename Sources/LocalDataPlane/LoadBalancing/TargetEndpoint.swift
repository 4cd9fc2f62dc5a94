import NIOCore

/// A registered target: an IP target's address and port, resolved once to a socket address.
public struct TargetEndpoint: Sendable, Hashable, CustomStringConvertible {
    public let address: String
    public let port: Int
    let socketAddress: SocketAddress

    public init(address: String, port: Int) throws {
        self.address = address
        self.port = port
        socketAddress = try SocketAddress(ipAddress: address, port: port)
    }

    public var description: String { "\(address):\(port)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.address == rhs.address && lhs.port == rhs.port }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(address)
        hasher.combine(port)
    }
}
