import Foundation
import Stack

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

    /// The compact form used in deterministic names: `ap-northeast-1` → `apne1`. Delegates to
    /// the stack's rule so engine and stack names always agree.
    public var short: String { AWSRegion.shortName(of: rawValue) }

    public static func < (lhs: RegionName, rhs: RegionName) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
