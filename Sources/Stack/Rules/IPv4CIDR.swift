/// An IPv4 network in CIDR notation, always normalised (no host bits set).
public struct IPv4CIDR: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The network address as a 32-bit number.
    public let network: UInt32
    public let prefixLength: Int

    /// Fails when `network` has host bits set for `prefixLength` or the prefix is out of range.
    public init?(network: UInt32, prefixLength: Int) {
        guard (0...32).contains(prefixLength), network & ~Self.mask(prefixLength) == 0 else { return nil }
        self.network = network
        self.prefixLength = prefixLength
    }

    /// Why a text is not a usable CIDR; `hostBitsSet` carries the network the user likely meant.
    public enum ParseError: Error, Equatable, Sendable {
        case malformed
        case hostBitsSet(suggestion: IPv4CIDR)
    }

    /// Parses `a.b.c.d/n` strictly: decimal octets without leading zeros, prefix 0–32.
    public static func parse(_ text: String) -> Result<IPv4CIDR, ParseError> {
        let halves = text.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, let prefix = decimal(halves[1], max: 32) else { return .failure(.malformed) }
        let octets = halves[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return .failure(.malformed) }
        var address: UInt32 = 0
        for octet in octets {
            guard let value = decimal(octet, max: 255) else { return .failure(.malformed) }
            address = address << 8 | UInt32(value)
        }
        let network = address & mask(prefix)
        let cidr = IPv4CIDR(network: network, prefixLength: prefix)!
        return network == address ? .success(cidr) : .failure(.hostBitsSet(suggestion: cidr))
    }

    /// Number of addresses in the network.
    public var size: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }

    /// The last address, as a number.
    public var broadcast: UInt32 { network | ~Self.mask(prefixLength) }

    public func overlaps(_ other: IPv4CIDR) -> Bool {
        network <= other.broadcast && other.network <= broadcast
    }

    public func contains(_ other: IPv4CIDR) -> Bool {
        network <= other.network && other.broadcast <= broadcast
    }

    public var description: String {
        let octets = stride(from: 24, through: 0, by: -8).map { String((network >> UInt32($0)) & 0xff) }
        return octets.joined(separator: ".") + "/\(prefixLength)"
    }

    public static func < (lhs: IPv4CIDR, rhs: IPv4CIDR) -> Bool {
        (lhs.network, lhs.prefixLength) < (rhs.network, rhs.prefixLength)
    }

    static func mask(_ prefixLength: Int) -> UInt32 {
        prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength)
    }

    private static func decimal(_ text: Substring, max: Int) -> Int? {
        guard !text.isEmpty, text.count <= 3, text.allSatisfy(\.isASCIIDigit),
              text == "0" || text.first != "0", let value = Int(text), value <= max else { return nil }
        return value
    }
}
