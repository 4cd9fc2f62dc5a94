/// A commercial-partition AWS region the stack may deploy to.
///
/// The list is closed on purpose: a typo such as `ap-northeast-3` for `ap-northeast-2` is caught
/// before any call, instead of surfacing as an endpoint DNS failure halfway through `up`.
public struct AWSRegion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let name: String

    /// Fails for names that are not in `knownNames`.
    public init?(_ name: String) {
        guard Self.knownNames.contains(name) else { return nil }
        self.name = name
    }

    public var description: String { name }

    public static func < (lhs: AWSRegion, rhs: AWSRegion) -> Bool { lhs.name < rhs.name }

    /// The compact form used inside resource names: `ap-northeast-1` → `apne1`,
    /// `us-east-1` → `use1`, `eu-central-2` → `euc2`.
    public var shortName: String { Self.shortName(of: name) }

    /// The same for any region-like name (the engine's `RegionName` uses it, so the two can
    /// never disagree); names that are not `<area>-<direction>-<n>` just lose their dashes.
    public static func shortName(of name: String) -> String {
        let parts = name.split(separator: "-")
        guard parts.count == 3 else { return name.replacingOccurrences(of: "-", with: "") }
        let direction = directionAbbreviations[String(parts[1])] ?? String(parts[1])
        return "\(parts[0])\(direction)\(parts[2])"
    }

    private static let directionAbbreviations: [String: String] = [
        "north": "n", "south": "s", "east": "e", "west": "w", "central": "c",
        "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    ]

    /// Commercial regions (the project signs for the `aws` partition only).
    public static let knownNames: [String] = [
        "af-south-1",
        "ap-east-1", "ap-east-2",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1",
        "eu-central-1", "eu-central-2",
        "eu-north-1",
        "eu-south-1", "eu-south-2",
        "eu-west-1", "eu-west-2", "eu-west-3",
        "il-central-1",
        "me-central-1", "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ]

    /// Tokyo and Seoul: the two regions the seed design deploys to.
    public static let apNortheast1 = AWSRegion("ap-northeast-1")!
    public static let apNortheast2 = AWSRegion("ap-northeast-2")!
}
