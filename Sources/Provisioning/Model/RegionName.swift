import Foundation

/// An AWS region name (or `global` for IAM-like services). The stack module validates names;
/// the engine only uses them as keys, to bound concurrency per region, and for short names.
public struct RegionName: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Resources of global services (IAM, CloudFront) that belong to no region.
    public static let global = RegionName("global")

    public var description: String { rawValue }

    /// The compact form used in deterministic names: `ap-northeast-1` → `apne1`.
    public var short: String {
        let parts = rawValue.split(separator: "-").map(String.init)
        guard parts.count == 3 else { return rawValue.replacingOccurrences(of: "-", with: "") }
        let direction = Self.directionAbbreviations[parts[1]] ?? String(parts[1].prefix(2))
        return parts[0] + direction + parts[2]
    }

    public static func < (lhs: RegionName, rhs: RegionName) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    private static let directionAbbreviations: [String: String] = [
        "north": "n", "south": "s", "east": "e", "west": "w", "central": "c",
        "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    ]
}
